"""The language a vacancy is written in: English, Dutch or French.

`detect_language` suggests one from the text by counting each language's most common short
words (articles, pronouns, prepositions): a few hundred words of a job description settle it
without any dictionary or model. The poster's choice always wins; the suggestion only fills a
language nobody chose.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    DUTCH = "nl", _("Dutch")
    FRENCH = "fr", _("French")


# PostgreSQL's text-search configuration for each language (the vector's trigger and the
# query builder name the same ones).
SEARCH_CONFIGS: dict[str, str] = {"en": "english", "nl": "dutch", "fr": "french"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words frequent in one language and rare in the other two: none is in two lists ("de",
# "en", "is", "of", "on" and "over" are left out for that reason).
STOP_WORDS = {
    VacancyLanguage.ENGLISH: _words(
        "the and of to in for with you your our are be will this that as an at by "
        "from or have has who what which about their they it its into"
    ),
    VacancyLanguage.DUTCH: _words(
        "het een van voor met je jij jouw u uw wij ons onze zijn bent wordt "
        "worden dat deze die dit op aan bij naar als ook om te niet heb hebt heeft binnen "
        "onder werk ervaring"
    ),
    VacancyLanguage.FRENCH: _words(
        "le la les un une des du et au aux pour avec vous votre vos nous notre nos est sont "
        "sera dans sur par que qui ce cette ces ou pas être avez avons chez leur "
        "travail équipe expérience"
    ),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect_language(text: str) -> str:
    """The most likely of en, nl and fr for `text` (HTML or Markdown are fine); English
    when nothing tells, as the board was English before vacancies had a language."""
    counts = dict.fromkeys(STOP_WORDS, 0)
    for word in _WORD.findall(text.lower()):
        # "l'équipe", "d'expérience": the article and the word each count.
        for part in re.split(r"['’]", word):
            for language, words in STOP_WORDS.items():
                if part in words or (len(part) == 1 and language == "fr" and part in "ldnjc"):
                    counts[language] += 1
    best = max(counts, key=lambda language: counts[language])
    if counts[best] == 0 or list(counts.values()).count(counts[best]) > 1:
        return VacancyLanguage.ENGLISH
    return best

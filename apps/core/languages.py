"""The portal's languages, and the columns of a field that staff write in each of them.

Organization descriptions, events, news and pages keep a column per language next to the
original field (django-modeltranslation, registered in each app's `translation.py`).
"""

from django.conf import settings


def language_codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def in_every_language(*fields: str) -> list[str]:
    """["description_en", "description_nl", "description_fr"] for "description"."""
    return [f"{field}_{code}" for field in fields for code in language_codes()]

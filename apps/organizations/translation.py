"""What staff and owners write about an organization, in each language (django-modeltranslation).

`description` reads the request's language, falling back to the others (the settings'
`MODELTRANSLATION_FALLBACK_LANGUAGES`); `description_en`, `description_nl` and
`description_fr` are real columns that the directory's search reads.
"""

from modeltranslation.translator import TranslationOptions, register

from apps.organizations.models import Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("description",)

import factory

from apps.accounts.tests.factories import UserFactory
from apps.invitations.models import InvitationToApply
from apps.vacancies.tests.factories import VacancyFactory


class InvitationToApplyFactory(factory.django.DjangoModelFactory):
    """An invitation waiting for an answer, written directly (no notice is made)."""

    class Meta:
        model = InvitationToApply

    vacancy = factory.SubFactory(VacancyFactory, published=True)
    organization = factory.LazyAttribute(lambda invitation: invitation.vacancy.organization)
    invitee = factory.SubFactory(UserFactory)
    invited_by = None
    message = "Your profile fits our team."

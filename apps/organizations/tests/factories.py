import factory

from apps.accounts.tests.factories import UserFactory
from apps.organizations.models import (
    Invitation,
    Membership,
    MembershipRequest,
    Organization,
    Sector,
    VerificationRequest,
)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Biotech {n} NV")
    slug = factory.Sequence(lambda n: f"biotech-{n}")
    kind = "company"
    city = "Ghent"
    description = factory.Faker("paragraph")
    verified = False

    @factory.post_generation
    def sectors(organization, create, extracted, **kwargs):
        if create:
            slugs = extracted if extracted is not None else ["health"]
            organization.sectors.set(Sector.objects.filter(slug__in=slugs))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "recruiter"


class MembershipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipRequest

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    message = "I work here."


class VerificationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VerificationRequest

    organization = factory.SubFactory(OrganizationFactory)
    requested_by = factory.SubFactory(UserFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation, written directly (no notice is made)."""

    class Meta:
        model = Invitation

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = "recruiter"
    invited_by = factory.SubFactory(UserFactory)

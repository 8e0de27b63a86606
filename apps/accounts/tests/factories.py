import factory
from allauth.account.models import EmailAddress

from apps.accounts.models import User

DEFAULT_PASSWORD = "a-long-test-password-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def email_verified(user, create, extracted, **kwargs):
        """Every factory user has a verified primary address unless `email_verified=False`."""
        if create:
            verified = True if extracted is None else bool(extracted)
            EmailAddress.objects.create(
                user=user, email=user.email, primary=True, verified=verified
            )

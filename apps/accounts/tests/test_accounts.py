import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def confirmation_link(message) -> str:
    return re.search(
        r"https?://[^/\s]+(/[a-z]{2}/accounts/confirm-email/[^\s]+/)", message.body
    ).group(1)


class TestUserModel:
    def test_email_is_the_login_and_is_stored_lowercase(self):
        user = User.objects.create_user(email="  Marie.Curie@Example.ORG ", password="x")
        assert user.email == "marie.curie@example.org"
        assert User.USERNAME_FIELD == "email"
        assert not hasattr(user, "username")

    def test_superuser_is_staff(self):
        admin = User.objects.create_superuser(email="root@example.org", password="x")
        assert admin.is_staff and admin.is_superuser

    def test_display_name_falls_back_to_the_address(self):
        assert UserFactory(first_name="", last_name="", email="li@example.org").display_name == "li"


class TestSignUpAndVerification:
    def test_sign_up_sends_a_verification_email_and_blocks_sign_in_until_confirmed(self, client):
        response = client.post(
            reverse("account_signup"),
            {
                "first_name": "Nora",
                "last_name": "Peeters",
                "email": "New.Person@example.org",
                "password1": "Helix-2026-lab",
                "password2": "Helix-2026-lab",
            },
        )
        assert response.status_code == 302
        user = User.objects.get(email="new.person@example.org")
        assert (user.first_name, user.last_name) == ("Nora", "Peeters")
        assert not EmailAddress.objects.get(user=user).verified
        assert len(mail.outbox) == 1
        assert "new.person@example.org" in mail.outbox[0].to

        client.logout()
        response = client.post(
            reverse("account_login"),
            {"login": "new.person@example.org", "password": "Helix-2026-lab"},
        )
        assert response.status_code == 302
        assert response.url == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in client.session

        link = confirmation_link(mail.outbox[-1])
        assert client.get(link).status_code == 200
        response = client.post(link)
        assert response.status_code == 302
        assert EmailAddress.objects.get(user=user).verified

        client.logout()
        response = client.post(
            reverse("account_login"),
            {"login": "new.person@example.org", "password": "Helix-2026-lab"},
        )
        assert response.status_code == 302
        assert int(client.session["_auth_user_id"]) == user.pk

    def test_sign_up_with_a_taken_address_creates_nothing_and_reveals_nothing(self, client):
        owner = UserFactory(email="taken@example.org")
        response = client.post(
            reverse("account_signup"),
            {
                "first_name": "Taken",
                "email": "TAKEN@example.org",
                "password1": "Helix-2026-lab",
                "password2": "Helix-2026-lab",
            },
        )
        # The same answer as a fresh sign-up, so addresses cannot be probed; the owner is told.
        assert response.status_code == 302
        assert User.objects.filter(email="taken@example.org").count() == 1
        assert not owner.__class__.objects.get(pk=owner.pk).check_password("Helix-2026-lab")
        assert mail.outbox[-1].to == ["taken@example.org"]

    def test_sign_up_with_a_weak_password_is_refused_next_to_the_password(self, client):
        response = client.post(
            reverse("account_signup"),
            {
                "first_name": "Wim",
                "email": "weak@example.org",
                "password1": "123",
                "password2": "123",
            },
        )
        assert response.status_code == 200
        assert not User.objects.filter(email="weak@example.org").exists()
        page = response.content.decode()
        # The errors follow the password field itself, before its hints and the next field.
        field = page[page.index('id="id_password1"') : page.index('for="id_password2"')]
        assert field.index('id="id_password1_error"') < field.index("id_password1_helptext")
        assert "This password is too short" in field

    def test_sign_up_asks_for_a_name(self, client):
        page = client.get(reverse("account_signup")).content.decode()
        assert page.index('for="id_first_name"') < page.index('for="id_email"')
        response = client.post(
            reverse("account_signup"),
            {
                "email": "anon@example.org",
                "password1": "Helix-2026-lab",
                "password2": "Helix-2026-lab",
            },
        )
        assert response.status_code == 200
        assert 'id="id_first_name_error"' in response.content.decode()
        assert not User.objects.filter(email="anon@example.org").exists()

    def test_sign_in_and_sign_up_are_written_one_way(self, client):
        for name in ("account_login", "account_signup"):
            page = client.get(reverse(name)).content.decode()
            assert "Sign In" not in page and "Sign Up" not in page and "Signup" not in page
            assert "Sign in" in page and "Sign up" in page

    def test_the_check_your_email_page_says_where_mail_goes(self, client, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
        page = client.get(reverse("account_email_verification_sent")).content.decode()
        assert "printed in the terminal where the portal runs" in page
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        page = client.get(reverse("account_email_verification_sent")).content.decode()
        assert "printed in the terminal" not in page and "spam folder" in page


class TestSignInOutAndPasswordReset:
    def test_sign_in_and_out(self, client):
        user = UserFactory()
        response = client.post(
            reverse("account_login"), {"login": user.email.upper(), "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302
        assert client.get(reverse("dashboard")).status_code == 200
        client.post(reverse("account_logout"))
        assert client.get(reverse("dashboard")).status_code == 302

    def test_wrong_password_is_refused(self, client):
        user = UserFactory()
        response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_password_reset_emails_a_working_link(self, client):
        user = UserFactory()
        client.post(reverse("account_reset_password"), {"email": user.email})
        assert len(mail.outbox) == 1
        link = re.search(
            r"https?://[^/\s]+(/[a-z]{2}/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body
        ).group(1)
        response = client.get(link, follow=True)
        form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
        response = client.post(
            form_url, {"password1": "Another-Lab-2027", "password2": "Another-Lab-2027"}
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.check_password("Another-Lab-2027")


class TestAccountSettingsPage:
    def test_requires_sign_in(self, client):
        response = client.get(reverse("account_settings"))
        assert response.status_code == 302
        assert reverse("account_login") in response.url

    def test_edits_the_name(self, client):
        user = UserFactory()
        client.force_login(user)
        page = client.get(reverse("account_settings"))
        assert page.status_code == 200
        assert reverse("account_email") in page.content.decode()
        assert reverse("account_change_password") in page.content.decode()
        response = client.post(
            reverse("account_settings"), {"first_name": " Lieve ", "last_name": "Ongena"}
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert (user.first_name, user.last_name) == ("Lieve", "Ongena")

    def test_a_too_long_name_is_a_400_with_the_error_next_to_the_field(self, client):
        user = UserFactory(first_name="Old")
        client.force_login(user)
        response = client.post(
            reverse("account_settings"), {"first_name": "x" * 151, "last_name": ""}
        )
        assert response.status_code == 400
        assert 'id="id_first_name_error"' in response.content.decode()
        user.refresh_from_db()
        assert user.first_name == "Old"

    def test_changing_the_email_goes_through_verification(self, client):
        user = UserFactory(email="old@example.org")
        client.force_login(user)
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "new@example.org"}
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.email == "old@example.org"  # until the new address is confirmed
        assert mail.outbox[-1].to == ["new@example.org"]
        client.post(confirmation_link(mail.outbox[-1]))
        user.refresh_from_db()
        assert user.email == "new@example.org"

    def test_the_password_change_page_works(self, client):
        user = UserFactory()
        client.force_login(user)
        response = client.post(
            reverse("account_change_password"),
            {
                "oldpassword": DEFAULT_PASSWORD,
                "password1": "Changed-Lab-2028",
                "password2": "Changed-Lab-2028",
            },
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.check_password("Changed-Lab-2028")


class TestApiToken:
    url = "/api/v1/auth/token/"

    def test_email_and_password_give_a_token_that_authenticates(self, api_client):
        user = UserFactory()
        response = api_client.post(self.url, {"email": user.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 200
        token = response.json()["token"]
        me = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
        assert me.status_code == 200
        assert me.json()["email"] == user.email

    def test_the_same_token_is_returned_twice(self, api_client):
        user = UserFactory()
        first = api_client.post(self.url, {"email": user.email, "password": DEFAULT_PASSWORD})
        second = api_client.post(self.url, {"email": user.email, "password": DEFAULT_PASSWORD})
        assert first.json()["token"] == second.json()["token"]

    @pytest.mark.parametrize(
        "payload",
        [
            {"email": "person@example.org", "password": "wrong"},
            {"email": "nobody@example.org", "password": DEFAULT_PASSWORD},
            {"email": "not-an-email", "password": DEFAULT_PASSWORD},
            {"email": "person@example.org"},
            {},
        ],
    )
    def test_bad_credentials_are_a_400(self, api_client, payload):
        UserFactory(email="person@example.org")
        response = api_client.post(self.url, payload)
        assert response.status_code == 400
        assert "token" not in response.json()

    def test_an_unverified_address_gets_no_token(self, api_client):
        user = UserFactory(email_verified=False)
        response = api_client.post(self.url, {"email": user.email, "password": DEFAULT_PASSWORD})
        assert response.status_code == 400
        assert "not verified" in response.json()["detail"]

    def test_a_revoked_or_made_up_token_is_a_401(self, api_client):
        user = UserFactory()
        token = api_client.post(
            self.url, {"email": user.email, "password": DEFAULT_PASSWORD}
        ).json()["token"]
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert api_client.delete(self.url).status_code == 204
        assert api_client.get("/api/v1/me/").status_code == 401
        api_client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
        assert api_client.get("/api/v1/me/").status_code == 401

    def test_me_edits_the_name_but_not_the_email_or_staff_flag(self, api_client):
        user = UserFactory()
        api_client.force_authenticate(user)
        response = api_client.patch(
            "/api/v1/me/", {"first_name": "Marc", "email": "x@example.org", "is_staff": True}
        )
        assert response.status_code == 200
        user.refresh_from_db()
        assert user.first_name == "Marc"
        assert user.email != "x@example.org"
        assert not user.is_staff

    def test_me_needs_authentication(self, api_client):
        assert api_client.get("/api/v1/me/").status_code in (401, 403)

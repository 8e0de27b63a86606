"""One lockout for every password check: the web sign-in, the API token, erasing an account.

Failed checks are counted per address and per client (`ACCOUNT_RATE_LIMITS["login_failed"]`,
on by default); once the limit is reached every attempt is refused before any password is
hashed, the right password included. The client is the connection's address: a client's
own X-Forwarded-For counts only behind as many proxies as `NUM_PROXIES` says.
"""

import pytest
from django.contrib.auth.hashers import check_password as real_check_password
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from apps.accounts.models import User
from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"
# The portal's default (portal/tests/test_settings.py checks that it is).
DEFAULT_LOCKOUT = {"login_failed": "10/m/ip,5/15m/key"}
LIMIT_PER_ADDRESS = 5


@pytest.fixture(autouse=True)
def lockout(settings):
    # The test settings switch allauth's limits off; these tests run with the portal's own.
    settings.ACCOUNT_RATE_LIMITS = DEFAULT_LOCKOUT


@pytest.fixture
def behind_one_proxy(settings):
    """What `NUM_PROXIES=1` in the environment sets: the same count for every rate limit."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


@pytest.fixture
def hashes(monkeypatch):
    """Counts password hashes, the costly part of every check (about 0.9 s of CPU each)."""
    counted = []

    def counting(password, encoded, setter=None, preferred="default"):
        counted.append(password)
        return real_check_password(password, encoded, setter, preferred)

    real_set_password = User.set_password

    def counting_set_password(user, raw_password):
        counted.append(raw_password)  # the dummy hash that hides whether an address exists
        return real_set_password(user, raw_password)

    monkeypatch.setattr("django.contrib.auth.base_user.check_password", counting)
    monkeypatch.setattr(User, "set_password", counting_set_password)
    return counted


def token_attempt(email: str, password: str, *, forwarded_for: str = "", address="203.0.113.9"):
    headers = {"REMOTE_ADDR": address}
    if forwarded_for:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return APIClient().post(TOKEN_URL, {"email": email, "password": password}, **headers)


def web_sign_in(client, email: str, password: str, *, address="203.0.113.9"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


class TestPerAddress:
    def test_guesses_on_the_api_with_changing_forwarded_for_lock_the_account(self):
        user = UserFactory()
        for guess in range(LIMIT_PER_ADDRESS):
            response = token_attempt(user.email, f"guess-{guess}", forwarded_for=f"10.0.0.{guess}")
            assert response.status_code == 400
        right = token_attempt(user.email, DEFAULT_PASSWORD, forwarded_for="10.9.9.9")
        assert right.status_code == 429
        assert "token" not in right.json()
        assert right.json() == {"detail": "Too many failed sign-in attempts. Try again later."}

    def test_failures_on_the_api_lock_the_web_sign_in(self, client):
        user = UserFactory()
        for guess in range(LIMIT_PER_ADDRESS):
            token_attempt(user.email.upper(), f"guess-{guess}")
        response = web_sign_in(client, user.email, DEFAULT_PASSWORD, address="198.51.100.4")
        assert not signed_in(client)
        assert "Too many failed login attempts" in response.content.decode()

    def test_failures_on_the_web_lock_the_api(self, client):
        user = UserFactory()
        for guess in range(LIMIT_PER_ADDRESS):
            web_sign_in(client, user.email, f"guess-{guess}")
            assert not signed_in(client)
        assert token_attempt(user.email, DEFAULT_PASSWORD, address="198.51.100.4").status_code == (
            429
        )

    def test_a_locked_account_costs_no_more_hashing(self, client, hashes):
        user = UserFactory()
        for guess in range(LIMIT_PER_ADDRESS):
            token_attempt(user.email, f"guess-{guess}", address=f"198.51.100.{guess}")
        # One hash per failed attempt (there used to be two: two backends checked it).
        assert len(hashes) == LIMIT_PER_ADDRESS
        for guess in range(20):
            token_attempt(user.email, f"more-{guess}", address=f"192.0.2.{guess}")
            web_sign_in(client, user.email, f"more-{guess}", address=f"192.0.2.{guess}")
        assert len(hashes) == LIMIT_PER_ADDRESS

    def test_others_still_sign_in_and_success_costs_nothing_on_the_count(self, client):
        locked, other = UserFactory(), UserFactory()
        for guess in range(LIMIT_PER_ADDRESS):
            token_attempt(locked.email, f"guess-{guess}")
        for _ in range(LIMIT_PER_ADDRESS + 2):  # successes are not failures
            assert token_attempt(other.email, DEFAULT_PASSWORD).status_code == 200
        web_sign_in(client, other.email, DEFAULT_PASSWORD)
        assert signed_in(client)


class TestTheAdmin:
    def test_its_login_checks_no_password_and_sends_to_the_sign_in_page(self, client, hashes):
        staff = UserFactory(is_staff=True)
        response = client.post(
            "/admin/login/?next=/admin/", {"username": staff.email, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
        assert hashes == []
        assert not signed_in(client)

    def test_staff_reach_it_through_the_sign_in_page(self, client):
        staff = UserFactory(is_staff=True)
        client.post(
            reverse("account_login") + "?next=/admin/",
            {"login": staff.email, "password": DEFAULT_PASSWORD},
        )
        assert client.get("/admin/").status_code == 200


class TestPerClient:
    def test_one_client_guessing_many_addresses_is_stopped(self, hashes):
        for guess in range(10):  # "10/m/ip"
            email = f"nobody{guess}@example.org"
            assert token_attempt(email, "x", forwarded_for=f"10.1.1.{guess}").status_code == 400
        assert token_attempt("nobody-else@example.org", "x").status_code == 429
        assert len(hashes) == 10

    def test_behind_one_proxy_the_address_it_appends_is_the_client(self, behind_one_proxy):
        proxy = "10.0.0.1"
        for guess in range(10):
            # The client's own part of the header changes; what the proxy saw does not.
            forwarded = f"172.16.0.{guess}, 203.0.113.50"
            response = token_attempt(
                f"nobody{guess}@example.org", "x", forwarded_for=forwarded, address=proxy
            )
            assert response.status_code == 400
        same_client = token_attempt(
            "a@example.org", "x", forwarded_for="1.2.3.4, 203.0.113.50", address=proxy
        )
        assert same_client.status_code == 429
        other_client = token_attempt(
            "b@example.org", "x", forwarded_for="203.0.113.51", address=proxy
        )
        assert other_client.status_code == 400


class TestApiThrottles:
    @pytest.fixture
    def tight_anonymous_rate(self, monkeypatch):
        # DRF reads the rates once, at import: the class attribute is what counts.
        monkeypatch.setattr(
            SimpleRateThrottle, "THROTTLE_RATES", {"anon": "5/minute", "user": "5/minute"}
        )

    def test_forwarded_for_does_not_reset_the_throttle(self, tight_anonymous_rate):
        client = APIClient()
        for n in range(5):
            response = client.get(
                "/api/v1/organizations/", HTTP_X_FORWARDED_FOR=f"10.2.0.{n}", REMOTE_ADDR="1.1.1.1"
            )
            assert response.status_code == 200
        response = client.get(
            "/api/v1/organizations/", HTTP_X_FORWARDED_FOR="10.2.0.99", REMOTE_ADDR="1.1.1.1"
        )
        assert response.status_code == 429

    def test_behind_a_proxy_each_client_has_its_own_count(
        self, tight_anonymous_rate, behind_one_proxy
    ):
        client = APIClient()
        for n in range(5):
            client.get(
                "/api/v1/organizations/",
                HTTP_X_FORWARDED_FOR=f"10.2.0.{n}, 203.0.113.60",
                REMOTE_ADDR="10.0.0.1",
            )
        throttled = client.get(
            "/api/v1/organizations/",
            HTTP_X_FORWARDED_FOR="203.0.113.60",
            REMOTE_ADDR="10.0.0.1",
        )
        assert throttled.status_code == 429
        another = client.get(
            "/api/v1/organizations/", HTTP_X_FORWARDED_FOR="203.0.113.61", REMOTE_ADDR="10.0.0.1"
        )
        assert another.status_code == 200


class TestEraseNeedsThePassword:
    def test_the_api_refuses_without_or_with_a_wrong_password(self):
        user = UserFactory()
        client = APIClient()
        client.force_authenticate(user)
        missing = client.delete("/api/v1/me/")
        assert missing.status_code == 400 and "password" in missing.json()
        wrong = client.delete("/api/v1/me/", {"password": "not-it"})
        assert wrong.status_code == 400
        assert wrong.json() == {"password": ["That is not your password."]}
        assert User.objects.filter(pk=user.pk).exists()
        assert client.delete("/api/v1/me/", {"password": DEFAULT_PASSWORD}).status_code == 204
        assert not User.objects.filter(pk=user.pk).exists()

    def test_wrong_passwords_count_towards_the_lockout(self, client):
        user = UserFactory()
        api = APIClient()
        api.force_authenticate(user)
        for guess in range(LIMIT_PER_ADDRESS):
            assert api.delete("/api/v1/me/", {"password": f"guess-{guess}"}).status_code == 400
        assert api.delete("/api/v1/me/", {"password": DEFAULT_PASSWORD}).status_code == 429
        client.force_login(user)
        page = client.post(reverse("account_erase"), {"password": DEFAULT_PASSWORD})
        assert page.status_code == 429
        assert User.objects.filter(pk=user.pk).exists()

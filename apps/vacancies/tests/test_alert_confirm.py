"""'Save as alert' while signed out: sign in, then confirm the alert with the search filled in."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.vacancies.models import JobAlert

pytestmark = pytest.mark.django_db


def test_signed_out_the_jobs_page_sends_the_search_along_in_the_address():
    page = (
        Client()
        .get(reverse("vacancies:list"), {"q": "antibody", "contract": "permanent"})
        .content.decode()
    )
    form = page[page.index('class="alert-form"') - 80 :]
    form = form[: form.index("</form>")]
    assert 'method="get"' in form and 'action="/en/alerts/new/"' in form
    assert 'name="q" value="antibody"' in form and 'name="contract" value="permanent"' in form
    assert "csrfmiddlewaretoken" not in form


def test_sign_in_leads_to_a_confirmation_with_the_search_then_saves_it():
    user = UserFactory()
    client = Client()
    target = reverse("alerts:create") + "?q=antibody&contract=permanent&frequency=weekly"
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + f"?next={quote(target, safe='/')}"

    client.force_login(user)
    page = client.get(target)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Save this search as an alert" in html
    assert "antibody" in html and "Permanent" in html
    assert '<option value="weekly" selected>' in html
    assert not JobAlert.objects.exists()

    response = client.post(
        reverse("alerts:create"),
        {"q": "antibody", "contract": "permanent", "frequency": "weekly", "name": "Antibodies"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("alerts:list")
    alert = JobAlert.objects.get(user=user)
    assert alert.filters == {"q": "antibody", "contract": "permanent"}
    assert (alert.frequency, alert.name) == ("weekly", "Antibodies")


def test_a_bad_search_in_the_address_is_a_clear_400():
    client = Client()
    client.force_login(UserFactory())
    response = client.get(reverse("alerts:create") + "?contract=castle")
    assert response.status_code == 400
    assert not JobAlert.objects.exists()

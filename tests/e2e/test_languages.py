"""The portal in the visitor's language: the job board in Dutch and an event in French, in a
browser that asks for them (Accept-Language), at the address of that language.

These tests take the README's screenshots jobs-dutch.png and event-french.png.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from tests.e2e.conftest import e2e_db, save_screenshot, sign_in
from tests.e2e.test_every_role_on_a_phone import cluster  # noqa: F401  (the same small cluster)

pytestmark = [pytest.mark.e2e, e2e_db]


def address(language: str, name: str, **kwargs) -> str:
    """A page's path in a language (with its language prefix once the URLs carry one)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def words(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def test_the_job_board_in_dutch(server, live_server, cluster, page: Page):  # noqa: F811
    page.set_extra_http_headers({"Accept-Language": "nl-BE,nl;q=0.9"})
    page.goto(live_server.url + address("nl", "vacancies:list"))

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    heading = words("nl", "Jobs in life sciences")
    assert heading != "Jobs in life sciences"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("complementary", name=words("nl", "Filters"))).to_be_visible()
    expect(page.get_by_role("link", name=words("nl", "Sign in"), exact=True)).to_be_visible()
    # The vacancies keep their own words: only the interface is translated.
    expect(page.get_by_role("link", name=cluster["vacancy"].title).first).to_be_visible()
    save_screenshot(page, "jobs-dutch.png")


def test_an_event_in_french(server, live_server, cluster, page: Page):  # noqa: F811
    sign_in(page, server, cluster["seeker"].email)
    page.set_extra_http_headers({"Accept-Language": "fr-BE,fr;q=0.9"})
    event = cluster["event"]
    page.goto(live_server.url + address("fr", "events:detail", slug=event.slug))

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    for msgid in ("When", "Where", "Registration"):
        assert words("fr", msgid) != msgid
        expect(page.get_by_text(words("fr", msgid), exact=True).first).to_be_visible()
    expect(page.get_by_text(words("fr", "You are registered")).first).to_be_visible()
    expect(page.get_by_role("button", name=words("fr", "Cancel my registration"))).to_be_visible()
    save_screenshot(page, "event-french.png")

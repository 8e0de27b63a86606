"""Browser tests: Chromium driven by Playwright against pytest-django's live server.

Run them alone with ``pytest tests/e2e -m e2e``. A failing test leaves a full-page
screenshot in ``test-artifacts/e2e/<test name>.png`` at the repository root.

Two things about Playwright's sync API shape this file:

* While it runs, an asyncio event loop counts as running in the test thread. Django then
  refuses ORM calls from the test (``SynchronousOnlyOperation``) unless
  ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set, and keeps its database connections in
  context-local instead of thread-local storage. So Chromium is started by the first
  browser test and stopped right after the last one, with the variable set only in
  between: set for the whole run, it would leak into the subprocesses other tests start
  (``manage.py check --deploy`` fails on it with async.E001).
* Because the connection the test database was created on is not the one used once
  Playwright runs, ``serialized_rollback=True`` cannot restore the migrations' data when
  the database was set up by an earlier, non-browser test. The live server's
  transactional tests empty every table after each test, so the ``reference_data``
  fixture re-runs the data migrations' own functions (sectors, site) before each test.
"""

import importlib
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts" / "e2e"
# The README's pictures change only on purpose (`make screenshots`); a test run writes its
# screenshots next to the failure screenshots, so it leaves the checkout clean.
SCREENSHOTS_DIR = (
    REPO_ROOT / "docs" / "screenshots"
    if os.environ.get("UPDATE_SCREENSHOTS") == "1"
    else REPO_ROOT / "test-artifacts" / "screenshots"
)
VIEWPORT = {"width": 1280, "height": 900}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"

# What every browser test's database needs: committed rows the live server can read.
e2e_db = pytest.mark.django_db(transaction=True)

expect.set_options(timeout=10_000)


def _is_e2e(item: pytest.Item | None) -> bool:
    return item is not None and E2E_DIR in Path(str(item.path)).resolve().parents


class _Chromium:
    """One Chromium for the browser tests of a run, and the environment it needs."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._saved_async_unsafe: str | None = None

    def start(self) -> Browser:
        if self._browser is None or not self._browser.is_connected():
            self.stop()
            self._saved_async_unsafe = os.environ.get(ASYNC_UNSAFE)
            os.environ[ASYNC_UNSAFE] = "true"
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
        return self._browser

    def stop(self) -> None:
        if self._playwright is None:
            return
        try:
            if self._browser is not None and self._browser.is_connected():
                self._browser.close()
            self._playwright.stop()
        finally:
            self._playwright = self._browser = None
            if self._saved_async_unsafe is None:
                os.environ.pop(ASYNC_UNSAFE, None)
            else:
                os.environ[ASYNC_UNSAFE] = self._saved_async_unsafe


_chromium = _Chromium()


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, even one whose module forgot pytestmark."""
    for item in items:
        if _is_e2e(item):
            item.add_marker(pytest.mark.e2e)
            # The live server serves static files from the finders; no collectstatic here.
            item.add_marker(pytest.mark.filterwarnings("ignore:No directory at:UserWarning"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so the page fixture knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last browser test (its database flush included), stop Chromium."""
    result = yield
    if _is_e2e(item) and not _is_e2e(nextitem):
        _chromium.stop()
    return result


@pytest.fixture(scope="session")
def browser():
    """Chromium, launched once for the run (see the module's docstring for when it stops)."""
    yield _chromium.start()
    _chromium.stop()


@pytest.fixture
def page(request, browser: Browser):
    if not browser.is_connected():  # stopped after an earlier group of browser tests
        browser = _chromium.start()
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        try:
            page.screenshot(path=str(ARTIFACTS_DIR / f"{name}.png"), full_page=True)
        except Exception as error:  # a crashed page must not hide the test's own failure
            print(f"could not save a failure screenshot: {error}")
    context.close()


@pytest.fixture
def reference_data(transactional_db):
    """The rows the data migrations create, which each transactional test's flush removes."""
    from django.apps import apps

    for module, function in (
        ("apps.organizations.migrations.0002_sectors", "add_sectors"),
        ("apps.core.migrations.0001_site", "name_site"),
    ):
        getattr(importlib.import_module(module), function)(apps, None)


# The browser tests read the pages in English, under their language prefix.
ENGLISH = "/en"


@pytest.fixture
def server(live_server, reference_data) -> str:
    """The base URL of the live server's English pages, with the reference data in place.
    What is not a page (the API, its docs) lives at `server.removesuffix(ENGLISH)`."""
    return live_server.url + ENGLISH


def sign_in(page: Page, base_url: str, email: str, password: str | None = None) -> None:
    """Sign in through the login page; allauth then shows the dashboard."""
    from apps.accounts.tests.factories import DEFAULT_PASSWORD

    page.goto(f"{base_url}/accounts/login/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password or DEFAULT_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/dashboard/")
    expect(page.locator(".inbox-link")).to_be_visible()


def open_account_menu(page: Page):
    """The signed-in person's menu, opened: a dropdown on a wide screen, in "Menu" on a phone."""
    if page.locator("summary.menu-button").is_visible():
        page.locator("summary.menu-button").click()
    else:
        page.locator(".account-menu > summary").click()
    panel = page.locator(".account-panel")
    expect(panel).to_be_visible()
    return panel


def sign_out(page: Page, base_url: str) -> None:
    """Sign out from the account menu; allauth then shows the home page."""
    open_account_menu(page).get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{base_url}/")
    # On a phone the sign-in link waits behind "Menu": look for it in the page, seen or not.
    expect(page.locator(".user-nav a", has_text="Sign in")).to_have_count(1)
    expect(page.locator(".inbox-link")).to_have_count(0)


def save_screenshot(page: Page, name: str) -> None:
    """A README screenshot of the 1280×900 viewport, under test-artifacts/ unless refreshed."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS_DIR / name), full_page=False)

"""Panels that higher apps add to a lower app's page."""

import pytest

from apps.core import panels


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(panels, "_panels", {})
    return panels


def test_a_page_shows_its_panels_in_order_and_skips_those_with_nothing_to_show(registry):
    registry.register("page", "late", template="late.html", context=lambda r, o: {"o": o}, order=2)
    registry.register("page", "early", template="early.html", context=lambda r, o: {}, order=1)
    registry.register("page", "empty", template="empty.html", context=lambda r, o: None)
    registry.register("other", "elsewhere", template="x.html", context=lambda r, o: {})
    shown = registry.panels_for("page", request=None, obj="thing")
    assert [(p["name"], p["template"], p["context"]) for p in shown] == [
        ("early", "early.html", {}),
        ("late", "late.html", {"o": "thing"}),
    ]


def test_the_installed_apps_fill_the_organization_and_event_pages():
    from apps.core.panels import _panels

    assert list(_panels["organizations:detail"]) == ["vacancies", "events", "news"]
    assert list(_panels["events:detail"]) == ["news", "jobfair"]
    assert list(_panels["talent:profile_detail"]) == ["invitations"]

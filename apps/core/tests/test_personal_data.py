"""The registry the GDPR export and erasure are composed from."""

import pytest

from apps.core import personal_data


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(personal_data, "_parts", {})
    return personal_data


def test_parts_are_exported_in_order_and_erased_with_the_person(registry):
    erased = []
    registry.register("first", export=lambda *, user, build_url: {"a": user, "url": build_url("/")})
    registry.register("second", erase=lambda *, user: erased.append(user))
    registry.register("third", export=lambda *, user, build_url: {"b": 2})
    assert registry.export_all(user="u", build_url=lambda path: f"https://x{path}") == {
        "a": "u",
        "url": "https://x/",
        "b": 2,
    }
    registry.erase_all(user="u")
    assert erased == ["u"]
    assert [part.app for part in registry.parts()] == ["first", "second", "third"]


def test_two_apps_cannot_export_the_same_key(registry):
    registry.register("one", export=lambda *, user, build_url: {"profile": 1})
    registry.register("two", export=lambda *, user, build_url: {"profile": 2})
    with pytest.raises(RuntimeError, match="two exports keys"):
        registry.export_all(user="u", build_url=str)

import pytest

from apps.privacy import purposes


@pytest.fixture
def test_purpose():
    """A purpose of the tests' own, whose withdrawal records what it was called with."""
    withdrawn = []
    purpose = purposes.Purpose(
        key="newsletter",
        label="Newsletter",
        version="2026-2",
        effect="You get no newsletter any more.",
        withdraw=lambda *, consent: withdrawn.append(consent.pk),
    )
    purposes.register(purpose)
    yield withdrawn
    purposes.unregister("newsletter")

"""scripts/check_translations.py: `make check` fails on any string a language lacks."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "check_translations", ROOT / "scripts" / "check_translations.py"
)
assert _spec and _spec.loader
check = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = check
_spec.loader.exec_module(check)

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="needs GNU gettext (bash scripts/gettext.sh)"
)


@pytest.fixture(scope="module")
def complete_locale(tmp_path_factory):
    """Catalogues of every string in the code, each "translated" (msgen copies the msgid)."""
    work = tmp_path_factory.mktemp("extraction")
    copy = work / "portal"
    check._copy_checkout(ROOT, copy)
    shutil.rmtree(copy / "locale", ignore_errors=True)
    subprocess.run([sys.executable, *check.MAKEMESSAGES], cwd=copy, check=True)
    for language in check.LANGUAGES:
        path = check.catalogue_path(copy / "locale", language)
        subprocess.run(["msgen", "--output-file", str(path), str(path)], check=True)
        # makemessages marks the header fuzzy until a translator fills it in.
        path.write_text(path.read_text(encoding="utf-8").replace("#, fuzzy\n", "", 1))
    return copy / "locale"


@pytest.fixture(scope="module")
def in_the_code(complete_locale):
    """The msgids of the code, extracted once for the tests that spoil a catalogue."""
    return check.extract(ROOT, complete_locale)


@pytest.fixture
def locale(complete_locale, tmp_path):
    """A copy of the complete catalogues a test may spoil."""
    shutil.copytree(complete_locale, tmp_path / "locale")
    return tmp_path / "locale"


def _po(locale, language):
    return check.catalogue_path(locale, language)


def _entry_block(text, msgid):
    """The lines of the one-line msgid `msgid` and its msgstr in a .po text."""
    start = text.index(f'msgid "{msgid}"\n')
    end = text.index("\n\n", start)
    return start, end


def test_complete_catalogues_pass(locale, capsys):
    assert check.main(["--locale", str(locale)]) == 0
    assert "Translations complete: nl, fr." in capsys.readouterr().out


def test_a_spoilt_catalogue_fails_the_command_and_names_the_entry(locale, capsys):
    path = _po(locale, "nl")
    text = path.read_text(encoding="utf-8")
    start, _ = _entry_block(text, "Sign in")
    path.write_text(text[:start] + "#, fuzzy\n" + text[start:], encoding="utf-8")

    assert check.main(["--locale", str(locale)]) == 1
    assert capsys.readouterr().out.splitlines() == ["nl: fuzzy: 'Sign in'"]


def test_a_fuzzy_entry_fails_and_is_named(locale, in_the_code):
    path = _po(locale, "nl")
    text = path.read_text(encoding="utf-8")
    start, _ = _entry_block(text, "Sign in")
    path.write_text(text[:start] + "#, fuzzy\n" + text[start:], encoding="utf-8")

    assert check.untranslated_or_fuzzy(path) == ["fuzzy: 'Sign in'"]
    assert check.problems(ROOT, locale, in_the_code) == ["nl: fuzzy: 'Sign in'"]


def test_an_untranslated_entry_fails_and_is_named(locale, in_the_code):
    path = _po(locale, "fr")
    text = path.read_text(encoding="utf-8")
    start, end = _entry_block(text, "Sign in")
    path.write_text(text[:start] + 'msgid "Sign in"\nmsgstr ""' + text[end:], encoding="utf-8")

    assert check.problems(ROOT, locale, in_the_code) == ["fr: untranslated: 'Sign in'"]


def test_a_msgid_missing_from_a_catalogue_fails_and_is_named(locale, in_the_code):
    path = _po(locale, "nl")
    text = path.read_text(encoding="utf-8")
    start, end = _entry_block(text, "Sign in")
    path.write_text(text[:start] + text[end + 2 :], encoding="utf-8")

    assert check.problems(ROOT, locale, in_the_code) == [
        "nl: missing from the catalogue: 'Sign in'"
    ]


def test_a_new_string_in_the_code_fails_until_extracted(locale, tmp_path):
    source = tmp_path / "portal"
    check._copy_checkout(ROOT, source)
    (source / "templates" / "includes" / "brand_new.html").write_text(
        '{% load i18n %}<p>{% translate "A sentence nobody translated yet" %}</p>\n'
    )

    found = check.problems(source, locale)

    assert "nl: missing from the catalogue: 'A sentence nobody translated yet'" in found
    assert "fr: missing from the catalogue: 'A sentence nobody translated yet'" in found
    assert len(found) == 2


def test_a_string_the_code_dropped_is_reported(locale, in_the_code):
    for language in check.LANGUAGES:
        path = _po(locale, language)
        path.write_text(
            path.read_text(encoding="utf-8")
            + '\nmsgid "A sentence the code no longer has"\nmsgstr "Een zin"\n',
            encoding="utf-8",
        )

    found = check.problems(ROOT, locale, in_the_code)

    assert found == [
        f"{language}: not in the code any more: 'A sentence the code no longer has'"
        for language in check.LANGUAGES
    ]


def test_a_broken_placeholder_fails(locale, in_the_code):
    path = _po(locale, "fr")
    text = path.read_text(encoding="utf-8")
    start = text.index('msgid "Hello %(name)s,"')
    end = text.index("\n\n", start)
    path.write_text(
        text[:start] + 'msgid "Hello %(name)s,"\nmsgstr "Bonjour %(nom)s,"' + text[end:],
        encoding="utf-8",
    )

    found = check.problems(ROOT, locale, in_the_code)

    assert found and all(line.startswith("fr: msgfmt:") for line in found)

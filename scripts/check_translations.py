"""Fail on any interface string that is not translated in every language.

For each catalogue (locale/nl and locale/fr) it reports:
- entries with an empty translation, or fuzzy ones (a guess gettext made that nobody checked);
- msgids in the code that the catalogue lacks, and entries the code no longer has: it runs
  the project's extraction (`make messages`) on a temporary copy of the checkout and
  compares the two sets of msgids;
- what `msgfmt --check` refuses (a placeholder missing from a translation, for example).

Run as `python scripts/check_translations.py` from the project's root (`make check` does).
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nl", "fr")
# The one extraction command (the Makefile's MAKEMESSAGES), so the check compares against
# exactly what `make messages` would write.
IGNORED = (".venv", "test-artifacts", "node_modules", "staticfiles", "var")
MAKEMESSAGES = [
    "manage.py",
    "makemessages",
    *[f"-l{language}" for language in LANGUAGES],
    "--no-location",
    "--no-obsolete",
    *[f"--ignore={name}" for name in IGNORED],
]
# What the temporary copy leaves out besides the ignored folders: caches and checkouts.
NOT_COPIED = (*IGNORED, ".git", ".mypy_cache", ".pytest_cache", ".ruff_cache", "__pycache__")


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def describe(self) -> str:
        context = f" (context {self.msgctxt!r})" if self.msgctxt else ""
        return f"{self.msgid!r}{context}"


def _unquote(text: str) -> str:
    return ast.literal_eval(text) if text else ""


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete `#~` entries and the header left out)."""
    entries: list[Entry] = []
    current: dict[str, object] = {}
    last: str | None = None
    flags: set[str] = set()

    def finish() -> None:
        nonlocal current, flags, last
        if "msgid" in current:
            plural = current.get("msgid_plural")
            msgstr = current.get("msgstr", {})
            assert isinstance(msgstr, dict)
            entries.append(
                Entry(
                    msgid=str(current["msgid"]),
                    msgctxt=current.get("msgctxt"),  # type: ignore[arg-type]
                    msgid_plural=plural,  # type: ignore[arg-type]
                    msgstr=[msgstr[index] for index in sorted(msgstr)],
                    fuzzy="fuzzy" in flags,
                )
            )
        current, flags, last = {}, set(), None

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if "msgid" in current:
                finish()
            flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
        if match:
            keyword, index, text = match.groups()
            if (
                keyword in ("msgctxt", "msgid")
                and keyword in current
                or (keyword == "msgctxt" and "msgid" in current)
            ):
                finish()
            if keyword.startswith("msgstr"):
                strings = current.setdefault("msgstr", {})
                assert isinstance(strings, dict)
                last = f"msgstr[{int(index or 0)}]"
                strings[int(index or 0)] = _unquote(text)
            else:
                current[keyword] = _unquote(text)
                last = keyword
            continue
        if line.startswith('"') and last is not None:
            if last.startswith("msgstr["):
                strings = current["msgstr"]
                assert isinstance(strings, dict)
                strings[int(last[7:-1])] += _unquote(line)
            else:
                current[last] = str(current[last]) + _unquote(line)
            continue
        raise ValueError(f"{path}: cannot read the line {line!r}")
    finish()
    return [entry for entry in entries if entry.msgid != ""]


def catalogue_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def untranslated_or_fuzzy(path: Path) -> list[str]:
    """One line for each entry of the catalogue that is fuzzy or lacks a translation."""
    problems = []
    for entry in parse_po(path):
        if entry.fuzzy:
            problems.append(f"fuzzy: {entry.describe()}")
        elif not entry.msgstr or any(not text for text in entry.msgstr):
            problems.append(f"untranslated: {entry.describe()}")
    return problems


def msgfmt_problems(path: Path) -> list[str]:
    """What GNU gettext's own check refuses: broken placeholders, bad headers."""
    if shutil.which("msgfmt") is None:
        return ["msgfmt is missing: install GNU gettext (bash scripts/gettext.sh)"]
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "--output-file=/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return []
    return [line for line in result.stderr.splitlines() if line.strip()] or ["msgfmt failed"]


def _copy_checkout(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*NOT_COPIED), symlinks=True)


def extract(source: Path, locale_dir: Path | None = None) -> dict[str, set[tuple]]:
    """The msgids `make messages` finds in the code at `source`, per language.

    The extraction runs on a temporary copy, so the checkout is never touched. The copy
    starts from the catalogues in `locale_dir` (the checkout's own by default): msgmerge then
    keeps what is translated and drops what the code no longer has.
    """
    with tempfile.TemporaryDirectory(prefix="check-translations-") as temporary:
        copy = Path(temporary) / "portal"
        _copy_checkout(source, copy)
        if locale_dir is not None:
            shutil.rmtree(copy / "locale", ignore_errors=True)
            if locale_dir.exists():
                shutil.copytree(locale_dir, copy / "locale")
        result = subprocess.run(  # noqa: S603
            [sys.executable, *MAKEMESSAGES],
            cwd=copy,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"the extraction failed:\n{result.stdout}{result.stderr}")
        return {
            language: {entry.key for entry in parse_po(catalogue_path(copy / "locale", language))}
            for language in LANGUAGES
        }


def problems(
    source: Path = ROOT,
    locale_dir: Path | None = None,
    extracted: dict[str, set[tuple]] | None = None,
) -> list[str]:
    """Every problem of the catalogues in `locale_dir` for the code at `source`.

    `extracted` is what `extract(source)` found, when the caller already knows it.
    """
    locale_dir = locale_dir or source / "locale"
    found: list[str] = []
    present = {}
    for language in LANGUAGES:
        path = catalogue_path(locale_dir, language)
        if not path.exists():
            found.append(f"{language}: {path} is missing")
            continue
        entries = parse_po(path)
        present[language] = {entry.key for entry in entries}
        found += [f"{language}: {line}" for line in untranslated_or_fuzzy(path)]
        found += [f"{language}: msgfmt: {line}" for line in msgfmt_problems(path)]
    if extracted is None:
        extracted = extract(source, locale_dir)
    for language, keys in present.items():
        for context, msgid, _plural in sorted(keys - extracted[language], key=str):
            entry = Entry(msgid=msgid, msgctxt=context)
            found.append(f"{language}: not in the code any more: {entry.describe()}")
        for context, msgid, _plural in sorted(extracted[language] - keys, key=str):
            entry = Entry(msgid=msgid, msgctxt=context)
            found.append(f"{language}: missing from the catalogue: {entry.describe()}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT, help="the project's root")
    parser.add_argument("--locale", type=Path, default=None, help="the catalogues' folder")
    arguments = parser.parse_args(argv)
    found = problems(arguments.source, arguments.locale)
    for line in found:
        print(line)
    if found:
        print(
            f"\n{len(found)} translation problem(s). Run `make messages`, then translate every "
            "new or fuzzy entry in locale/nl (with “u”) and locale/fr (with “vous”).",
            file=sys.stderr,
        )
        return 1
    print(f"Translations complete: {', '.join(LANGUAGES)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Apply the retention rules now, as the daily beat task does; `--dry-run` only counts."""

import time
from typing import Any

from django.core.management import BaseCommand, CommandError
from django.core.management.base import CommandParser
from django.utils import timezone

from apps.core import retention, services


class Command(BaseCommand):
    help = (
        "Apply every app's retention rules: print, for each rule, what is due and what was "
        "done. With --dry-run nothing changes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what is due; change nothing."
        )
        parser.add_argument(
            "--rule",
            action="append",
            dest="names",
            metavar="NAME",
            help="Only this rule (repeatable): " + ", ".join(r.name for r in retention.rules()),
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="At most this many items per step."
        )

    def handle(
        self,
        *args: Any,
        dry_run: bool,
        names: list[str] | None,
        limit: int | None,
        **options: Any,
    ) -> None:
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1.")
        try:
            chosen = [retention.rule(name) for name in names] if names else retention.rules()
        except LookupError as error:
            raise CommandError(str(error)) from error
        now = timezone.now()
        self.stdout.write(
            f"Retention at {timezone.localtime(now):%Y-%m-%d %H:%M %Z}"
            + (" (dry run: nothing is changed)" if dry_run else "")
        )
        started = time.monotonic()
        total_due = total_done = 0
        for index, rule in enumerate(chosen, start=1):
            self.stdout.write(
                f"[{index}/{len(chosen)}] {rule.label} ({rule.name}): {rule.period()}"
            )
            [(_rule, steps)] = services.retention_apply(
                now=now, dry_run=dry_run, limit=limit, names=[rule.name]
            )
            for step in steps:
                total_due += step.due
                total_done += step.done
                line = f"    {step.due} due"
                if dry_run:
                    line += f", would be {step.action}"
                else:
                    line += f", {step.done} {step.action}"
                    if step.left:
                        line += f", {step.left} left for the next run"
                self.stdout.write(line)
        elapsed = time.monotonic() - started
        summary = f"{total_due} due" + ("" if dry_run else f", {total_done} done")
        self.stdout.write(self.style.SUCCESS(f"{summary} in {elapsed:.1f}s."))

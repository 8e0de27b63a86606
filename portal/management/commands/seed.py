"""Load the ecosystem and, outside production, the demo cluster, with progress.

Seeding adds what is missing and overwrites nothing: a record of a fixture that is already
in the database is left as it is, however it was edited since, and the demo cluster is
made only once. Running it twice (or `make run` twice) keeps every change.
"""

import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import serializers
from django.core.management import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import override_settings

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
ECOSYSTEM = ["ecosystem.json", "events.json"]
DEMO = ["demo.json"]


def load_missing(path: Path) -> tuple[int, int]:
    """Save the fixture's records that are not in the database; returns (added, kept)."""
    added, kept = 0, 0
    deferred = []
    models = set()
    objects = serializers.deserialize(
        "json", path.read_text(encoding="utf-8"), handle_forward_references=True
    )
    for item in objects:
        model = type(item.object)
        # A natural key resolves to an existing row's pk while deserializing.
        if item.object.pk is not None and model._default_manager.filter(pk=item.object.pk).exists():
            kept += 1
            continue
        item.save(using=DEFAULT_DB_ALIAS)
        models.add(model)
        added += 1
        if item.deferred_fields:
            deferred.append(item)
    for item in deferred:
        item.save_deferred_fields(using=DEFAULT_DB_ALIAS)
    # Rows saved with their own ids leave PostgreSQL's sequences behind, as after loaddata.
    connection = connections[DEFAULT_DB_ALIAS]
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return added, kept


class Command(BaseCommand):
    help = (
        "Load fixtures/ecosystem.json and events (and with --demo the demo cluster), adding "
        "only what is missing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--demo", action="store_true", help="Also load the demo cluster (never in production)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the directory already holds organizations (safe at every start).",
        )

    def handle(self, *args: Any, demo: bool, if_empty: bool, **options: Any) -> None:
        from apps.organizations.models import Organization

        if if_empty and Organization.objects.exists():
            self.stdout.write("The directory already holds organizations: nothing loaded.")
            return
        names = list(ECOSYSTEM)
        if demo:
            if not settings.DEMO_DATA_ALLOWED:
                raise CommandError("Demo data is for local use only; these settings refuse it.")
            names += DEMO
        files = [FIXTURES_DIR / name for name in names if (FIXTURES_DIR / name).exists()]
        started = time.monotonic()
        counts: dict[str, int] = {}
        # Demo activity creates notices like real activity does; nobody should get the mail.
        quiet_mail = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
        with quiet_mail, transaction.atomic():
            for index, path in enumerate(files, start=1):
                records = json.loads(path.read_text(encoding="utf-8"))
                self.stdout.write(f"[{index}/{len(files)}] {path.name}: {len(records)} records…")
                added, kept = load_missing(path)
                counts[path.name] = added
                if kept:
                    self.stdout.write(f"  {kept} already there, left as they are")
            if demo:
                from portal.demo import demo_populate

                self.stdout.write(f"[{len(files) + 1}/{len(files) + 1}] the demo cluster…")
                counts.update(demo_populate(report=self.stdout.write))
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Added {sum(counts.values())} records in {elapsed:.1f}s:")
        )
        for name, count in counts.items():
            self.stdout.write(f"  {name:40} {count:5}")
        if demo:
            self.stdout.write("Demo sign-ins (password portal-demo-2026):")
            for email in (
                "admin@example.org",
                "recruiter@example.org",
                "seeker@example.org",
                "student@example.org",
            ):
                self.stdout.write(f"  {email}")

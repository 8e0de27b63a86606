"""How long the portal keeps what, composed from every app's own rules.

Each app registers, in its `AppConfig.ready()`, the rules for the data it owns: how long
it keeps them and how it lets them go (deleted, or anonymised so that the counts used in
statistics stay). `manage.py retention` and the daily beat task walk this registry, and
the staff page lists what the rules will take in the coming days; none of them knows an
app.

Periods are settings in months. A month is a calendar month, counted in UTC: something
whose clock started on 31 March with a one-month period goes on 1 May, the first moment
at which a whole month has passed in every sense.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import QuerySet
from django.utils.functional import Promise

Label = str | Promise


def cutoff(*, at: datetime, months: int) -> datetime:
    """What started on or before this moment has been kept `months` months by `at`."""
    return at - relativedelta(months=months)


def goes_at(*, start: datetime, months: int) -> datetime:
    """The first moment at which `cutoff(at=…, months=…)` reaches `start`: when it goes.

    The inverse of `cutoff`, so the date shown to a person and the run that deletes agree
    to the second, month ends included.
    """
    candidate = start + relativedelta(months=months)
    if cutoff(at=candidate, months=months) >= start:
        return candidate
    # The start's day does not exist in the target month (31 March + 1 month): counting
    # back from any moment of the short month's last day lands before the start.
    return (candidate + relativedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class Step:
    """One thing a rule does in a run: how many were due, and how many were done."""

    action: Label  # what happens to what is due: "anonymised", "deleted", "warned", …
    due: int
    done: int = 0
    left: int = 0  # due but beyond this run's limit: the next run takes them


@dataclass(frozen=True)
class DueItem:
    label: str
    goes_at: datetime


@dataclass(frozen=True)
class Upcoming:
    """What a rule will take up to a moment: the whole count, the soonest items first."""

    count: int
    items: list[DueItem] = field(default_factory=list)


@dataclass(frozen=True)
class RetentionRule:
    name: str  # "<app>.<what>", stable: the command and the task name rules by it
    label: Label  # what it keeps, for people: "Applications"
    # How long, in words, read from the settings when called: "12 months after …".
    period: Callable[[], str]
    # `run(now=…, dry_run=…, limit=…)`: the steps; a dry run counts and changes nothing.
    run: Callable[..., Sequence[Step]]
    # `upcoming(now=…, until=…, limit=…)`: what goes from now up to `until`.
    upcoming: Callable[..., Upcoming]


_rules: dict[str, RetentionRule] = {}


def register(rule: RetentionRule) -> None:
    """Called from the owning app's `AppConfig.ready()`; registering again replaces it."""
    _rules[rule.name] = rule


def rules() -> list[RetentionRule]:
    """The registered rules, in the order the apps are installed."""
    return list(_rules.values())


def rule(name: str) -> RetentionRule:
    try:
        return _rules[name]
    except KeyError as error:
        raise LookupError(f"No retention rule named {name!r}: {sorted(_rules)}") from error


# --- Helpers for rules over a queryset ---------------------------------------------------

BATCH = 500


def run_in_batches(
    *,
    due: QuerySet,
    action: Label,
    apply: Callable[[list[Any]], int],
    dry_run: bool,
    limit: int | None,
) -> Step:
    """Apply a rule to what is due, a batch per transaction, oldest primary key first.

    `apply(ids)` must take the rows it is given out of `due` (delete or anonymise them), so
    that a second run, or one running at the same time, finds nothing left to do twice.
    """
    total = due.count()
    if dry_run:
        return Step(action=action, due=total)
    done = 0
    while limit is None or done < limit:
        size = BATCH if limit is None else min(BATCH, limit - done)
        ids = list(due.order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            break
        with transaction.atomic():
            applied = apply(ids)
        done += applied
        if applied == 0 or len(ids) < size:
            break
    return Step(action=action, due=total, done=done, left=max(total - done, 0))


def upcoming_from(
    *, due: QuerySet, order_by: Sequence[str], item: Callable[[Any], DueItem], limit: int
) -> Upcoming:
    """The count of what is due, and the first `limit` rows, soonest first."""
    return Upcoming(count=due.count(), items=[item(row) for row in due.order_by(*order_by)[:limit]])

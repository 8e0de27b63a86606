"""Enqueueing tasks when the broker may be down.

Whatever a task does is first written as a row (a pending notice, say), so a message that
cannot be published is only late: the periodic requeue publishes it again once the
broker is back. Publishing must therefore never fail the request that caused it. After
a failure the broker is left alone for a few seconds, so a request that enqueues many
tasks waits on it once, not once per task.
"""

import logging
import time
from typing import Any

from celery import Task
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)
# What an unreachable broker raises; anything else is a bug and must surface.
BROKER_ERRORS = (KombuOperationalError, ConnectionError, OSError)
RETRY_AFTER_SECONDS = 10.0

_unreachable_until = 0.0


def forget_unreachable() -> None:
    """Try the broker again at once (tests, or after an operator fixed it)."""
    global _unreachable_until
    _unreachable_until = 0.0


def publish(task: Task, *args: Any, countdown: float | None = None) -> bool:
    """Enqueue `task(*args)`, to run `countdown` seconds from now if given; False, logged,
    when the broker cannot be reached."""
    global _unreachable_until
    if time.monotonic() < _unreachable_until:
        logger.debug("Broker unreachable; %s%r not enqueued", task.name, args)
        return False
    try:
        if countdown is None:
            task.delay(*args)
        else:
            task.apply_async(args, countdown=countdown)
    except BROKER_ERRORS as error:
        _unreachable_until = time.monotonic() + RETRY_AFTER_SECONDS
        logger.warning(
            "Broker unreachable (%s: %s); %s%r not enqueued",
            type(error).__name__,
            error,
            task.name,
            args,
        )
        return False
    return True

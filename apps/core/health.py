"""Readiness checks of the services the portal depends on."""

import uuid

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    # The portal's cache goes on without Redis; the health check asks Redis itself.
    ping = getattr(cache, "ping", None)
    if ping is not None:
        ping()
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return the value it was given")
    cache.delete(key)
    return "ok"


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker configured: tasks run in the web process, nothing can be down.
        return "eager"
    # The Celery app the process runs (the portal's, set up with the settings): asked for by
    # name, so core does not reach up to the package that defines it.
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=settings.HEALTHCHECK_TIMEOUT_SECONDS)
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def run_checks() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001  (any failure means "down")
            healthy = False
            results[name] = f"down: {type(error).__name__}: {error}"[:300]
    return healthy, results

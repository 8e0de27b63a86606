"""A real Celery worker for a test: a subprocess on the test database and the real Redis.

It reads a queue of its own, so no other test session's message reaches it, and writes
the email it sends with Django's file-based backend into a folder the test reads.
"""

import email
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from portal.celery import app as celery_app

DEADLINE_SECONDS = 60


def worker_database_url() -> str:
    """The test database as seen inside the test: the worker must use the same one."""
    database = settings.DATABASES["default"]
    credentials = quote(database["USER"] or "", safe="")
    if database.get("PASSWORD"):
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{database['NAME']}"


@contextmanager
def celery_worker(folder: Path, **environment: str) -> Iterator[dict]:
    """Run a worker until the block ends; tasks the test enqueues go to it only."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    mail_dir = folder / "mail"
    mail_dir.mkdir()
    log_path = folder / "worker.log"
    worker_environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": worker_database_url(),
        "CELERY_QUEUE": queue,
        "PYTHONUNBUFFERED": "1",
        # portal/settings/test.py reads these two (EMAIL_URL cannot name a file backend).
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TEST_EMAIL_FILE_PATH": str(mail_dir),
        **environment,
    }
    log = log_path.open("w")
    process = subprocess.Popen(  # noqa: S603  (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--queues",
            queue,
            "--hostname",
            f"{queue}@localhost",
            "--loglevel=info",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=settings.BASE_DIR,
        env=worker_environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    was_eager = celery_app.conf.task_always_eager
    default_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while f"{queue}@localhost ready." not in log_path.read_text():
            assert process.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.1)
        yield {"queue": queue, "mail_dir": mail_dir, "log": log_path, "process": process}
    finally:
        celery_app.conf.task_always_eager = was_eager
        celery_app.conf.task_default_queue = default_queue
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def sent_messages(mail_dir: Path) -> list[email.message.EmailMessage]:
    """Every message the file backend wrote (one file per connection, dashes between)."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=policy.default))
    return messages


def wait_for(condition, *, log: Path, seconds: float = DEADLINE_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not done within {seconds}s:\n{log.read_text()}"
        time.sleep(0.25)

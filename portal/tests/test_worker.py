"""A real Celery worker against the real Redis, sharing the test database."""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from apps.core.tasks import purge_expired_sessions
from portal.celery import app as celery_app

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_queue():
    if not os.environ.get("REDIS_URL", "").startswith("redis://"):
        pytest.skip("needs REDIS_URL")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        "CELERY_QUEUE": queue,
    }
    worker = subprocess.Popen(
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
            "--loglevel=warning",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        celery_app.conf.task_always_eager = was_eager
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def test_a_real_worker_runs_a_task_on_the_shared_database(worker_queue):
    expired = Session.objects.create(
        session_key="expired" + "x" * 25,
        session_data="",
        expire_date=timezone.now() - timedelta(days=1),
    )
    live = Session.objects.create(
        session_key="live" + "x" * 28,
        session_data="",
        expire_date=timezone.now() + timedelta(days=1),
    )
    purge_expired_sessions.apply_async(queue=worker_queue)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and Session.objects.filter(pk=expired.pk).exists():
        time.sleep(0.5)
    assert not Session.objects.filter(pk=expired.pk).exists()
    assert Session.objects.filter(pk=live.pk).exists()


def test_running_the_task_twice_is_harmless(db):
    Session.objects.create(
        session_key="old" + "x" * 29,
        session_data="",
        expire_date=timezone.now() - timedelta(days=2),
    )
    assert purge_expired_sessions.apply().get() == 1
    assert purge_expired_sessions.apply().get() == 0

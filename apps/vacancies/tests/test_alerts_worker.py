"""A job alert email delivered end to end by a real Celery worker over the real Redis.

The test process publishes a vacancy in a committed transaction; its on-commit hook puts
`match_job_alerts` on a queue of this test's own; the worker (a subprocess sharing the test
database) matches the alert, writes the notice and sends it with Django's file-based email
backend into a folder this test reads.
"""

import email
import os
import subprocess
import sys
import time
import uuid
from email import policy
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import current_app as celery_app
from django.conf import settings
from django.db import transaction
from django.test import Client

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import DeliveryStatus, Notification
from apps.vacancies import alerts
from apps.vacancies import services as vacancy_services
from apps.vacancies.models import JobAlert, VacancyNotice
from apps.vacancies.tests.factories import VacancyFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SITE_URL = "https://portal.example.be"
DEADLINE_SECONDS = 60


def database_url() -> str:
    database = settings.DATABASES["default"]
    credentials = quote(database["USER"] or "", safe="")
    if database.get("PASSWORD"):
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or 5432
    # The test database, as seen inside the test: the worker must use the same one.
    return f"postgres://{credentials}@{host}:{port}/{database['NAME']}"


@pytest.fixture
def worker(tmp_path, settings):
    if not os.environ.get("REDIS_URL", "").startswith("redis://"):
        pytest.skip("needs REDIS_URL")
    queue = f"test-notifications-{uuid.uuid4().hex[:12]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log_path = tmp_path / "worker.log"
    settings.SITE_URL = SITE_URL  # what the test process renders, like the worker below
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_QUEUE": queue,
        "PYTHONUNBUFFERED": "1",
        "SITE_URL": SITE_URL,
        # portal/settings/test.py reads these two (EMAIL_URL cannot name a file backend).
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TEST_EMAIL_FILE_PATH": str(mail_dir),
    }
    log = log_path.open("w")
    process = subprocess.Popen(
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
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    was_eager = celery_app.conf.task_always_eager
    default_queue = celery_app.conf.task_default_queue
    # Tasks the test process enqueues go over Redis to this worker's queue only.
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        # Publish only once the worker listens: a message then leaves Redis at once. (The
        # test cache shares the broker's Redis database, and other test sessions clear it.)
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


def text_of(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def html_of(message: email.message.EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""


def test_a_job_alert_email_is_delivered_end_to_end_through_a_real_worker(worker):
    seeker = UserFactory(email="seeker@example.org")
    alert = alerts.job_alert_create(
        user=seeker, filters={"q": "antibody"}, frequency="instant", name="Antibodies"
    )
    # An organization without members: publishing sends one message over Redis, the match.
    vacancy = VacancyFactory(pending=True, title="Antibody discovery scientist")
    VacancyFactory(organization=vacancy.organization, pending=True, title="Greenhouse technician")

    with transaction.atomic():  # a real commit: its on-commit hook enqueues over Redis
        vacancy_services.vacancy_approve(actor=UserFactory(is_staff=True), vacancy=vacancy)
    assert transaction.get_autocommit()

    def worker_log_shows_the_tasks() -> bool:
        # Where the work ran: the match and the send are tasks the worker finished.
        log = worker["log"].read_text()
        return "Task vacancies.match_job_alerts[" in log and "Task notifications.send[" in log

    def find_mail():
        for message in sent_messages(worker["mail_dir"]):
            if str(message["To"]).strip() == seeker.email and vacancy.title in text_of(message):
                return message
        return None

    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline and worker["process"].poll() is None:
        if worker_log_shows_the_tasks() and find_mail() is not None:
            break
        time.sleep(0.25)
    log = worker["log"].read_text()
    alert_mail = find_mail()  # read again: the tasks are done, the file is complete
    assert alert_mail is not None, f"no job alert email within {DEADLINE_SECONDS}s:\n{log}"
    assert worker_log_shows_the_tasks(), log

    # The job alert email, as the mail server would get it.
    body = text_of(alert_mail)
    assert "Greenhouse technician" not in body
    assert f"{SITE_URL}{vacancy.get_absolute_url()}" in body
    assert f"{SITE_URL}/en/alerts/" in body  # edit the alert
    prefix = f"{SITE_URL}/en/alerts/{alert.pk}/unsubscribe/"
    unsubscribe = next(word for word in body.split() if word.startswith(prefix))
    assert f'href="{unsubscribe}"' in html_of(alert_mail)
    assert str(alert_mail["List-Unsubscribe"]).strip() == f"<{unsubscribe}>"  # folded: long
    assert str(alert_mail["Subject"]).strip().startswith(f"[{settings.SITE_NAME}] New vacancy for")

    # Sent once, and recorded by the worker.
    notice = Notification.objects.get(recipient=seeker)
    assert notice.kind == VacancyNotice.JOB_ALERT
    assert (notice.status, notice.attempts) == (DeliveryStatus.SENT, 1)
    assert alert.matches.get().notification_id == notice.pk
    to_seeker = [m for m in sent_messages(worker["mail_dir"]) if seeker.email in str(m["To"])]
    assert len(to_seeker) == 1

    # The link in the email works without signing in.
    path = unsubscribe.removeprefix(SITE_URL)
    assert Client().get(path).status_code == 200
    assert Client().post(path).status_code == 200
    assert not JobAlert.objects.get(pk=alert.pk).is_active

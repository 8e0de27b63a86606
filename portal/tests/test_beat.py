"""Every app's Celery tasks and the beat schedule that runs the periodic ones."""

import pytest
from celery import current_app as celery_app
from django.conf import settings


@pytest.fixture(autouse=True)
def every_task():
    """Every app's tasks registered, as the worker's autodiscovery does."""
    celery_app.loader.import_default_modules()
    return celery_app.tasks


class TestTaskDeclarations:
    def test_every_notification_task_acknowledges_late(self):
        for name in (
            "notifications.send",
            "notifications.requeue_pending",
            "vacancies.match_job_alerts",
            "vacancies.send_alert_digests",
            "events.send_reminders",
            "vacancies.notify_expiring",
        ):
            assert celery_app.tasks[name].acks_late is True, name

    def test_the_beat_schedule_runs_the_periodic_tasks_in_brussels_time(self):
        schedule = settings.CELERY_BEAT_SCHEDULE
        by_task = {}
        for entry in schedule.values():
            by_task.setdefault(entry["task"], []).append(entry)
            assert entry["task"] in celery_app.tasks, entry["task"]
        assert celery_app.conf.timezone == "Europe/Brussels"
        requeue = by_task["notifications.requeue_pending"][0]["schedule"]
        assert requeue <= settings.NOTIFICATION_REQUEUE_AFTER_MINUTES * 60
        digests = {tuple(e["args"]): e["schedule"] for e in by_task["vacancies.send_alert_digests"]}
        assert set(digests) == {("daily",), ("weekly",)}
        assert digests[("daily",)].hour == {7}
        assert digests[("weekly",)].day_of_week == {1}
        assert "events.send_reminders" in by_task
        assert "vacancies.notify_expiring" in by_task

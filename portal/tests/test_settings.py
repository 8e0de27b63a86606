import os
import subprocess
import sys

from django.conf import settings

from portal.celery import app as celery_app

MANAGE = [sys.executable, str(settings.BASE_DIR / "manage.py")]


def run_manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in ("SECRET_KEY",)}
    environment.update(env)
    return subprocess.run(
        [*MANAGE, *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        cwd=settings.BASE_DIR,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_refuse_the_example_key_as_they_refuse_a_short_one():
    example = next(
        line.split("=", 1)[1].strip()
        for line in (settings.BASE_DIR / ".env.example").read_text().splitlines()
        if line.startswith("SECRET_KEY=")
    )
    assert len(example) >= 50  # long enough: only being the example gives it away
    for key, complaint in [
        (example, "example of .env.example"),
        (example.replace("0123", "9876"), "example of .env.example"),
        ("x7" * 20, "at least 50 characters"),
    ]:
        result = run_manage(
            "check",
            DJANGO_SETTINGS_MODULE="portal.settings.production",
            SECRET_KEY=key,
            ALLOWED_HOSTS="portal.example.org",
        )
        assert result.returncode != 0
        assert complaint in result.stderr, result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x7" * 30 + "-production-like-secret-key",
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_keeps_database_connections_with_health_checks():
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection; d = connection.settings_dict; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x7" * 30 + "-production-like-secret-key",
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["60", "True"]


def test_production_never_serves_demo_data():
    result = run_manage(
        "seed",
        "--demo",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x7" * 30 + "-production-like-secret-key",
        ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "local use only" in result.stderr


def test_celery_is_json_only_acks_late_with_time_limits():
    conf = celery_app.conf
    assert conf.accept_content == ["json"]
    assert conf.task_serializer == "json"
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_time_limit and conf.task_soft_time_limit < conf.task_time_limit
    assert conf.timezone == "Europe/Brussels"


def test_embedded_default_without_services():
    """No DATABASE_URL, no REDIS_URL: SQLite in var/, eager Celery, local-memory cache."""
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER,"
        " s.CACHES['default']['BACKEND'], s.EMAIL_BACKEND)"
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    environment["DJANGO_SETTINGS_MODULE"] = "portal.settings.base"
    result = subprocess.run(
        [*MANAGE, "shell", "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_the_sign_in_lockout_is_on_and_no_proxy_is_trusted_by_default():
    from portal.settings import base

    # apps/accounts/tests/test_lockout.py tests the portal with these limits.
    assert base.ACCOUNT_RATE_LIMITS == {"login_failed": "10/m/ip,5/15m/key"}
    assert base.NUM_PROXIES == 0
    assert base.REST_FRAMEWORK["NUM_PROXIES"] == 0
    assert base.ALLAUTH_TRUSTED_PROXY_COUNT == 0

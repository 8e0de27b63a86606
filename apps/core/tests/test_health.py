import pytest
from celery import current_app as celery_app

pytestmark = pytest.mark.django_db


def test_all_up_is_a_200(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["broker"] in {"ok", "eager"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_real_broker_is_checked_when_configured(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert client.get("/healthz").json()["checks"]["broker"] == "ok"


def test_a_broker_that_is_down_is_a_503_naming_it(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.HEALTHCHECK_TIMEOUT_SECONDS = 1
    # Celery reads CELERY_BROKER_URL from the environment before its own setting.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["broker"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("down")


def test_a_cache_that_is_down_is_a_503_naming_it(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


def test_the_fail_safe_cache_still_shows_as_down(client, settings):
    # Pages go on without Redis, but the health check must not be fooled.
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}
    }
    assert settings.CACHES["default"]["BACKEND"] == "apps.core.cache.FailSafeRedisCache"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert "ConnectionError" in response.json()["checks"]["cache"]


def test_a_database_that_is_down_is_a_503_naming_it(client, monkeypatch):
    from apps.core import health

    def broken_cursor(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]

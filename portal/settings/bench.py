"""Settings of `make bench-search`: production, served over plain HTTP on 127.0.0.1.

The benchmark's trivial view lives in `portal.bench_urls`, mounted only here, so the ratio of
every endpoint to it is measured on the same server in the same run. The throttle rates are
raised (not removed) so the same throttling work is done on every request without refusing
the load.
"""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import REST_FRAMEWORK, STORAGES

ROOT_URLCONF = "portal.bench_urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon": "1000000/minute",
        "user": "1000000/minute",
        "auth": "10/minute",
    },
}
# Static files are served from the app folders, so no collectstatic is needed first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

"""Settings of the server that `make fuzz` attacks: its own database, no throttling.

The fuzzer sends thousands of requests from one address; the rate limits would answer most
of them with 429 and hide what lies behind. Tasks run eagerly and mail goes nowhere, so the
run needs nothing but PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_fuzz")
os.environ["REDIS_URL"] = ""

from portal.settings.base import *  # noqa: E402,F403
from portal.settings.base import REST_FRAMEWORK  # noqa: E402

DEBUG = False
SECRET_KEY = "fuzz-only-secret-key-not-for-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
ACCOUNT_RATE_LIMITS = False
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "auth": None, "api_key": None},
}
# Uploads land in throw-away folders.
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-fuzz-media-")
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="portal-fuzz-private-"), "base_url": None},
    },
}
LOGGING = {
    **LOGGING,  # noqa: F405
    "root": {"handlers": ["console"], "level": "WARNING"},
}

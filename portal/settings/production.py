"""Production settings: secure by default, refuse to start without a secret key."""

import environ
from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import *  # noqa: F403
from portal.settings.base import DATABASES, STORAGES, env

DEBUG = False
try:
    SECRET_KEY = environ.Env()("SECRET_KEY")
except ImproperlyConfigured as error:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment for production settings."
    ) from error
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
# The keys that ship with the code are public: the example of .env.example and the
# development default both say so.
if "change-me" in SECRET_KEY.lower():
    raise ImproperlyConfigured(
        "SECRET_KEY is still the example of .env.example: set a random one, for instance "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

DEMO_DATA_ALLOWED = False
# Webhooks go to https addresses on the public internet only, whatever the environment says.
WEBHOOK_REQUIRE_HTTPS = True
WEBHOOK_ALLOW_LOOPBACK = False
# Keep connections between requests: opening one costs more than most pages' queries. The
# health check replaces a connection the database dropped, instead of failing a request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Only a local stack without TLS turns these off (see .env.example).
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

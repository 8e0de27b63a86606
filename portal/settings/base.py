"""Settings shared by every environment, driven by environment variables.

Without DATABASE_URL the portal runs on SQLite in var/; without REDIS_URL Celery runs
tasks eagerly and the cache is local memory. See the README for every variable.
"""

import importlib.util
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-7f3a9c1e5b2d")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env("SITE_NAME", default="Flanders Life Sciences Portal")

INSTALLED_APPS = [
    # Before the admin, so that its translated fields show in the admin's forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "apps.core",
    "apps.accounts",
    "apps.organizations",
    "apps.apikeys",
    "apps.webhooks",
    "apps.talent",
    "apps.vacancies",
    "apps.stats",
    "apps.events",
    "apps.notifications",
    "apps.privacy",
    "apps.content",
    "apps.jobfair",
    "apps.invitations",
    "apps.staff",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "apps.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "apps.accounts.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "apps.core.middleware.InputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "apps.core.context_processors.portal",
                "apps.core.context_processors.language_alternates",
                "apps.notifications.context_processors.unread_notifications",
                "portal.navigation.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: a write-ahead log makes each commit cheap (no sync to disk per
    # transaction), which the eager tasks of a single developer's portal need.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USES_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if USES_POSTGRES:
    # The memory a sort, a hash or a bitmap of one query may use. A search that meets a
    # filter in two indexes holds a bitmap of the listing's pages; under PostgreSQL's 4 MB
    # default it turns lossy past about 500,000 vacancies and every row of the pages it names
    # is tested again: 1.8 s instead of 26 ms at 1,000,000 (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c work_mem={env('DATABASE_WORK_MEM', default='32MB')}"
    )

# --- Cache and Celery -----------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Reads miss and writes are dropped while Redis is down (apps/core/cache.py).
            "BACKEND": "apps.core.cache.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="portal"),
            # A Redis that does not answer must not hold a request for long.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://localhost/")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="portal")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 2}
# A request publishing to a broker that is down gives up after one quick retry: the rows it
# wrote stay pending and the periodic requeue publishes them later (apps/core/broker.py).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TIMEZONE = "Europe/Brussels"
CELERY_BEAT_SCHEDULE: dict = {
    # Lists hide a vacancy the moment its date passes; marking it (and telling webhooks and
    # syncing programs) follows within a quarter of an hour.
    "expire-vacancies": {
        "task": "vacancies.expire_due",
        "schedule": crontab(minute="*/15"),
    },
    "requeue-pending-notifications": {
        "task": "notifications.requeue_pending",
        "schedule": 300.0,
    },
    "job-alert-digests-daily": {
        "task": "vacancies.send_alert_digests",
        "schedule": crontab(hour=7, minute=0),
        "args": ("daily",),
    },
    "job-alert-digests-weekly": {
        "task": "vacancies.send_alert_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="monday"),
        "args": ("weekly",),
    },
    "event-reminders": {
        "task": "events.send_reminders",
        "schedule": crontab(minute="*/15"),
    },
    "meeting-reminders": {
        "task": "jobfair.send_meeting_reminders",
        "schedule": 300.0,
    },
    "vacancies-expiring": {
        "task": "vacancies.notify_expiring",
        "schedule": crontab(hour=8, minute=0),
    },
    "flush-vacancy-views": {
        "task": "stats.flush_vacancy_views",
        "schedule": 300.0,
    },
    "webhook-deliveries-due": {
        "task": "webhooks.enqueue_due",
        "schedule": 60.0,
    },
    "purge-expired-sessions": {
        "task": "core.purge_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
    "apply-retention": {
        "task": "core.apply_retention",
        "schedule": crontab(hour=2, minute=30),
    },
}

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# allauth's backend alone: it signs in by email (the admin's "username" included) and keeps
# Django's permissions. With ModelBackend beside it, a wrong password was hashed twice.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_ADAPTER = "apps.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "apps.accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# The lockout that the web sign-in, the API token and the erase confirmation share: failed
# password checks per client and per address. Once reached, attempts are refused before
# any password is hashed. allauth's defaults apply to its other limits.
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login_failed": env("LOGIN_FAILED_LIMITS", default="10/m/ip,5/15m/key")
}
# How many proxies in front of the portal append to X-Forwarded-For. Every rate limit (the
# API throttles and allauth's) takes the client's address from that header only when this
# is above 0; by default the header is ignored, since any client can send it.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = NUM_PROXIES

# --- Email ----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- I18n -----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# What staff write (organization descriptions, events, news, pages) in each language: a
# column per language (`description_nl`, …) next to the original; the original field reads
# the request's language and falls back to English, then Dutch, then French, so a text
# written in one language only shows everywhere.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "nl", "fr")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "nl", "fr")
# Dates and numbers as Belgium writes them in each language (portal/formats/<lang>/), in
# Brussels time (TIME_ZONE) whoever reads them.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Public uploads (logos) go to "default"; private ones (CVs) to "private", never under a URL.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "AWS_STORAGE_BUCKET_NAME needs the S3 extra: pip install -c requirements.lock '.[s3]'"
        )
    _s3_options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "access_key": env("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
        "file_overwrite": False,
    }
    STORAGES = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**_s3_options, "location": "public", "default_acl": "public-read"},
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**_s3_options, "location": "private", "default_acl": "private"},
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
# Serves MEDIA_ROOT from Django when no web server or bucket does (single-host setups).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not AWS_STORAGE_BUCKET_NAME)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
LOGO_MAX_BYTES = 2 * 1024 * 1024

# --- Content-Security-Policy (apps/core/csp.py) ----------------------------------------
# Every HTML page runs only the portal's own script and style files: nothing inline, nothing
# from another host. Logos in a bucket come from its address (CSP_IMG_SOURCES).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *env.list("CSP_IMG_SOURCES", default=[])],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: a bad token then answers 401 with WWW-Authenticate, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "apps.apikeys.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # Bodies are checked where they enter: no NUL, no lone surrogate, no deep nesting.
    "DEFAULT_PARSER_CLASSES": [
        "apps.core.parsers.JSONParser",
        "apps.core.parsers.FormParser",
        "apps.core.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "apps.core.api.PageNumberPagination",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "apps.core.renderers.BrowsableAPIRenderer",
    ],
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "apps.core.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "apps.apikeys.throttling.AccountRateThrottle",
        "apps.apikeys.throttling.ApiKeyRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="120/minute"),
        "user": env("THROTTLE_USER", default="600/minute"),
        "auth": env("THROTTLE_AUTH", default="10/minute"),
        "api_key": env("THROTTLE_API_KEY", default="1200/minute"),
    },
    "NUM_PROXIES": NUM_PROXIES,
    "DATETIME_FORMAT": "iso-8601",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "apps.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} API",
    "DESCRIPTION": "Organizations, vacancies, talent and events of the cluster.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ContractTypeEnum": "apps.talent.models.ContractType",
        "DisciplineEnum": "apps.talent.models.Discipline",
        "VacancyStatusEnum": "apps.vacancies.models.VacancyStatus",
        "ApplicationStatusEnum": "apps.vacancies.models.ApplicationStatus",
        "RequestStatusEnum": "apps.organizations.models.RequestStatus",
        "OrganizationKindEnum": "apps.organizations.models.OrganizationKind",
        "EventKindEnum": "apps.events.models.EventKind",
        "EventStatusEnum": "apps.events.models.EventStatus",
        "RegistrationStatusEnum": "apps.events.models.RegistrationStatus",
        "ParticipantRoleEnum": "apps.events.models.ParticipantRole",
        "MembershipRoleEnum": "apps.organizations.models.MembershipRole",
        "ApiKeyStatusEnum": "apps.apikeys.models.ApiKeyStatus",
        "ApiKeyScopeEnum": "apps.apikeys.models.Scope",
        "WebhookDeliveryStatusEnum": "apps.webhooks.models.DeliveryStatus",
        # A vacancy's language and a person's preferred language: the portal's languages.
        "LanguageEnum": LANGUAGES,
    },
}

# --- Portal rules ---------------------------------------------------------------------
DEMO_DATA_ALLOWED = True
VACANCY_LIFETIME_DAYS = env.int("VACANCY_LIFETIME_DAYS", default=60)
# Vacancy views are counted in the cache and moved to the database by beat; without Redis
# (no beat) each view is written to the database at once.
VACANCY_VIEWS_IN_CACHE = env.bool("VACANCY_VIEWS_IN_CACHE", default=bool(REDIS_URL))
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=6)
NOTIFICATION_REQUEUE_AFTER_MINUTES = env.int("NOTIFICATION_REQUEUE_AFTER_MINUTES", default=5)
# Webhooks: retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (about a day), then the
# delivery fails; an endpoint that got nothing through in that time is turned off.
WEBHOOK_RETRY_SCHEDULE = [
    int(seconds)
    for seconds in env.list(
        "WEBHOOK_RETRY_SCHEDULE", default=["5", "300", "1800", "7200", "18000", "36000", "36000"]
    )
]
WEBHOOK_TIMEOUT_SECONDS = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
WEBHOOK_REQUIRE_HTTPS = env.bool("WEBHOOK_REQUIRE_HTTPS", default=not DEBUG)
# Development and tests only: deliver to 127.0.0.1 and ::1. Private and link-local
# addresses are refused whatever this says.
WEBHOOK_ALLOW_LOOPBACK = env.bool("WEBHOOK_ALLOW_LOOPBACK", default=False)
WEBHOOK_DELIVERY_RETENTION_DAYS = env.int("WEBHOOK_DELIVERY_RETENTION_DAYS", default=30)
# A retry due later than this waits in the database, not in the broker (whose Redis
# transport would hand a message back after its visibility timeout).
WEBHOOK_COUNTDOWN_LIMIT_SECONDS = 600
WEBHOOK_REQUEUE_GRACE_SECONDS = 30
HEALTHCHECK_TIMEOUT_SECONDS = 2

# --- Retention: how long the portal keeps what (README, "Privacy over time") ----------
RETENTION_APPLICATIONS_MONTHS = env.int("RETENTION_APPLICATIONS_MONTHS", default=12)
RETENTION_REGISTRATIONS_MONTHS = env.int("RETENTION_REGISTRATIONS_MONTHS", default=24)
RETENTION_CV_DOWNLOADS_MONTHS = env.int("RETENTION_CV_DOWNLOADS_MONTHS", default=24)
RETENTION_NOTIFICATIONS_MONTHS = env.int("RETENTION_NOTIFICATIONS_MONTHS", default=12)
RETENTION_ACCOUNTS_MONTHS = env.int("RETENTION_ACCOUNTS_MONTHS", default=24)
RETENTION_ACCOUNT_WARNING_DAYS = env.int("RETENTION_ACCOUNT_WARNING_DAYS", default=30)
TALENT_POOL_MONTHS = env.int("TALENT_POOL_MONTHS", default=12)
SESSION_COOKIE_AGE = int(timedelta(days=14).total_seconds())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Eager tasks run inside requests and commands: their trace lines are noise there.
        "celery.app.trace": {"level": "INFO" if REDIS_URL else "WARNING"},
    },
}

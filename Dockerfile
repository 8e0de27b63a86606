# The portal's image: web (gunicorn), worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production

RUN apt-get update && apt-get install -y --no-install-recommends curl gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 portal

WORKDIR /app
COPY pyproject.toml requirements.lock ./
RUN pip install -r requirements.lock
COPY . .
RUN pip install -c requirements.lock -e ".[s3]" \
    && SECRET_KEY=build-only-secret-key-not-used-at-run-time-0123456789 ALLOWED_HOSTS=* \
       python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore=node_modules --ignore=staticfiles \
    && mkdir -p var && chown -R portal:portal var

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

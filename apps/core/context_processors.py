from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    return {"SITE_NAME": settings.SITE_NAME}

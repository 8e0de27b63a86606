"""The portal's URLs plus the benchmark's trivial view; mounted only by `portal.settings.bench`."""

from django.http import HttpRequest
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.urls import urlpatterns as portal_urlpatterns


class TrivialView(APIView):
    """A constant through the whole DRF stack: the ceiling every endpoint is compared with."""

    def get(self, request: HttpRequest) -> Response:
        return Response({"ok": True})


urlpatterns = [path("bench/trivial/", TrivialView.as_view()), *portal_urlpatterns]

"""API building blocks shared by every app."""

import hashlib
import time
from datetime import datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.exceptions import ServiceError
from apps.core.search import COUNT_CAP


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


class CappedCountPagination(PageNumberPagination):
    """The list shape, plus `count_is_capped`: true when `count` is the cap of a count that
    stopped there (`apps.core.search.COUNT_CAP`), and more rows match than it says.

    The big searches (vacancies, the talent pool) count no further than the cap, as the
    large job boards do; their pages stop there too, so `next` is null on the last page
    within it. Narrow the filters to count, and reach, every match.
    """

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None, "paginate the rows first"
        paginator = self.page.paginator
        return Response(
            {
                "count": paginator.count,
                "count_is_capped": bool(getattr(paginator, "count_is_capped", False)),
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        properties = paginated["properties"]
        paginated["properties"] = {
            "count": properties["count"],
            "count_is_capped": {
                "type": "boolean",
                "description": (
                    f"True when more than `count` ({COUNT_CAP:,}) rows match: the count "
                    "stopped there, and so do the pages."
                ),
                "example": False,
            },
            **{name: value for name, value in properties.items() if name != "count"},
        }
        paginated["required"] = [*paginated.get("required", []), "count_is_capped"]
        return paginated


def exception_handler(exc: Any, context: Any) -> Response | None:
    """DRF's handler, plus the errors services raise, in DRF's error shape."""
    if isinstance(exc, ServiceError):
        return Response(exc.detail, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=400)
    if isinstance(exc, ObjectDoesNotExist):
        # The object was there when the view read it and gone when the service locked it:
        # another request deleted it meanwhile.
        return Response({"detail": _("Not found.")}, status=404)
    return drf_exception_handler(exc, context)


class PaginatedView(APIView):
    """An APIView that answers a list: paged like every list, and declared so in the schema."""

    pagination_class = PageNumberPagination


def paginated_response(view: PaginatedView, queryset: Any, serializer_class: Any) -> Response:
    """A bounded page of `queryset` in the portal's list shape, for PaginatedViews."""
    paginator = getattr(view, "pagination_class", PageNumberPagination)()
    page = paginator.paginate_queryset(queryset, view.request, view=view)
    data = serializer_class(page, many=True, context={"request": view.request}).data
    return paginator.get_paginated_response(data)


class ConditionalGetMixin(APIView):
    """GETs answer an `ETag` over the body, and `Last-Modified` where the view knows it
    (`self.last_modified`); a client whose copy is current gets a 304 without the body.

    The ETag is computed from what would be sent, so it is never stale. A view sets
    `last_modified` only where every change to the answer moves it forward.
    """

    last_modified: datetime | None = None

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        digest = hashlib.sha256(response.content).hexdigest()[:32]
        etag = quote_etag(digest)
        response["ETag"] = etag
        timestamp = None
        # HTTP dates count whole seconds: a date is given only once its second is over, so
        # any later change falls in a later second and `If-Modified-Since` cannot miss it.
        if self.last_modified is not None and int(self.last_modified.timestamp()) < int(
            time.time()
        ):
            timestamp = int(self.last_modified.timestamp())
            response["Last-Modified"] = http_date(timestamp)
        conditional = get_conditional_response(
            request, etag=etag, last_modified=timestamp, response=response
        )
        if conditional is not None and conditional is not response:
            # The client's copy is current: Django's 304, headers copied, no body.
            return conditional  # type: ignore[return-value]
        return response

"""API building blocks shared by every app."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination
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

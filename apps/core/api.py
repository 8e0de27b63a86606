"""API building blocks shared by every app."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.exceptions import ServiceError


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


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

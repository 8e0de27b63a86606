"""The API's parsers: every body is checked where it enters, before any serializer sees it."""

from typing import Any

from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from apps.core.input import (
    MAX_JSON_DEPTH,
    StrictMultiPartParser,
    data_problem,
    query_dict_problem,
)


class JSONParser(parsers.JSONParser):
    """JSON without NUL characters, lone surrogates or deep nesting."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                _("The data is nested more than %(n)d levels deep.") % {"n": MAX_JSON_DEPTH}
            ) from None
        problem = data_problem(data)
        if problem:
            raise ParseError(problem)
        return data


class FormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        problem = query_dict_problem(data.lists())
        if problem:
            raise ParseError(problem)
        return data


class MultiPartParser(parsers.MultiPartParser):
    """Multipart with the portal's one file-name rule (see apps.core.input)."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        parser_context = parser_context or {}
        request = parser_context["request"]
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        encoding = parsers.get_encoding(parser_context)  # type: ignore[attr-defined]  # not in the stubs
        try:
            parser = StrictMultiPartParser(meta, stream, request.upload_handlers, encoding)
            data, files = parser.parse()
        except MultiPartParserError as error:
            raise ParseError(str(error)) from error
        return parsers.DataAndFiles(data, files)

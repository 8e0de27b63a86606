"""What the portal accepts from a request, checked once where the input enters.

PostgreSQL refuses text with a NUL character, and a lone UTF-16 surrogate (which only a JSON
`\\ud800` escape can produce) cannot be encoded back into a response. Either would surface as
a 500 wherever it reached a query or an error message, so both are refused before any view
runs: in the middleware for query strings and forms, and in the API's parsers for bodies.
"""

import html
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.utils.datastructures import ImmutableList
from django.utils.translation import gettext as _

# Deeper than any request of the API; deep nesting only costs recursion.
MAX_JSON_DEPTH = 32
FILE_NAME_MAX_LENGTH = 200


class UnsafeInput(MultiPartParserError, BadRequest):
    """Input refused before it reaches a view: answered with 400 and the message."""


def text_problem(value: str) -> str | None:
    """Why a piece of text cannot be accepted, or None."""
    if "\x00" in value:
        return _("Text must not contain NUL characters.")
    if any("\ud800" <= character <= "\udfff" for character in value):
        return _("Text must be valid Unicode (no unpaired surrogates).")
    return None


def data_problem(data: Any, *, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """The first problem in parsed input (keys, values, nesting), or None. Not recursive."""
    pending: list[tuple[object, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            problem = text_problem(value)
            if problem:
                return problem
        elif isinstance(value, dict | list):
            if depth > max_depth:
                return _("The data is nested more than %(n)d levels deep.") % {"n": max_depth}
            if isinstance(value, dict):
                pending.extend((key, depth) for key in value)
                pending.extend((item, depth + 1) for item in value.values())
            else:
                pending.extend((item, depth + 1) for item in value)
    return None


def query_dict_problem(query: Iterable[tuple[str, list]]) -> str | None:
    """The first problem in the keys and text values of a QueryDict's lists()."""
    for key, values in query:
        problem = text_problem(key) or next(
            (text_problem(value) for value in values if isinstance(value, str)), None
        )
        if problem:
            return problem
    return None


def file_name_problem(name: str) -> str | None:
    """Why a file name given by a user (an upload's or a chosen one) is refused, or None.

    The one rule for every upload, web page and API alike.
    """
    if not name or not name.strip():
        return _("The file needs a name.")
    if any(character in name for character in ("/", "\\")) or name.strip() in (".", ".."):
        return _("The file name must not contain a path.")
    if any(unicodedata.category(character) in ("Cc", "Cs") for character in name):
        return _("The file name must not contain control characters.")
    if len(name) > FILE_NAME_MAX_LENGTH:
        return _("The file name may be at most %(n)d characters.") % {"n": FILE_NAME_MAX_LENGTH}
    return None


class StrictMultiPartParser(MultiPartParser):
    """Django's multipart parser, refusing file names it would otherwise quietly change.

    Django keeps the last part of a path and drops control characters; the portal refuses
    such a name instead, so the sender learns of it and the stored name is what was sent.
    """

    def sanitize_file_name(self, file_name: Any) -> str | None:
        for candidate in {file_name, html.unescape(file_name)}:
            problem = file_name_problem(candidate)
            if problem:
                raise UnsafeInput(problem)
        return super().sanitize_file_name(file_name)

    def parse(self) -> Any:
        data, files = super().parse()
        problem = query_dict_problem(data.lists())
        if problem:
            raise UnsafeInput(problem)
        return data, files


def strict_parse_file_upload(request: HttpRequest, META: Any, post_data: Any) -> Any:
    """`HttpRequest.parse_file_upload` with the strict parser (installed by the middleware)."""
    request.upload_handlers = ImmutableList(
        request.upload_handlers,
        warning="You cannot alter upload handlers after the upload has been processed.",
    )
    return StrictMultiPartParser(META, post_data, request.upload_handlers, request.encoding).parse()

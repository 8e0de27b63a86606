"""The OpenAPI schema says what the API answers, errors included."""

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.plumbing import ResolvedComponent

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# `{"detail": …}` or `{field: [messages]}`, nested for lists and objects.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {},
    "description": "`detail`, or the fields in error, each with its messages.",
}
ERRORS = {
    "400": ("ValidationError", FIELD_ERRORS, "The request is invalid; nothing was changed."),
    "401": ("Error", ERROR, "No valid credentials: a missing, stale or revoked token."),
    "403": ("Error", ERROR, "Your role does not allow this; the reason is given."),
    "404": ("Error", ERROR, "Not found, or not yours to see."),
    "409": ("ValidationError", FIELD_ERRORS, "It conflicts with the current state."),
    "429": ("Error", ERROR, "Too many requests; try again later."),
}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema plus the error answers every operation can give.

    Any request may be malformed (400), carry a stale token (401), be refused (403), name
    something that is not there or a page past the end (404), or be throttled (429); a
    write may also conflict with the state (409).
    """

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, (name, schema, description) in ERRORS.items():
            if code == "409" and self.method not in WRITE_METHODS:
                continue
            if code in responses:
                continue
            component = ResolvedComponent(
                name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
            )
            self.registry.register_on_missing(component)
            responses[code] = {
                "content": {"application/json": {"schema": component.ref}},
                "description": description,
            }
        return responses

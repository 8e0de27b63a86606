"""Errors services raise; the API and the pages turn them into clear 4xx answers."""

from typing import Any


class ServiceError(Exception):
    """A request that breaks a business rule: answered with 400 and the messages given."""

    status_code = 400

    def __init__(self, detail: str | dict[str, Any]):
        if isinstance(detail, str):
            detail = {"detail": detail}
        self.detail = detail
        super().__init__(detail)

    @property
    def messages(self) -> list[str]:
        found: list[str] = []
        for value in self.detail.values():
            found.extend(value if isinstance(value, list | tuple) else [str(value)])
        return found


class ActionForbidden(ServiceError):
    """The actor may not do this: answered with 403 and the reason."""

    status_code = 403


class NotFoundError(ServiceError):
    """The thing asked about does not exist (or may not be revealed): 404."""

    status_code = 404


class ConflictError(ServiceError):
    """The request conflicts with the current state (already done, already pending): 409."""

    status_code = 409


class TooManyRequests(ServiceError):
    """Too many attempts in a while (a lockout or a rate limit): 429."""

    status_code = 429

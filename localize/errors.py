"""Domain errors: raised by services, turned into HTTP answers by the API and web layers."""
from __future__ import annotations


class DomainError(Exception):
    """A request the domain refuses; `code` is stable for clients, `details` locates the problem."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, details: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class ValidationFailed(DomainError):
    """Input that parses but breaks a rule; each detail names the `field` (and line or row)."""

    status = 422
    code = "validation_failed"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class PreconditionFailed(DomainError):
    """An edit based on a revision that is no longer current."""

    status = 412
    code = "precondition_failed"


def field_error(field: str, message: str, **extra) -> ValidationFailed:
    return ValidationFailed(f"{field}: {message}", [{"field": field, "message": message, **extra}])


class UpstreamFailed(DomainError):
    """A service we depend on (machine translation) failed."""

    status = 502
    code = "upstream_failed"

"""The one error hierarchy of tipwatch.

Every error carries an HTTP status, a stable code and, where known, the record and the field it is
about. The API and the CLI render these in one place each; nothing else formats errors.
Messages must never contain a victim's or witness's personal data: name records by id and kind.
"""

from __future__ import annotations

from typing import Any


class TipwatchError(Exception):
    """Base of every error a user can be shown."""

    status: int = 400
    code: str = "error"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        record: str | None = None,
        rule: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.record = record
        self.rule = rule
        self.details = details or {}

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field is not None:
            body["field"] = self.field
        if self.record is not None:
            body["record"] = self.record
        if self.rule is not None:
            body["rule"] = self.rule
        if self.details:
            body["details"] = self.details
        return body


class InvalidInput(TipwatchError):
    """A value a user sent is malformed or impossible; `field` names it."""

    status = 422
    code = "invalid_input"


class TooFewToShow(InvalidInput):
    """Filters that leave too few people to show a role that reads aggregates only."""

    code = "too_few_to_show"


class UnknownProvision(InvalidInput):
    """A legal provision that is not in the catalogue."""

    code = "unknown_provision"


class ProvisionNotInForce(InvalidInput):
    """A provision that exists but was not in force on the date that matters."""

    code = "provision_not_in_force"


class RuleViolation(TipwatchError):
    """A step the justice pipeline does not allow; `rule` names the rule broken."""

    status = 422
    code = "pipeline_rule"


class NotFound(TipwatchError):
    status = 404
    code = "not_found"


class EditConflict(TipwatchError):
    """Someone else changed the record since it was read: reload and apply again."""

    status = 409
    code = "edit_conflict"


class Duplicate(TipwatchError):
    status = 409
    code = "duplicate"


class ConfigurationError(TipwatchError):
    status = 500
    code = "configuration"


class Unavailable(TipwatchError):
    """The database is busy or unreachable; the same request may succeed a moment later."""

    status = 503
    code = "unavailable"


class NotAuthenticated(TipwatchError):
    """No valid session or token: log in, or send a valid API token."""

    status = 401
    code = "not_authenticated"


class Forbidden(TipwatchError):
    """The user is known but their role, unit or a conflict of interest keeps them out."""

    status = 403
    code = "forbidden"


class TooManyAttempts(TipwatchError):
    """Too many failed logins: the account is locked for a while."""

    status = 429
    code = "too_many_attempts"

"""Reading forms: values in, errors out as {field: message} to show beside each field."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from tipwatch.domain.errors import TipwatchError
from tipwatch.web.i18n import Language
from tipwatch.web.rule_texts import RULE_TEXTS
from tipwatch.web.session import check_form_token
from tipwatch.web.templating import Visitor

ModelT = TypeVar("ModelT", bound=BaseModel)


async def read_form(request: Request, visitor: Visitor) -> dict[str, str]:
    """The posted fields (blank ones dropped), after the CSRF check."""
    form = await request.form()
    check_form_token(visitor, str(form.get("csrf_token", "")))
    return {
        k: str(v).strip()
        for k, v in form.items()
        if k != "csrf_token" and isinstance(v, str) and str(v).strip()
    }


def errors_of(exc: ValidationError | TipwatchError, language: Language) -> dict[str, str]:
    """{field: message}; a refused pipeline step says its rule in the page's language first."""
    if isinstance(exc, TipwatchError):
        message = exc.message
        rule = RULE_TEXTS.get(getattr(exc, "rule", None) or "")
        if rule is not None and language.code != "en":
            message = f"{language.gettext(rule)} ({exc.message})"
        return {exc.field or "form": message}
    found: dict[str, str] = {}
    for error in exc.errors():
        field = ".".join(str(p) for p in error["loc"]) or "form"
        found.setdefault(field, str(error["msg"]))
    return found


def build(model: type[ModelT], values: dict[str, Any]) -> ModelT:
    return model.model_validate(values)

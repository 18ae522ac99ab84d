"""Property-based run over the whole API (schemathesis strategies driven by hypothesis).

Valid and malformed inputs alike, for every operation in the OpenAPI document, must get a 2xx
or a 4xx in the one JSON error shape: never a 500.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.factories import add_charge, add_event, add_party, bearer, make_case
from tipwatch.api.app import create_app
from tipwatch.services.context import Context

EXAMPLES_PER_OPERATION = 40


def _operations(ctx: Context, headers: dict[str, str]) -> tuple[Any, list[Any]]:
    app = create_app(ctx)
    with TestClient(app, headers=headers) as client:  # records for the generated ids to hit
        case = make_case(client)
        accused = add_party(client, case["id"], "accused")
        add_party(client, case["id"], "victim")
        add_event(client, case["id"], "fir_registered", "2025-01-10")
        add_charge(client, case["id"], accused["id"], "3(1) PTPA")
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    return app, operations


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_gets_a_server_error(ctx: Context, admin_token: str, mode: GenerationMode) -> None:
    headers = bearer(admin_token)
    _app, operations = _operations(ctx, headers)
    assert len(operations) >= 15
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=mode)

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def call(case: Any) -> None:
            response = case.call(headers=headers)
            where = f"{case.method} {case.formatted_path}"
            assert response.status_code < 500, (where, response.status_code, response.text)
            if response.status_code >= 400:
                error = response.json()["error"]
                assert error["code"], where
                assert error["message"], where

        try:
            call()
        except Unsatisfiable:  # an operation with no input that can be malformed
            assert mode is GenerationMode.NEGATIVE, operation.label

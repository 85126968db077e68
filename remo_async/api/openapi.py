"""The OpenAPI 3.1 document, generated from the route table and the pydantic models."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from remo_async import __version__
from remo_async.api.routes import Route
from remo_async.api.schemas import Problem

REF = "#/components/schemas/{model}"
PROBLEM = "application/problem+json"
USER_ERRORS = (400, 401, 403, 413, 422, 429, 503)
DESCRIPTIONS = {
    400: "Malformed JSON, or an altered or foreign cursor",
    401: "Missing or bad token (WWW-Authenticate: Bearer)",
    403: "The token's user is not the path's user",
    404: "Not found",
    409: "A status change the rules refuse, or an Idempotency-Key reused with another body",
    413: "Body over 64 KiB",
    422: "The body or query breaks the schema; `errors` names each field",
    429: "Over the per-user rate limit (Retry-After)",
    503: "DynamoDB unreachable or throttling (Retry-After)",
}


def _schemas(routes: tuple[Route, ...]) -> tuple[dict[Any, Any], dict[str, Any]]:
    wanted: dict[tuple[type[BaseModel], JsonSchemaMode], None] = {(Problem, "serialization"): None}
    for route in routes:
        for body in (route.body, route.form):
            if body is not None:
                wanted[(body, "validation")] = None
        if route.answer is not None:
            wanted[(route.answer, "serialization")] = None
    refs, top = models_json_schema(list(wanted), ref_template=REF)
    return refs, top.get("$defs", {})


def _parameters(route: Route) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", route.path)
    ]
    if route.query is not None:
        schema = route.query.model_json_schema(ref_template=REF)
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            params.append(
                {"name": name, "in": "query", "required": name in required, "schema": prop}
            )
    if route.token_in_query:
        params.append(
            {
                "name": "access_token",
                "in": "query",
                "required": False,
                "description": "The token, for clients that cannot set headers (EventSource)",
                "schema": {"type": "string"},
            }
        )
    if route.idempotent:
        params.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": "Same key and body within 24 h: the first answer again",
                "schema": {"type": "string", "minLength": 1, "maxLength": 255},
            }
        )
    return params


def _responses(route: Route, refs: dict[Any, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status in (route.status, *route.also):
        answer: dict[str, Any] = {"description": "Success" if status != 204 else "No content"}
        if route.answer is not None and status != 204:
            schema = refs[(route.answer, "serialization")]
            answer["content"] = {"application/json": {"schema": schema}}
        if status == 201 and route.location:
            answer["headers"] = {"Location": {"schema": {"type": "string"}}}
        responses[str(status)] = answer
    problem = {PROBLEM: {"schema": refs[(Problem, "serialization")]}}
    errors = (
        *(USER_ERRORS if route.auth else ()),
        *route.errors,
        *((409,) if route.idempotent else ()),
    )
    for status in sorted(set(errors)):
        responses[str(status)] = {"description": DESCRIPTIONS[status], "content": problem}
    return responses


def _operation(route: Route, refs: dict[Any, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": route.operation_id,
        "summary": route.summary,
        "tags": [route.tag],
        "parameters": _parameters(route),
        "responses": _responses(route, refs),
    }
    if route.auth:
        operation["security"] = [{"bearer": []}]
    if route.body is not None:
        schema = refs[(route.body, "validation")]
        content = {"application/json": {"schema": schema}}
        if route.form is not None:
            form = refs[(route.form, "validation")]
            content["application/x-www-form-urlencoded"] = {"schema": form}
        operation["requestBody"] = {"required": True, "content": content}
    return operation


def build_openapi(routes: tuple[Route, ...]) -> dict[str, Any]:
    """The whole document for these routes."""
    refs, schemas = _schemas(routes)
    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route, refs)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "remo-async",
            "version": __version__,
            "description": "The backend of Remo, a personal assistant. Times are UTC RFC 3339.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
    }

"""GET /docs: an HTML API reference made from the OpenAPI document (itself made from ROUTES).

One page, no script, no other origin: each operation with its parameters, body fields,
answers, errors and a curl example built from the schema's examples.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from aiohttp import web

from remo_async.keys import OPENAPI

ENUM_SHOWN = 12
"""An enum longer than this (time zones) is shown as its size and first values."""
STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;
color:#1d2433;background:#fff}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:2px solid #e3e7ee}
h3{font-size:1.05rem;margin:1.6rem 0 .4rem}
code,pre{font:13px/1.45 ui-monospace,monospace}
pre{background:#f4f6fa;padding:.7rem;overflow-x:auto;border-radius:6px}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
td,th{border:1px solid #e3e7ee;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6fa}.m{display:inline-block;min-width:4.2rem;font-weight:700}
.get{color:#0b6e4f}.post{color:#1f4fb2}.put,.patch{color:#8a5a00}.delete{color:#b3261e}
nav ul{columns:2}a{color:#1f4fb2}
"""


DOCS_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[1] if isinstance(ref, str) else None


def _type(schema: dict[str, Any]) -> str:
    """A short human description of a JSON Schema: type, enum, bounds, pattern."""
    name = _ref_name(schema)
    if name is not None:
        return f'<a href="#schema-{escape(name)}">{escape(name)}</a>'
    if "anyOf" in schema:
        return " or ".join(_type(choice) for choice in schema["anyOf"])
    if "enum" in schema:
        values = [json.dumps(v) for v in schema["enum"]]
        if len(values) > ENUM_SHOWN:
            shown = ", ".join(values[:3])
            return escape(f"one of {len(values)} values ({shown}, ...)")
        return escape(" | ".join(values))
    if "const" in schema:
        return escape(json.dumps(schema["const"]))
    kind = str(schema.get("type", "any"))
    if kind == "array" and isinstance(schema.get("items"), dict):
        kind = f"array of {_type(schema['items'])}"
    else:
        kind = escape(kind)
    bounds = [
        f"{label} {schema[key]}"
        for key, label in (
            ("minLength", "min length"),
            ("maxLength", "max length"),
            ("minimum", "&ge;"),
            ("maximum", "&le;"),
            ("format", "format"),
        )
        if key in schema
    ]
    return kind + (f" ({', '.join(bounds)})" if bounds else "")


def _flat(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with its one non-null `anyOf` choice merged in (`X | None` fields)."""
    choices = [c for c in schema.get("anyOf", []) if c.get("type") != "null"]
    return {**choices[0], **schema} if len(choices) == 1 else schema


def _note(schema: dict[str, Any]) -> str:
    schema = _flat(schema)
    parts = []
    if "description" in schema:
        parts.append(escape(str(schema["description"])))
    if "default" in schema:
        parts.append(f"default <code>{escape(json.dumps(schema['default']))}</code>")
    if "examples" in schema:
        examples = ", ".join(escape(json.dumps(e)) for e in schema["examples"])
        parts.append(f"e.g. <code>{examples}</code>")
    if "pattern" in schema:
        parts.append(f"pattern <code>{escape(schema['pattern'])}</code>")
    return "; ".join(parts)


def _example(schema: dict[str, Any], schemas: dict[str, Any]) -> Any:
    """A value for a body's curl example: the first example, default, or a placeholder."""
    name = _ref_name(schema)
    if name is not None:
        schema = schemas.get(name, {})
    if schema.get("examples"):
        return schema["examples"][0]
    if "default" in schema:
        return schema["default"]
    if "enum" in schema:
        return schema["enum"][0]
    if "anyOf" in schema:
        return _example(schema["anyOf"][0], schemas)
    kind = schema.get("type")
    if kind == "object":
        props, required = schema.get("properties", {}), schema.get("required", [])
        return {k: _example(v, schemas) for k, v in props.items() if k in required}
    return {"integer": 5, "number": 1, "boolean": True, "array": []}.get(str(kind), "text")


def _curl(method: str, path: str, operation: dict[str, Any], schemas: dict[str, Any]) -> str:
    url = path.replace("{user_id}", "$USER_ID")
    for param in operation.get("parameters", []):
        if param["in"] == "path" and param["name"] != "user_id":
            url = url.replace("{" + param["name"] + "}", f"${param['name'].upper()}")
    examples = [
        (p["name"], _flat(p.get("schema", {}))["examples"][0])
        for p in operation.get("parameters", [])
        if p["in"] == "query" and _flat(p.get("schema", {})).get("examples")
    ]
    if examples:
        url += "?" + "&".join(f"{name}={value}" for name, value in examples)
    parts = ["curl -s"]
    if method != "get":
        parts.append(f"-X {method.upper()}")
    parts.append(f'"$API{url}"')
    if operation.get("security"):
        parts.append('-H "Authorization: Bearer $TOKEN"')
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None:
        example = _example(body["schema"], schemas)
        parts.append("-H 'Content-Type: application/json'")
        parts.append(f"-d '{json.dumps(example)}'")
    return " ".join(parts)


def _parameters(operation: dict[str, Any]) -> str:
    rows = [
        f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p['in'])}</td>"
        f"<td>{'yes' if p.get('required') else 'no'}</td><td>{_type(p.get('schema', {}))}</td>"
        f"<td>{_note({**p.get('schema', {}), **p})}</td></tr>"
        for p in operation.get("parameters", [])
    ]
    if not rows:
        return ""
    head = "<tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th>notes</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _responses(operation: dict[str, Any]) -> str:
    rows = []
    for status, answer in operation.get("responses", {}).items():
        content = answer.get("content", {})
        kinds = ", ".join(
            f"{escape(kind)} {_type(c.get('schema', {}))}" for kind, c in content.items()
        )
        rows.append(
            f"<tr><td>{escape(status)}</td><td>{escape(answer.get('description', ''))}</td>"
            f"<td>{kinds}</td></tr>"
        )
    return f"<table><tr><th>status</th><th>meaning</th><th>body</th></tr>{''.join(rows)}</table>"


def _operation(method: str, path: str, operation: dict[str, Any], schemas: dict[str, Any]) -> str:
    anchor = escape(operation["operationId"])
    body = ""
    content = operation.get("requestBody", {}).get("content", {})
    if content:
        kinds = ", ".join(
            f"<code>{escape(k)}</code>: {_type(c.get('schema', {}))}" for k, c in content.items()
        )
        body = f"<p>Body: {kinds}</p>"
    auth = "Bearer token of the path's user" if operation.get("security") else "public"
    return (
        f'<section id="{anchor}"><h3><span class="m {method}">{method.upper()}</span> '
        f"<code>{escape(path)}</code></h3><p>{escape(operation.get('summary', ''))} "
        f"({auth}).</p>{_parameters(operation)}{body}{_responses(operation)}"
        f"<pre>{escape(_curl(method, path, operation, schemas))}</pre></section>"
    )


def _schema(name: str, schema: dict[str, Any]) -> str:
    rows = [
        f"<tr><td><code>{escape(field)}</code></td><td>{_type(prop)}</td>"
        f"<td>{'yes' if field in schema.get('required', []) else 'no'}</td>"
        f"<td>{_note(prop)}</td></tr>"
        for field, prop in schema.get("properties", {}).items()
    ]
    head = "<tr><th>field</th><th>type</th><th>required</th><th>notes</th></tr>"
    table = f"<table>{head}{''.join(rows)}</table>" if rows else f"<p>{_type(schema)}</p>"
    about = escape(str(schema.get("description", "")))
    anchor = f"schema-{escape(name)}"
    return f'<section id="{anchor}"><h3>{escape(name)}</h3><p>{about}</p>{table}</section>'


def render_docs(document: dict[str, Any]) -> str:
    """The whole reference page for an OpenAPI 3.1 document, as HTML."""
    schemas = document.get("components", {}).get("schemas", {})
    by_tag: dict[str, list[str]] = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or ["Other"])[0]
            by_tag.setdefault(tag, []).append(_operation(method, path, operation, schemas))
    nav = "".join(f'<li><a href="#tag-{escape(t)}">{escape(t)}</a></li>' for t in by_tag)
    sections = "".join(
        f'<h2 id="tag-{escape(t)}">{escape(t)}</h2>{"".join(ops)}' for t, ops in by_tag.items()
    )
    models = "".join(_schema(name, schema) for name, schema in sorted(schemas.items()))
    info = document.get("info", {})
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>remo-async API reference</title><link rel="icon" href="/favicon.ico">
<style>{STYLE}</style></head><body><main>
<h1>remo-async API {escape(str(info.get("version", "")))}</h1>
<p>{escape(str(info.get("description", "")))} Made from the same route table as
<a href="/openapi.json">/openapi.json</a>; the web console is at <a href="/">/</a>.</p>
<p>Every error is <code>application/problem+json</code> (RFC 9457): <code>type</code>,
<code>title</code>, <code>status</code>, <code>detail</code>, and for validation errors
<code>errors: [{{"field", "message"}}]</code>. Lists take <code>limit</code> (1..100) and
<code>cursor</code> and answer <code>{{"items", "next_cursor"}}</code>. The curl examples
expect <code>API</code>, <code>USER_ID</code> and <code>TOKEN</code> in the shell
(<code>TOKEN=$(remo-async token "$USER_ID")</code> in dev mode).</p>
<nav aria-label="Sections"><ul>{nav}<li><a href="#schemas">Schemas</a></li></ul></nav>
{sections}<h2 id="schemas">Schemas</h2>{models}</main></body></html>"""


async def docs_view(request: web.Request) -> web.Response:
    """GET /docs: the API reference page."""
    return web.Response(
        text=render_docs(request.app[OPENAPI]),
        content_type="text/html",
        charset="utf-8",
        headers={"Content-Security-Policy": DOCS_CSP},
    )

"""hypothesis strategies for adversarial requests: bodies, content types, queries, headers.

Bodies are raw bytes on purpose: a JSON library cannot write NaN, a lone surrogate escape,
a duplicate key or invalid UTF-8, and those are what a server must refuse cleanly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TypeVar
from urllib.parse import quote

from hypothesis import strategies as st
from pydantic import BaseModel

from remo_async.api.middleware import MAX_BODY_BYTES
from remo_async.api.routes import Route

T = TypeVar("T")

# Values a field may plausibly hold (so that some writes succeed and the data grows),
# JSON-encoded, by field name.
PLAUSIBLE: dict[str, list[str]] = {
    "title": ["buy milk", "  call mom  ", "x" * 200, "x" * 201, "tab\there", "zero\u200bwidth"],
    "description": ["", "line\nbreak", "d" * 2000, "d" * 2001],
    "reminding_time": [
        "in 1 hour",
        "2099-01-01T10:00:00Z",
        "2099-01-01T10:00:00",
        "tomorrow 10am",
        "next friday at 3pm",
        "2020-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00+14:00",
        "yesterday",
        "",
    ],
    "timezone": ["UTC", "Europe/Paris", "Mars/Olympus", "../../etc/passwd", "utc", ""],
    "recurrence": [
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=MO",
        "FREQ=SECONDLY",
        "FREQ=DAILY;UNTIL=19700101T000000Z",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "RRULE:FREQ=MONTHLY;COUNT=3",
        "",
    ],
    "status": ["pending", "done", "cancelled", "fired", "failed", "PENDING"],
    "priority": ["low", "medium", "high", "urgent", "none"],
    "category": ["work", "c" * 50, "c" * 51],
    "due_date": ["2099-12-24", "next friday", "2099-12-24T10:00:00Z", "2099-02-30", "24/12/2099"],
    "minutes": [],
    "role": ["user", "assistant", "system", "tool"],
    "content": ["hello", "c" * 16000, "c" * 16001],
    "message": [
        "remind me to call mom tomorrow at 10am",
        "add a todo buy milk",
        "what are my reminders",
        "cancel my reminder to call mom",
        "m" * 4001,
    ],
    "email": ["a@b.co", "not an email", "a@b"],
    "wallet": ["0x" + "a" * 40, "0x" + "g" * 40, "1" * 44],
    "first_name": ["Ann", "n" * 101],
    "last_name": ["Lee", ""],
    "phone_number": ["+15551234567", "555-1234", "+0123"],
    "language": ["en", "fr-CA", "e", "x" * 36],
    # IP literals only: nothing is resolved, and a private address must be refused.
    "webhook_url": ["https://93.184.216.34/hook", "http://127.0.0.1:1/x", "ftp://x", "https://"],
}
NUMBERS = {"minutes": ["1", "10080", "10081", "0", "-1", "1.5", "60"]}
ADVERSARIAL_VALUES = [
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "1e-999",
    "1" + "0" * 400,  # 10**400
    "-" + "9" * 30,
    "-0",
    "-0.0",
    "0.1",
    "1E2",
    "01",
    ".5",
    "+1",
    "0x10",
    "null",
    "true",
    "false",
    "[]",
    "{}",
    '[""]',
    '{"": null}',
    '"\\ud800"',
    '"\\udc80"',
    '"\\ud800\\u0041"',
    '"\\udbff\\udfff"',  # a valid pair: U+10FFFF
    '"\\u0000"',
    '"a\\u0000b"',
    '"\\u001b[31mred"',
    '"\\u202eevil"',
    '"\\ufeff"',
    '"\\uffff"',
    '"\\/\\b\\f\\n\\r\\t"',
    "'single'",
    '"unterminated',
    '"bad \\x escape"',
    '"\\u12"',
    "undefined",
    "",
]
ADVERSARIAL_BYTES = [
    b'"\xed\xa0\x80"',  # a surrogate in UTF-8: not UTF-8
    b'"\xed\xb2\x80"',
    b'"\xff\xfe"',
    b'"\xc0\xaf"',  # overlong
    b'"\x00"',  # raw control characters inside a string
    b'"\x1f\x7f"',
    b'"\xf4\x90\x80\x80"',  # beyond U+10FFFF
    b'"caf\xc3\xa9"',
]
EXTRA_KEYS = ["unknown", "", "__proto__", "constructor", "title\u0000", "user_id", "privy_id"]
QUERY_KEYS = [
    "limit",
    "cursor",
    "status",
    "priority",
    "category",
    "order",
    "from",
    "to",
    "q",
    "data_type",
    "access_token",
    "",
]
QUERY_VALUES = [
    "1",
    "10",
    "100",
    "0",
    "-1",
    "101",
    "1" + "0" * 400,
    "1e3",
    "NaN",
    "1.5",
    "%ED%B2%80",  # a lone surrogate, percent-encoded
    "%00",
    "a%00b",
    "%",
    "%zz",
    "%C0%AF",
    "%FF",
    "%E2%80%AE",
    "pending",
    "done,cancelled",
    "pending,bogus",
    "due",
    "created",
    "priority",
    "all",
    "reminders",
    "2099-01-01T00:00:00Z",
    "2099-01-01T00%3A00%3A00%2B02%3A00",
    "garbage",
    "",
    "x" * 5000,
    "eyJ1IjoiZGlkOnByaXZ5OmZ1enotb3RoZXIiLCJrIjoiMSJ9",  # base64 JSON: a forged cursor
    "eyJ9",
    "AAAA",
    "!!!",
]
CONTENT_TYPES: list[str | None] = [
    "application/json; charset=utf-8",
    "application/json; charset=latin-1",
    "application/json; charset=utf-16",
    "APPLICATION/JSON",
    "application/merge-patch+json",
    "text/plain",
    "text/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=fuzz",
    "multipart/form-data",
    "application/octet-stream",
    "application/xml",
    "",
    ";;;",
    "application/json; charset=\u00e9",
    None,
]
IDEMPOTENCY_KEYS: list[str | None] = [
    "k1",
    "k2",
    "",
    " ",
    "x" * 255,
    "x" * 256,
    "x" * 70_000,  # over the server's header limit: 431
    "cl\u00e9",
    "tab\there",
]
REQUEST_IDS: list[str | None] = [
    "fuzz-1",
    "x" * 128,
    "x" * 129,
    "a b",
    "<script>alert(1)</script>",
    "\u00e9",
    "",
    "x" * 70_000,
]


def mostly(common: T, others: Sequence[T], weight: int = 20) -> st.SearchStrategy[T]:
    """common most of the time, else one of others.

    common is also the last element: hypothesis favours both ends of a list it samples.
    """
    return st.sampled_from([*([common] * weight), *others, common])


def _text_values() -> st.SearchStrategy[str]:
    """JSON strings of arbitrary text: control characters, surrogates, long runs."""
    characters = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
    return st.one_of(
        st.text(characters, max_size=40).map(lambda s: json.dumps(s, ensure_ascii=True)),
        st.text(
            st.characters(categories=["Cc", "Cs", "Cf", "Zl", "Zp"]), min_size=1, max_size=8
        ).map(lambda s: json.dumps(s, ensure_ascii=True)),
        st.builds(
            lambda c, n: json.dumps(c * n),
            st.sampled_from("x\u00e9\u4e2d\U0001f600"),
            st.integers(0, 5000),
        ),
    )


def nested(levels: int, kind: str) -> str:
    """levels of arrays or objects around 1."""
    if kind == "array":
        return "[" * levels + "1" + "]" * levels
    return '{"a":' * levels + "1" + "}" * levels


def nesting() -> st.SearchStrategy[str]:
    return st.builds(
        nested,
        st.one_of(
            st.integers(1, 40), st.integers(1, 5000), st.sampled_from([31, 32, 33, 1024, 1025])
        ),
        st.sampled_from(["array", "object"]),
    )


def json_values(field: str) -> st.SearchStrategy[bytes]:
    """A value for field, as raw JSON text (often not JSON at all)."""
    plausible = [json.dumps(v) for v in PLAUSIBLE.get(field, [])] + NUMBERS.get(field, [])
    choices: list[st.SearchStrategy[str]] = [
        st.sampled_from(ADVERSARIAL_VALUES),
        _text_values(),
        nesting(),
        st.integers(-(10**20), 10**20).map(str),
        st.floats(allow_nan=False, allow_infinity=False).map(repr),
        st.lists(st.sampled_from([*ADVERSARIAL_VALUES[:24], '"x"']), max_size=4).map(
            lambda items: "[" + ",".join(items) + "]"
        ),
    ]
    if plausible:
        choices = [st.sampled_from(plausible)] * 4 + choices
    return st.one_of(
        st.one_of(*choices).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.sampled_from(ADVERSARIAL_BYTES),
    )


@st.composite
def json_objects(draw: st.DrawFn, fields: Sequence[str]) -> bytes:
    """An object over the route's fields (some repeated: duplicate keys) and a few others."""
    names = draw(
        st.lists(
            st.one_of(st.sampled_from(list(fields) or ["x"]), st.sampled_from(EXTRA_KEYS)),
            max_size=6,
        )
    )
    if fields and draw(st.booleans()):
        names = list(dict.fromkeys([*fields, *names]))  # every field present, then others
    members = []
    for name in names:
        key = json.dumps(name).encode()
        members.append(key + b": " + draw(json_values(name)))
    return b"{" + b", ".join(members) + b"}"


@st.composite
def near_the_limit(draw: st.DrawFn, fields: Sequence[str]) -> bytes:
    """An object whose one long string makes the body 64 KiB give or take a few bytes."""
    name = draw(st.sampled_from(list(fields) or ["x"]))
    size = MAX_BODY_BYTES + draw(st.one_of(st.integers(-3, 3), st.integers(-2000, 2000)))
    unit = draw(
        st.sampled_from([b"x", b"\xc3\xa9", b"\\u0000", b"\\ud800", b"\\n", b"\xe4\xb8\xad"])
    )
    head, tail = b'{"' + name.encode() + b'": "', b'"}'
    room = max(size - len(head) - len(tail), 0)
    filler = unit * (room // len(unit))
    filler += b"x" * (room - len(filler))
    return head + filler + tail


@st.composite
def plausible_objects(draw: st.DrawFn, model: type[BaseModel]) -> bytes:
    """A well-formed object of plausible values, most of them valid: writes that get through.

    Required fields are always there; each optional one half the time.
    """
    chosen = {}
    for name, info in model.model_fields.items():
        values = PLAUSIBLE.get(name, [])
        numbers = NUMBERS.get(name, [])
        if not (values or numbers) or (not info.is_required() and draw(st.booleans())):
            continue
        if numbers:
            chosen[name] = draw(st.sampled_from(numbers[:2] * 3 + numbers)).encode()
        else:
            # The first value of each is valid: weigh it.
            chosen[name] = json.dumps(draw(st.sampled_from(values[:1] * 2 + values))).encode()
    return b"{" + b", ".join(json.dumps(k).encode() + b": " + v for k, v in chosen.items()) + b"}"


def json_bodies(fields: Sequence[str]) -> st.SearchStrategy[bytes]:
    """Raw bodies sent as JSON: objects, scalars, deep nesting, the size limit, bytes."""
    objects = json_objects(fields)
    return st.one_of(
        objects,
        objects,
        objects,
        objects.map(lambda b: b"\xef\xbb\xbf" + b),  # a BOM
        objects.map(lambda b: b + b" trailing"),
        objects.map(
            lambda b: (
                b.decode("utf-8", "surrogateescape").encode("utf-16", "surrogatepass")
                if b.isascii()
                else b
            )
        ),
        nesting().map(str.encode),
        st.builds(
            lambda f, inner: b'{"' + f.encode() + b'": ' + inner.encode() + b"}",
            st.sampled_from(list(fields) or ["x"]),
            nesting(),
        ),
        near_the_limit(fields),
        st.sampled_from(ADVERSARIAL_VALUES).map(str.encode),
        st.sampled_from([b"", b" ", b"\n", b"\x00", b"{", b"}", b'{"a":1}{"a":2}']),
        st.binary(max_size=300),
    )


@st.composite
def form_bodies(draw: st.DrawFn, fields: Sequence[str], multipart: bool) -> bytes:
    """A form (urlencoded, or multipart with boundary "fuzz") over the route's fields."""
    pairs = []
    for name in draw(st.lists(st.sampled_from([*fields, *EXTRA_KEYS, "x"]), max_size=5)):
        plausible = PLAUSIBLE.get(name) or ["1"]
        value = draw(
            st.one_of(
                st.sampled_from(plausible),
                st.sampled_from(ADVERSARIAL_VALUES),
                st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=20),
            )
        )
        pairs.append((name, value))
    if not multipart:
        encoded = "&".join(
            f"{quote(k, errors='surrogatepass')}={quote(v, errors='surrogatepass')}"
            for k, v in pairs
        )
        junk = draw(st.sampled_from(["", "&", "&=&", "%ED%B2%80=%ED%B2%80", "a=%", "%00=%00"]))
        return (encoded + junk).encode()
    parts = b"".join(
        b'--fuzz\r\nContent-Disposition: form-data; name="'
        + k.encode("utf-8", "surrogatepass")
        + b'"\r\n\r\n'
        + v.encode("utf-8", "surrogatepass")
        + b"\r\n"
        for k, v in pairs
    )
    ending = draw(st.sampled_from([b"--fuzz--\r\n", b"", b"--fuzz", b"--other--\r\n"]))
    return parts + ending


@st.composite
def bodies(draw: st.DrawFn, route: Route) -> tuple[bytes | None, str | None]:
    """A body and its Content-Type for route (routes without a body get one now and then)."""
    model = route.body or route.form
    fields = list(model.model_fields) if model is not None else []
    if model is None and draw(mostly(True, [False], weight=3)):
        return None, None
    if model is not None and draw(mostly(True, [False] * 3, weight=2)):
        content_type = draw(mostly("application/json", [None], weight=4))
        return draw(plausible_objects(model)), content_type
    content_type = draw(mostly("application/json", CONTENT_TYPES, weight=8))
    if content_type and content_type.startswith("application/x-www-form-urlencoded"):
        return draw(form_bodies(fields, multipart=False)), content_type
    if content_type and content_type.startswith("multipart/form-data"):
        return draw(form_bodies(fields, multipart=True)), content_type
    return draw(json_bodies(fields)), content_type


def _query_keys(route: Route) -> list[str]:
    model_keys = list(route.query.model_fields) if route.query is not None else []
    return [*model_keys, *model_keys, *QUERY_KEYS]


@st.composite
def queries(draw: st.DrawFn, route: Route) -> str:
    """A query string, percent-encoded or raw: repeated keys, huge limits, bad cursors, NUL."""
    pairs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(_query_keys(route)),
                st.one_of(
                    st.sampled_from(QUERY_VALUES),
                    st.text(
                        st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=12
                    ).map(lambda s: quote(s, safe="", errors="surrogatepass")),
                ),
            ),
            max_size=draw(mostly(0, [1, 2, 4], weight=3)),
        )
    )
    if not pairs:
        return draw(mostly("", ["?", "?&", "?=", "?limit", "?%"], weight=8))
    return "?" + "&".join(f"{k}={v}" for k, v in pairs)


PARAM = re.compile(r"\{(\w+)\}")

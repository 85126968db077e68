"""Kinds of input found by a newcomer's attack (round 6), each generated, not listed:

- RFC 3339 date-times at a leap second (`23:59:60`, RFC 3339 5.6/5.7) in every time a
  client gives (`reminding_time` on create and PATCH, `due_date`), with any offset, case,
  `T` or space and fraction: read as the second before, as a list's `from`/`to` read
  them. Before: a 422 "not a valid date or time" for a valid RFC 3339 time.
- Every Unicode control character (category Cc) but tab, CR and LF in a one-line label
  (titles, categories, names): a 422 naming the field that stores nothing. Before: the C1
  controls U+0080..U+009F (U+0085 is a line break) were stored.
- A dev token's user id with any control character, LF included: POST /dev/token is a
  422, and a token whose `sub` holds one is a 401. Before: "did:privy:x\\n" got a token and
  stored data under that id.
- A list cursor altered by one character (replaced, inserted, removed, padding added) is
  a 400, never a page. Before: base64 decoding ignored extra padding, characters outside
  its alphabet and the unused low bits of the last character, so such cursors answered 200.
- RRULE numbers written with other scripts' digits or underscores (`COUNT=５`,
  `BYMONTHDAY=١٥`, `COUNT=1_0`): a 422 naming `recurrence` that stores nothing, while the
  same rule in ASCII digits is accepted. Before: stored and answered as given (dateutil
  reads them with int()), not an RFC 5545 rule.
- Integers in a JSON body: within 64 bits (-2**63..2**64-1) kept exactly, beyond them a
  400 Malformed JSON that stores nothing, on every JSON route and at any depth. Before:
  orjson read 18446744073709551616 as the float 1.8446744073709552e+19, and preferences
  kept and answered that other number.
- Outbound URLs (`webhook_url`, a push `endpoint`) whose host is not a DNS name (an empty
  or 64-character label, `https://a..b/`) or that hold a space or control character: a
  422 naming the field that stores nothing. Before: the resolver's UnicodeError was a
  500, and `https://exa mple.com/x` was stored.
- An email address holding any control character: a 422 naming `email` that stores
  nothing. Before: `a\x00@b.co` was stored (the pattern refused only spaces).
- A query parameter given twice, on every route that takes a query: a 422 naming it that
  changes nothing. Before: the first was used silently, so
  `DELETE /data?data_type=all&data_type=todos` deleted everything.
- A JSON object naming a key twice, at any depth, on every JSON route: a 400 Malformed
  JSON that stores nothing (unique keys with quotes and colons in their strings are read
  as before). Before: orjson kept the last silently (`{"title": "a", "title": "b"}`
  made a reminder "b"; readers differ on which one counts).
- Idempotency-Keys of up to 255 characters of any width, for user ids of up to 200 of
  any width: the first answer is replayed, another body is a 409. Before: the composed
  DynamoDB key passed the 2,048-byte limit (255 x "é" for a long user id) and was a 500.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remo_async.api.auth import mint_dev_token
from remo_async.domain.times import format_time
from tests.api.conftest import ALICE, Api
from tests.push.service import Browser

U = f"/user/{ALICE}"
R, T = f"{U}/reminders", f"{U}/todos"

GENERATED = settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


async def _problem(response: Any, status: int) -> dict[str, Any]:
    text = await response.text()
    assert response.status == status, text[:300]
    assert response.headers["Content-Type"].startswith("application/problem+json"), text[:300]
    body: dict[str, Any] = await response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


async def _data(api: Api, user: str = ALICE) -> dict[str, Any]:
    document: dict[str, Any] = await api.ok("GET", f"/user/{user}/data", user=user)
    return document


# --- RFC 3339 leap seconds --------------------------------------------------------------


@st.composite
def leap_second_times(draw: st.DrawFn) -> tuple[str, datetime]:
    """An RFC 3339 date-time at second 60 and the instant it is read as (the second before)."""
    day = draw(st.dates(min_value=date(1971, 1, 1), max_value=date(8999, 1, 1)))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    minutes = draw(st.integers(-(24 * 60 - 1), 24 * 60 - 1))
    offset = timezone(timedelta(minutes=minutes))
    if minutes == 0 and draw(st.booleans()):
        zone = draw(st.sampled_from("Zz"))
    else:
        sign = "-" if minutes < 0 else "+"
        zone = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    fraction = draw(st.text("0123456789", max_size=12))
    separator = draw(st.sampled_from("Tt "))
    text = f"{day.isoformat()}{separator}{hour:02d}:{minute:02d}:60"
    text += (f".{fraction}" if fraction else "") + zone
    instant = datetime(day.year, day.month, day.day, hour, minute, 59, tzinfo=offset)
    return text, instant.astimezone(UTC)


@GENERATED
@given(given_time=leap_second_times())
async def test_a_leap_second_is_read_as_the_second_before_in_every_time_field(
    api: Api, given_time: tuple[str, datetime]
) -> None:
    text, instant = given_time
    expected = format_time(instant)
    made = await api.ok("POST", R, 201, json={"title": "leap", "reminding_time": text})
    assert made["reminding_time"] == expected
    path = f"{R}/{made['reminder_id']}"
    await api.ok("PATCH", path, json={"reminding_time": "2030-01-01T00:00:00Z"})
    moved = await api.ok("PATCH", path, json={"reminding_time": text})
    assert moved["reminding_time"] == expected
    todo = await api.ok("POST", T, 201, json={"title": "leap", "due_date": text})
    assert todo["due_date"] == expected
    # A list's bounds read the same text as the same instant: the reminder is found.
    page = await api.ok("GET", R, params={"from": text, "to": expected.replace("Z", "+00:00")})
    assert page["items"] == []  # from <= t < to with from == to
    page = await api.ok("GET", R, params={"from": text, "order": "due", "limit": "100"})
    assert made["reminder_id"] in {item["reminder_id"] for item in page["items"]}
    await api.ok("DELETE", path, 204)
    await api.ok("DELETE", f"{T}/{todo['todo_id']}", 204)


# --- control characters in one-line labels ----------------------------------------------

CONTROLS = [
    chr(c)
    for c in range(0x110000)
    if unicodedata.category(chr(c)) == "Cc" and chr(c) not in "\t\r\n"
]
"""Unicode's control characters (Cc: C0, DEL, C1) but the three a text may hold."""

LABELS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("POST", R, "title", {"reminding_time": "in 1 day"}),
    ("POST", T, "title", {}),
    ("POST", T, "category", {"title": "t"}),
    ("PUT", U, "first_name", {}),
    ("PUT", U, "last_name", {}),
    ("POST", "/chat", "message", {}),
)


@GENERATED
@given(
    label=st.sampled_from(LABELS),
    control=st.sampled_from(CONTROLS),
    around=st.tuples(st.text("ab c", max_size=3), st.text("ab c", max_size=3)),
)
async def test_a_control_character_in_a_label_is_a_422_that_stores_nothing(
    api: Api, label: tuple[str, str, str, dict[str, str]], control: str, around: tuple[str, str]
) -> None:
    method, path, field, rest = label
    before = await _data(api)
    value = f"x{around[0]}{control}{around[1]}x"
    response = await api.call(method, path, json={**rest, field: value})
    body = await _problem(response, 422)
    assert [error["field"] for error in body["errors"]] == [field]
    assert f"U+{ord(control):04X}" in body["errors"][0]["message"]
    assert await _data(api) == before


# --- dev tokens for user ids with control characters ------------------------------------


@GENERATED
@given(
    control=st.sampled_from([*CONTROLS, "\t", "\r", "\n"]),
    where=st.sampled_from(["end", "start", "middle"]),
)
async def test_a_user_id_with_a_control_character_gets_no_token_and_no_data(
    api: Api, control: str, where: str
) -> None:
    base = "did:privy:ctl"
    user_id = {
        "end": base + control,
        "start": control + base,
        "middle": base[:4] + control + base[4:],
    }[where]
    response = await api.call("POST", "/dev/token", user=None, json={"user_id": user_id})
    body = await _problem(response, 422)
    assert [error["field"] for error in body["errors"]] == ["user_id"]
    # A token with such a subject (the CLI, or an older server, may mint one) is refused.
    token = mint_dev_token(api.settings, user_id)
    path = f"/user/{quote(user_id, safe=':')}/todos"
    headers = {"Authorization": f"Bearer {token}"}
    response = await api.call("POST", path, user=None, headers=headers, json={"title": "t"})
    await _problem(response, 401)
    assert "WWW-Authenticate" in response.headers


async def test_a_plain_user_id_still_gets_a_working_token(api: Api) -> None:
    made = await api.ok("POST", "/dev/token", user=None, json={"user_id": "did:privy:ok é 😀"})
    headers = {"Authorization": f"Bearer {made['token']}"}
    path = f"/user/{quote('did:privy:ok é 😀', safe=':')}/todos"
    response = await api.call("POST", path, user=None, headers=headers, json={"title": "t"})
    assert response.status == 201, await response.text()


# --- altered cursors --------------------------------------------------------------------

B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, int, str]:
    kind = draw(st.sampled_from(["replace", "insert", "remove", "append"]))
    character = draw(st.sampled_from(B64URL + "=.+/ !~%"))
    return kind, draw(st.integers(0, 10_000)), character


def _edited(cursor: str, edit: tuple[str, int, str]) -> str:
    kind, at, character = edit
    at %= len(cursor)
    if kind == "replace":
        return cursor[:at] + character + cursor[at + 1 :]
    if kind == "insert":
        return cursor[:at] + character + cursor[at:]
    if kind == "remove":
        return cursor[:at] + cursor[at + 1 :]
    return cursor + "=" * (1 + ord(character) % 3)


@GENERATED
@given(edit=edits(), last_char=st.sampled_from(B64URL))
async def test_a_cursor_altered_by_one_character_is_a_400(
    api: Api, edit: tuple[str, int, str], last_char: str
) -> None:
    for n in range(3 - len((await api.ok("GET", R, params={"limit": "3"}))["items"])):
        await api.ok("POST", R, 201, json={"title": f"c{n}", "reminding_time": "in 1 day"})
    cursor = (await api.ok("GET", R, params={"limit": "1"}))["next_cursor"]
    assert cursor
    for altered in (_edited(cursor, edit), cursor[:-1] + last_char):
        if altered == cursor:
            continue
        response = await api.call("GET", R, params={"limit": "1", "cursor": altered})
        if response.status == 422:  # over the schema's length: refused before it is read
            continue
        await _problem(response, 400)


# --- RRULE numbers in other scripts ------------------------------------------------------

DIGITS = {
    "fullwidth": "０１２３４５６７８９",
    "arabic-indic": "٠١٢٣٤٥٦٧٨٩",
    "devanagari": "०१२३४५६७८९",
    "bengali": "০১২৩৪৫৬৭৮৯",
    "mathematical": "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
}
RULES = (
    ("FREQ=DAILY;COUNT={}", st.integers(2, 500)),
    ("FREQ=DAILY;INTERVAL={}", st.integers(1, 1000)),
    ("FREQ=MONTHLY;BYMONTHDAY={}", st.integers(1, 28)),
    ("FREQ=YEARLY;BYYEARDAY={}", st.integers(1, 365)),
    ("FREQ=DAILY;BYHOUR={}", st.integers(0, 23)),
    ("FREQ=MONTHLY;BYDAY={}MO", st.integers(1, 4)),
    ("FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS={}", st.integers(1, 2)),
    ("FREQ=DAILY;UNTIL={}", st.integers(20280101, 20281228).filter(lambda n: n % 100 <= 28)),
)


@st.composite
def foreign_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A rule with one number written unlike RFC 5545's ASCII DIGIT, and its ASCII twin."""
    template, numbers = draw(st.sampled_from(RULES))
    number = str(draw(numbers))
    style = draw(st.sampled_from([*DIGITS, "underscore", "mixed"]))
    if style == "underscore":  # int() reads "1_0" as 10 and "0_5" as 5
        written = f"{number[0]}_{number[1:]}" if len(number) > 1 else f"0_{number}"
    elif style == "mixed":
        at = draw(st.integers(0, len(number) - 1))
        written = number[:at] + DIGITS["fullwidth"][int(number[at])] + number[at + 1 :]
    else:
        written = "".join(DIGITS[style][int(d)] for d in number)
    return template.format(written), template.format(number)


@GENERATED
@given(rules=foreign_numbers())
async def test_an_rrule_number_in_other_digits_is_a_422_and_its_ascii_twin_is_kept(
    api: Api, rules: tuple[str, str]
) -> None:
    foreign, ascii_twin = rules
    before = await _data(api)
    body = {"title": "r", "reminding_time": "2027-01-01T09:00:00Z", "timezone": "UTC"}
    response = await api.call("POST", R, json={**body, "recurrence": foreign})
    problem = await _problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["recurrence"]
    assert await _data(api) == before
    made = await api.ok("POST", R, 201, json={**body, "recurrence": ascii_twin})
    assert made["recurrence"] == ascii_twin
    path = f"{R}/{made['reminder_id']}"
    response = await api.call("PATCH", path, json={"recurrence": foreign})
    await _problem(response, 422)
    assert (await api.ok("GET", path))["recurrence"] == ascii_twin
    await api.ok("DELETE", path, 204)


# --- integers beyond 64 bits -------------------------------------------------------------

INT_MIN, UINT_MAX = -(2**63), 2**64 - 1
integers = st.one_of(
    st.integers(INT_MIN - 3, INT_MIN + 3),
    st.integers(UINT_MAX - 3, UINT_MAX + 3),
    st.integers(-(10**60), 10**60),
    st.integers(-(2**70), 2**70),
)
JSON_ROUTES = (
    ("POST", f"{U}/preferences"),
    ("POST", R),
    ("POST", T),
    ("PUT", U),
    ("POST", f"{U}/conversation"),
    ("POST", "/chat"),
)


@GENERATED
@given(
    number=integers,
    route=st.sampled_from(JSON_ROUTES),
    nested=st.sampled_from(["{}", '{{"a": [{}]}}', "[1, {}]"]),
)
async def test_an_integer_is_kept_exactly_or_the_body_is_a_400(
    api: Api, number: int, route: tuple[str, str], nested: str
) -> None:
    method, path = route
    before = await _data(api)
    raw = '{"k": ' + nested.format(number) + "}"
    response = await api.call(method, path, data=raw, headers={"Content-Type": "application/json"})
    if INT_MIN <= number <= UINT_MAX:
        assert response.status != 400, await response.text()
        if path.endswith("/preferences"):
            answer = await response.json()
            stored = await api.ok("GET", path)
            expected = json.loads(raw)["k"]
            assert answer["preferences"]["k"] == stored["preferences"]["k"] == expected
            await api.ok("DELETE", f"{U}/data")
        return
    problem = await _problem(response, 400)
    assert problem["title"] == "Malformed JSON"
    assert await _data(api) == before


# --- outbound URLs that are not URLs ------------------------------------------------------

labels = st.one_of(
    st.text("abcxyz019-", min_size=1, max_size=12),
    st.sampled_from(["", "a" * 63, "a" * 64, "é", "xn--", "-", "\u3002", "a b", "\u00a0", "\x85"]),
)
paths = st.sampled_from(["/", "/hook", "/a b", "/a\tb", "/\x7f", "/é", "?q=1", "#frag"])


@st.composite
def outbound_urls(draw: st.DrawFn) -> str:
    host = ".".join(draw(st.lists(labels, min_size=1, max_size=4)))
    port = draw(st.sampled_from(["", ":443", ":0", ":", ":99999"]))
    return f"https://{host}{port}{draw(paths)}"


def _writable(url: str) -> bool:
    """What a client could request: no space or control character, a DNS host."""
    host = url.removeprefix("https://").split("/")[0].split("?")[0].split("#")[0]
    host = host.rsplit(":", 1)[0] if ":" in host else host
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in url):
        return False
    try:
        return all(0 < len(label) <= 63 for label in host.encode("idna").split(b"."))
    except UnicodeError:
        return False


@GENERATED
@given(url=outbound_urls(), where=st.sampled_from(["webhook_url", "endpoint"]))
async def test_an_outbound_url_that_is_not_a_url_is_a_422_that_stores_nothing(
    api: Api, url: str, where: str
) -> None:
    before = await _data(api)
    if where == "webhook_url":
        response = await api.call("POST", f"{U}/preferences", json={"webhook_url": url})
    else:
        body = Browser().subscription(url)
        response = await api.call("POST", f"{U}/push-subscriptions", json=body)
    if response.status < 300:
        assert _writable(url), url
        return
    problem = await _problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == [where]
    assert await _data(api) == before


# --- control characters in an email address ----------------------------------------------


@GENERATED
@given(
    control=st.sampled_from(CONTROLS),
    at=st.integers(0, len("ann.lee@example.com")),
)
async def test_a_control_character_in_an_email_is_a_422_that_stores_nothing(
    api: Api, control: str, at: int
) -> None:
    first = await api.call("PUT", U, json={"email": "first@example.com"})
    assert first.status in (200, 201), await first.text()
    before = await _data(api)
    email = "ann.lee@example.com"
    email = email[:at] + control + email[at:]
    if email.strip() != email:  # leading or trailing: stripped as whitespace, then valid
        return
    response = await api.call("PUT", U, json={"email": email})
    problem = await _problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["email"]
    assert await _data(api) == before


# --- a query parameter given twice --------------------------------------------------------

QUERIES = (
    (R, "status", ["pending", "fired", "done"]),
    (R, "order", ["created", "due"]),
    (R, "limit", ["1", "5", "100"]),
    (R, "q", ["a", "b"]),
    (R, "from", ["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"]),
    (T, "priority", ["low", "urgent"]),
    (T, "category", ["home", "work"]),
    (T, "order", ["due", "priority"]),
    (f"{U}/conversation", "limit", ["1", "2"]),
    (f"{U}/push-subscriptions", "limit", ["1", "2"]),
    (f"{U}/data", "data_type", ["all", "todos", "reminders"]),
)


@GENERATED
@given(
    query=st.sampled_from(QUERIES),
    picks=st.lists(st.integers(0, 2), min_size=2, max_size=4),
    other=st.booleans(),
)
async def test_a_query_parameter_given_twice_is_a_422_naming_it(
    api: Api, query: tuple[str, str, list[str]], picks: list[int], other: bool
) -> None:
    path, name, values = query
    await api.ok("POST", T, 201, json={"title": "kept", "category": "home"})
    before = await _data(api)
    params = [(name, values[i % len(values)]) for i in picks]
    if other:  # another, valid parameter alongside
        params.insert(1, ("limit", "3") if name != "limit" else ("order", "created"))
        if path.endswith("/data") or path.endswith("/conversation") or "push" in path:
            params.pop(1)
    method = "DELETE" if path.endswith("/data") else "GET"
    response = await api.call(method, path, params=params)
    problem = await _problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == [f"query.{name}"]
    assert await _data(api) == before


# --- a key named twice in one object -----------------------------------------------------

BODIES = (
    ("POST", R, '{"title": "a", "reminding_time": "in 1 day"%s}'),
    ("POST", T, '{"title": "a"%s}'),
    ("PUT", U, '{"first_name": "a"%s}'),
    ("POST", f"{U}/preferences", '{"language": "en", "extra": {"x": 1%s}%s}'),
    ("POST", f"{U}/conversation", '{"role": "user", "content": "a"%s}'),
    ("POST", "/chat", '{"message": "hi", "conversation_history": [{"role": "user"%s}]%s}'),
)
tricky_text = st.sampled_from(['x": y', "10:00:00", "\\", "a", '"', '\\":']).map(json.dumps)


@GENERATED
@given(
    body=st.sampled_from(BODIES),
    shape=st.tuples(
        st.sampled_from(["title", "status", "x", "k", "é", "role", "content"]),
        st.sampled_from(["", " ", "\n", "\t "]),
    ),
    values=st.tuples(tricky_text, tricky_text),
    twice=st.booleans(),
)
async def test_a_key_named_twice_in_one_object_is_a_400_that_stores_nothing(
    api: Api,
    body: tuple[str, str, str],
    shape: tuple[str, str],
    values: tuple[str, str],
    twice: bool,
) -> None:
    method, path, template = body
    key, spaces = shape
    second = key if twice else key + "2"
    members = f', "{key}"{spaces}:{spaces}{values[0]}, "{second}"{spaces}: {values[1]}'
    slots = template.count("%s")
    raw = template % ((members,) + ("",) * (slots - 1))
    repeated = False

    def pairs(found: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        repeated = repeated or len({name for name, _ in found}) != len(found)
        return dict(found)

    json.loads(raw, object_pairs_hook=pairs)  # well-formed JSON either way
    assert repeated or not twice
    before = await _data(api)
    response = await api.call(method, path, data=raw, headers={"Content-Type": "application/json"})
    if not repeated:
        assert response.status != 400, await response.text()
        return
    problem = await _problem(response, 400)
    assert problem["title"] == "Malformed JSON"
    assert await _data(api) == before


# --- Idempotency-Keys measured in bytes ---------------------------------------------------

key_characters = st.sampled_from(["k", "é", "€", "😀", "\U0010fffd"])


@GENERATED
@given(
    width=st.sampled_from(["d", "é", "😀"]),
    character=key_characters,
    length=st.sampled_from([1, 64, 200, 254, 255]),
)
async def test_an_idempotency_key_of_any_255_characters_replays_for_any_user(
    api: Api, width: str, character: str, length: int
) -> None:
    user_id = "did:" + width * 196  # the longest id /dev/token gives, in 1..4-byte characters
    headers = {
        "Authorization": f"Bearer {mint_dev_token(api.settings, user_id)}",
        "Idempotency-Key": character * length,
        "Content-Type": "application/json",
    }
    path = f"/user/{quote(user_id, safe=':')}/reminders"
    body = {"title": f"k{length}", "reminding_time": "in 1 day"}
    first = await api.call("POST", path, user=None, headers=headers, json=body)
    assert first.status == 201, await first.text()
    made = await first.json()
    again = await api.call("POST", path, user=None, headers=headers, json=body)
    assert again.status == 201, await again.text()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert (await again.json())["reminder_id"] == made["reminder_id"]
    other = await api.call("POST", path, user=None, headers=headers, json={**body, "title": "o"})
    await _problem(other, 409)
    await api.ok("DELETE", f"{path}/{made['reminder_id']}", 204, user=None, headers=headers)

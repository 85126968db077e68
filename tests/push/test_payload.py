"""The pushed plaintext: always one record, and the longest description that fits."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from remo_async.domain import Reminder
from remo_async.push.payload import ELLIPSIS, MAX_PLAINTEXT, RECORD_SIZE, encrypt, fired_payload
from tests.conftest import EXAMPLES
from tests.push.service import Browser

NOW = datetime(2026, 12, 1, tzinfo=UTC)
BASE = Reminder(
    reminder_id="rem_01JXXXXXXXXXXXXXXXXXXXXXXX",
    user_id="did:privy:alice",
    title="t",
    reminding_time=NOW,
    status="fired",
    created_at=NOW,
    updated_at=NOW,
    fired_at=NOW,
)
texts = st.text(st.characters(codec="utf-8"), max_size=2000)


@given(title=st.text(st.characters(codec="utf-8"), min_size=1, max_size=200), description=texts)
def test_the_payload_fits_and_keeps_the_longest_prefix(title: str, description: str) -> None:
    EXAMPLES["push payloads: generated titles and descriptions"] += 1
    reminder = BASE.model_copy(update={"title": title, "description": description})
    body = fired_payload(reminder)
    assert len(body) <= MAX_PLAINTEXT
    sent = json.loads(body)
    assert sent["event"] == "reminder.fired"
    assert {k: v for k, v in sent["reminder"].items() if k != "description"} == {
        k: v for k, v in reminder.model_dump(mode="json").items() if k != "description"
    }
    shown = sent["reminder"]["description"]
    if shown == description:
        return
    assert shown.endswith(ELLIPSIS)
    kept = shown[: -len(ELLIPSIS)]
    assert description.startswith(kept)
    one_more = description[: len(kept) + 1] + ELLIPSIS
    assert len(fired_payload(reminder.model_copy(update={"description": one_more}))) > (
        MAX_PLAINTEXT
    ) or len(kept) + 1 > len(description)


def test_the_largest_payload_is_one_record_of_4096_bytes() -> None:
    browser = Browser()
    keys = browser.subscription("https://push.example.com/x")["keys"]
    from remo_async.push.models import PushKeys

    body = encrypt(b"x" * MAX_PLAINTEXT, PushKeys.model_validate(keys))
    assert len(body) == RECORD_SIZE
    assert browser.decrypt(body) == b"x" * MAX_PLAINTEXT

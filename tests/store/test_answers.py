"""Answers straight from stored items (store/answers.py) equal the model's answers.

Whatever an item holds, StoredShape.answer either declines (None: the model's path then
answers, mending what it must) or gives exactly what validating the item with the model
and dumping it as JSON gives. Items are generated: as this release writes them, and with
every field possibly missing, of another DynamoDB type, NULL, or a string in another form
(another time format, a date that does not exist, non-ASCII digits, unknown statuses).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from remo_async.domain.enums import Priority, ReminderStatus, Role, TodoStatus
from remo_async.domain.models import Message, Reminder, Todo
from remo_async.domain.times import format_time
from remo_async.store.answers import StoredShape, is_stored_day, is_stored_time
from remo_async.store.attrs import from_item
from remo_async.store.conversations import MESSAGE_SHAPE
from remo_async.store.records import INTERNAL_ATTRS
from remo_async.store.reminders import ReminderRepository
from remo_async.store.todos import TodoRepository

stored_times = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)
).map(lambda moment: format_time(moment.replace(tzinfo=UTC)))
other_times = st.one_of(
    st.from_regex(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", fullmatch=True),  # any digits
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.datetimes().map(lambda moment: moment.isoformat(timespec="microseconds") + "Z"),
    st.text(alphabet="0123456789-T:Z.+ ", max_size=26),
)
days = st.dates().map(lambda day: day.isoformat())
other_days = st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True)


def values_of(vocabulary: type[Any]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from([m.value for m in vocabulary]), st.text(max_size=10))


def attribute(strings: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any] | None]:
    """Mostly a string attribute; at times absent (None), NULL, a number or a boolean."""
    return st.one_of(
        strings.map(lambda text: {"S": text}),
        strings.map(lambda text: {"S": text}),
        st.none(),
        st.just({"NULL": True}),
        st.integers().map(lambda n: {"N": str(n)}),
        st.booleans().map(lambda b: {"BOOL": b}),
    )


def items(fields: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[dict[str, Any]]:
    """Items whose named fields come from the strategies, plus internal attributes."""
    parts = {name: attribute(strings) for name, strings in fields.items()}
    return st.fixed_dictionaries(parts).map(
        lambda item: {
            **{name: attr for name, attr in item.items() if attr is not None},
            "ttl": {"N": "1893456000"},
            "version": {"N": "3"},
            "q_title": {"S": "derived"},
        }
    )


texts = st.text(max_size=20)
any_time = st.one_of(stored_times, stored_times, other_times)
REMINDER_ITEMS = items(
    {
        "reminder_id": texts,
        "user_id": texts,
        "title": texts,
        "description": texts,
        "reminding_time": any_time,
        "timezone": texts,
        "recurrence": texts,
        "status": values_of(ReminderStatus),
        "created_at": any_time,
        "updated_at": any_time,
        "fired_at": any_time,
        "failure": texts,
    }
)
TODO_ITEMS = items(
    {
        "todo_id": texts,
        "user_id": texts,
        "title": texts,
        "description": texts,
        "priority": values_of(Priority),
        "category": texts,
        "due_date": st.one_of(days, other_days, any_time),
        "status": values_of(TodoStatus),
        "created_at": any_time,
        "updated_at": any_time,
        "completed_at": any_time,
    }
)
MESSAGE_ITEMS = items(
    {"user_id": texts, "timestamp": texts, "role": values_of(Role), "content": texts}
)


def model_answer(model: type[BaseModel], item: dict[str, Any]) -> Any:
    """What the model makes of the item (as RecordRepository._model validates it)."""
    public = {k: v for k, v in from_item(item).items() if k not in INTERNAL_ATTRS}
    return model.model_validate(public).model_dump(mode="json")


def check(shape: StoredShape, model: type[BaseModel], item: dict[str, Any]) -> None:
    answer = shape.answer(item)
    if answer is not None:
        # Taken straight from the item: the model must accept the item as it is (nothing
        # to mend) and answer exactly this, keys in the same order.
        expected = model_answer(model, item)
        assert answer == expected
        assert list(answer) == list(expected)


@given(REMINDER_ITEMS)
def test_a_reminder_answered_from_its_item_is_the_models_answer(item: dict[str, Any]) -> None:
    check(ReminderRepository.shape, Reminder, item)


@given(TODO_ITEMS)
def test_a_todo_answered_from_its_item_is_the_models_answer(item: dict[str, Any]) -> None:
    check(TodoRepository.shape, Todo, item)


@given(MESSAGE_ITEMS)
def test_a_message_answered_from_its_item_is_the_models_answer(item: dict[str, Any]) -> None:
    check(MESSAGE_SHAPE, Message, item)


@given(
    st.fixed_dictionaries(
        {
            "reminder_id": texts,
            "user_id": texts,
            "title": texts,
            "reminding_time": stored_times,
            "status": st.sampled_from([m.value for m in ReminderStatus]),
            "created_at": stored_times,
            "updated_at": stored_times,
        }
    )
)
def test_an_item_as_written_is_answered_from_the_item(values: dict[str, str]) -> None:
    item = {name: {"S": value} for name, value in values.items()}
    answer = ReminderRepository.shape.answer(item)
    assert answer is not None
    assert answer == model_answer(Reminder, item)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-29T00:00:00Z",  # no such day
        "2026-12-01T24:00:00Z",
        "0000-01-01T00:00:00Z",
        "2026-12-01 08:00:00Z",
        "2026-12-01T08:00:00.5Z",
        "2026-12-01T08:00:00+00:00",
        "２０２６-12-01T08:00:00Z",  # fullwidth digits
        "2026-12-01T08:00:00Z\n",
    ],
)
def test_other_forms_of_a_time_are_not_taken_as_stored(text: str) -> None:
    assert not is_stored_time(text)
    assert not is_stored_day(text)


def test_a_shape_must_name_every_field_of_its_model() -> None:
    with pytest.raises(TypeError, match="Message"):
        StoredShape(Message, texts=("user_id", "timestamp"), choices={"role": Role})

"""The assistant's memory (durable, forgiving of any stored JSON) and the typo reader."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from remo_async.assistant.memory import Change, Choice, Memory, Ref, Remember, updated
from remo_async.assistant.text import COMMAND_WORDS, KEEP, fix_typos

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
REFS = st.builds(Ref, st.sampled_from(["reminder", "todo"]), st.text(min_size=1, max_size=30))
FIELDS = st.dictionaries(st.sampled_from(["title", "status", "priority"]), st.text(max_size=10))
CHANGES = st.builds(Change, REFS, st.none() | FIELDS, st.text(max_size=30))
MEMORIES = st.builds(
    Memory,
    st.none() | REFS,
    st.lists(CHANGES, max_size=3).map(tuple),
    st.none()
    | st.builds(Choice, st.text(max_size=50), st.lists(REFS, min_size=1, max_size=5).map(tuple)),
)


@settings(max_examples=300)
@given(raw=JSON)
def test_any_stored_json_loads_without_raising(raw: Any) -> None:
    memory = Memory.load(raw)
    assert Memory.load(memory.dump()) == memory


@settings(max_examples=200)
@given(memory=MEMORIES)
def test_memory_survives_a_round_trip(memory: Memory) -> None:
    assert Memory.load(memory.dump()) == memory


@given(memory=MEMORIES, turn=st.builds(Remember, st.lists(REFS, max_size=2).map(tuple)))
def test_a_turn_that_asks_nothing_closes_the_question_and_keeps_undo(
    memory: Memory, turn: Remember
) -> None:
    after = updated(memory, turn)
    assert after.choice is None
    assert after.undo == memory.undo
    assert after.last == (turn.touched[-1] if turn.touched else memory.last)


def test_undo_is_forgotten_once_used() -> None:
    ref = Ref("todo", "todo_1")
    memory = Memory(last=ref, undo=(Change(ref, None, "t"),))
    assert updated(memory, Remember(forget_undo=True)).undo == ()


def _one_edit(word: str, data: st.DataObject) -> str:
    """word with one letter dropped, doubled or swapped with the next."""
    i = data.draw(st.integers(0, len(word) - 2))
    kind = data.draw(st.sampled_from(["drop", "double", "swap"]))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[: i + 1] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


@settings(max_examples=300)
@given(data=st.data())
def test_one_slip_in_a_command_word_is_read_as_the_word(data: st.DataObject) -> None:
    word = data.draw(st.sampled_from([w for w in COMMAND_WORDS if len(w) >= 5]))
    typo = _one_edit(word, data)
    if typo in KEEP or typo in COMMAND_WORDS:
        return  # a real word of its own ("remains") is never "corrected"
    fixed = fix_typos(f"{typo} the dentist")
    # A slip may sit one edit from two words (reminder/reminders): then it is left alone.
    assert fixed.split()[0] in (word, typo)
    if typo != word and fixed.split()[0] == typo:
        near = [w for w in COMMAND_WORDS if w != word and abs(len(w) - len(typo)) <= 1]
        assert near, typo


@settings(max_examples=300)
@given(
    words=st.lists(st.sampled_from([*COMMAND_WORDS, *KEEP, "call", "mum", "tomorrow"]), max_size=8)
)
def test_real_words_are_never_changed_and_fixing_twice_changes_nothing(words: list[str]) -> None:
    text = " ".join(words)
    assert fix_typos(text) == text
    assert fix_typos(fix_typos("remnd " + text)) == fix_typos("remnd " + text)


def test_typos_far_from_the_start_are_titles_not_commands() -> None:
    assert fix_typos("remind me to read about the history of cancle culture") == (
        "remind me to read about the history of cancle culture"
    )
    # Time words are the time grammar's to read: left as typed here.
    assert fix_typos("remnd me to call mum tomorow") == "remind me to call mum tomorow"

"""Numbers as words and digits: every word round-trips, and nothing else reads as one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remo_async.assistant.time.numbers import AMOUNT, MAX_WORD, int_of, value_of, word_for

_ONES = (
    *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty")


def _spelled(n: int, joiner: str) -> str:
    """Our own spelling, written apart from the module's."""
    if n < 20:
        return _ONES[n - 1]
    tens, ones = divmod(n, 10)
    return _TENS[tens - 2] if ones == 0 else f"{_TENS[tens - 2]}{joiner}{_ONES[ones - 1]}"


@given(n=st.integers(1, MAX_WORD), joiner=st.sampled_from(["-", " ", "  "]))
def test_every_word_reads_as_its_value(n: int, joiner: str) -> None:
    said = _spelled(n, joiner)
    assert value_of(said) == n
    assert value_of(said.upper()) == n
    assert int_of(said) == n
    assert re.fullmatch(AMOUNT, said, re.IGNORECASE)


@given(n=st.integers(1, MAX_WORD))
def test_word_for_and_value_of_round_trip(n: int) -> None:
    assert value_of(word_for(n)) == n
    assert word_for(int_of(word_for(n))) == word_for(n)
    assert int_of(str(n)) == n


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("a", 1),
        ("an", 1),
        ("a couple of", 2),
        ("a couple", 2),
        ("couple of", 2),
        ("a few", 3),
        ("half", 0.5),
        ("quarter", 0.25),
        ("1.5", 1.5),
    ],
)
def test_vague_amounts(said: str, value: float) -> None:
    assert value_of(said) == value
    assert re.fullmatch(AMOUNT, said, re.IGNORECASE)


@pytest.mark.parametrize("n", [0, -1, MAX_WORD + 1, 1000])
def test_no_word_outside_one_to_sixty(n: int) -> None:
    with pytest.raises(ValueError, match="no number word"):
        word_for(n)


_VAGUE = {"a", "an", "a couple of", "a couple", "couple of", "a few", "half", "quarter"}


@given(text=st.text(max_size=20))
def test_anything_else_is_a_value_error(text: str) -> None:
    said = re.sub(r"[-\s]+", " ", text.strip().lower())
    ours = (
        said in _VAGUE
        or said in {_spelled(n, " ") for n in range(1, MAX_WORD + 1)}
        or re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", said) is not None
    )
    if ours:
        assert value_of(text) > 0
    else:
        with pytest.raises(ValueError, match="not a number"):
            value_of(text)


def test_half_is_not_a_whole_number() -> None:
    with pytest.raises(ValueError, match="not a whole number"):
        int_of("half")
    with pytest.raises(ValueError, match="not a number"):
        int_of("seventy")

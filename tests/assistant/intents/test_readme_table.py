"""README's "Talking to Remo" table is the hand corpus's: it fails when they differ."""

from __future__ import annotations

from tests.assistant.hand import CASES
from tests.assistant.intents.readme_table import BEGIN, END, README, render, replaced


def test_readme_shows_the_table_the_corpus_renders() -> None:
    readme = README.read_text()
    assert replaced(readme, render()) == readme, (
        "README.md's chat table is stale: run "
        ".venv/bin/python -m tests.assistant.intents.readme_table --write"
    )


def test_every_row_is_a_message_of_the_corpus() -> None:
    table = render()
    rows = [line for line in table.splitlines() if line.startswith("| ") and "you say" not in line]
    assert len(rows) >= 40
    said = {case.text for case in CASES}
    singles = [row.split(" | ")[1] for row in rows if "→" not in row]
    assert all(text.replace("\\|", "|") in said for text in singles)
    assert table.startswith(BEGIN)
    assert table.endswith(END)

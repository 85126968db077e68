"""Scores of chat turns: per intent, overall, the wrong-action rate, and the misses as text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo


@dataclass
class Outcome:
    ok: bool
    wrong_action: bool
    detail: str
    text: str
    intent: str
    zone: str
    now: datetime
    passive: bool


@dataclass
class Results:
    outcomes: list[Outcome] = field(default_factory=list)

    def by_intent(self) -> dict[str, tuple[int, int]]:
        """Intent -> (right, total)."""
        table: dict[str, tuple[int, int]] = {}
        for out in self.outcomes:
            right, total = table.get(out.intent, (0, 0))
            table[out.intent] = (right + out.ok, total + 1)
        return dict(sorted(table.items()))

    @property
    def accuracy(self) -> float:
        return sum(o.ok for o in self.outcomes) / max(1, len(self.outcomes))

    @property
    def wrong_action_rate(self) -> float:
        """Actions taken where an ask or nothing was expected, over those messages."""
        passive = [o for o in self.outcomes if o.passive]
        return sum(o.wrong_action for o in passive) / max(1, len(passive))

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def report(self, title: str) -> str:
        lines = [f"{title}: {len(self.outcomes)} messages"]
        for intent, (right, total) in self.by_intent().items():
            lines.append(f"  {intent:<22} {right:>4}/{total:<4} {right / total:6.1%}")
        lines.append(f"  overall accuracy {self.accuracy:.1%}")
        lines.append(f"  wrong-action rate {self.wrong_action_rate:.2%}")
        return "\n".join(lines)


def misses_text(results: Results, *, limit: int = 30, seed: int | None = None) -> str:
    """The first `limit` misses, grouped by intent, each with its zone and local now."""
    groups: dict[str, list[str]] = {}
    for out in results.misses()[:limit]:
        local = out.now.astimezone(ZoneInfo(out.zone))
        where = f"{out.zone}, now {local:%a %Y-%m-%d %H:%M %Z}"
        if seed is not None:
            where += f", seed {seed}"
        groups.setdefault(out.intent, []).append(f"  {out.text!r} ({where}): {out.detail}")
    return "\n".join(f"{intent}:\n" + "\n".join(lines) for intent, lines in groups.items())

"""Chat engine benchmark: the built-in parser's time per message over the corpus (no DynamoDB).

Run from the repo root: .venv/bin/python benchmarks/chat_engine.py [--rounds 20]
Prints `chat_engine_ms_p50 VALUE` and `chat_engine_ms_p90 VALUE` (goal: p50 < 5 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from remo_async.assistant.parser import parse_message
from tests.assistant.corpus import CASES, matches


def _nearest_rank(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    """Times each corpus message `rounds` times and prints per-message percentiles."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20, help="timed passes over the corpus")
    args = parser.parse_args()
    for case in CASES:  # warm-up: compiled patterns, zone data
        parse_message(case.text, now=case.now, zone=case.zone)
    per_message: list[float] = []
    for _ in range(args.rounds):
        for case in CASES:
            start = time.perf_counter()
            parse_message(case.text, now=case.now, zone=case.zone)
            per_message.append((time.perf_counter() - start) * 1000)
    right = sum(matches(parse_message(c.text, now=c.now, zone=c.zone), c.expect) for c in CASES)
    print(f"messages {len(CASES)} x {args.rounds} rounds; accuracy {right}/{len(CASES)}")
    print(f"chat_engine_ms_mean {statistics.fmean(per_message):.3f}")
    print(f"chat_engine_ms_max {max(per_message):.3f}")
    print(f"chat_engine_ms_p90 {_nearest_rank(per_message, 0.9):.3f}")
    print(f"chat_engine_ms_p50 {statistics.median(per_message):.3f}")


if __name__ == "__main__":
    main()

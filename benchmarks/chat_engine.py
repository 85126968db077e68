"""Chat engine benchmark: accuracy per intent, the wrong-action rate, and time per message.

Run from the repo root: .venv/bin/python benchmarks/chat_engine.py [--rounds 5]
[--generated 1500] [--seed N] [--no-store]

1. Accuracy, end to end: the hand-written corpus (tests/assistant/hand, cases and
   dialogues) and the phrase generator's cases (tests/assistant/phrases.py) run through
   BuiltinEngine on an in-memory DynamoDB Local with the test writer's harness
   (tests/assistant/harness.py): each message on a fresh user, its actions and the stored
   items checked. The wrong-action rate is the share of messages that expected a question
   or nothing and got an action.
2. Time per message without DynamoDB: reading the message and deciding what to do
   (parse_message: the intent and its fields) over every message of both corpora and the
   engine's own corpus, `--rounds` passes; p50 and p99 per message of the thread's CPU
   time (the figures: what the engine costs) and of wall time (which a machine shared
   with other work inflates).

Ends with `ratio NAME VALUE` lines (accuracies and the wrong-action rate, as shares) and
`figure NAME VALUE` lines (milliseconds). Goals (issue 12): hand >= 0.98, generated >=
0.995, wrong actions <= 0.005, p50 < 2 ms, p99 < 10 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._local import bench_settings, drop_tables, migrate, percentile
from remo_async.assistant.parser import parse_message
from remo_async.embedded import DynamoDBLocal
from remo_async.store import Store
from tests.assistant import corpus
from tests.assistant.hand import CASES, DIALOGUES
from tests.assistant.harness import Case, Results, misses_text, run_case, run_corpus
from tests.assistant.phrases import DEFAULT_SEED, Phrase, generate
from tests.helpers import SettableClock

Said = tuple[str, object, str]  # text, now, zone


def _messages(phrases: list[Phrase]) -> list[Said]:
    said: list[Said] = [(c.text, c.now, c.zone) for c in corpus.CASES]
    said += [(c.text, c.now, c.zone) for c in CASES]
    said += [(t.text, d.now, d.zone) for d in DIALOGUES for t in d.turns]
    said += [(p.text, p.now, p.zone) for p in phrases]
    return said


def timing(messages: list[Said], rounds: int) -> dict[str, float]:
    """p50 and p99 milliseconds of parse_message per message, after a warm-up pass: CPU time
    of this thread (what the engine costs) and wall time (what a loaded machine adds)."""
    for text, now, zone in messages:
        parse_message(text, now=now, zone=zone)  # type: ignore[arg-type]
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(rounds):
        for text, now, zone in messages:
            start, start_cpu = time.perf_counter(), time.thread_time()
            parse_message(text, now=now, zone=zone)  # type: ignore[arg-type]
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    return {
        "cpu_p50": statistics.median(cpu),
        "cpu_p99": percentile(cpu, 0.99),
        "wall_p50": statistics.median(wall),
        "wall_p99": percentile(wall, 0.99),
    }


async def accuracy(endpoint: str, phrases: list[Phrase]) -> tuple[Results, Results]:
    """The hand corpus and the generated cases through the engine on DynamoDB Local."""
    clock = SettableClock()
    async with Store.open(bench_settings(endpoint), clock=clock) as store:
        await migrate(store)
        try:
            hand = await run_corpus(store, clock, CASES, DIALOGUES)
            generated = Results()
            for p in phrases:
                case = Case(p.text, p.expect, p.kind, p.zone, p.now, p.seeds)
                generated.outcomes.append(await run_case(store, clock, case, remember=False))
        finally:
            await drop_tables(store)
    return hand, generated


def main() -> None:
    """Prints accuracy per intent, the wrong-action rate and the time per message."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed passes (default 5)")
    parser.add_argument("--generated", type=int, default=1500, help="generated cases")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed")
    parser.add_argument("--no-store", action="store_true", help="time only, no accuracy")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    args = parser.parse_args()
    phrases = generate(args.seed, args.generated)
    ratios: list[str] = []
    if not args.no_store:
        with DynamoDBLocal(in_memory=True) as local:
            started = time.perf_counter()
            hand, generated = asyncio.run(accuracy(local.endpoint, phrases))
            took = time.perf_counter() - started
        print(hand.report("hand corpus (tests/assistant/hand)"))
        print(generated.report(f"generated (seed {args.seed})"))
        print(f"end to end on DynamoDB Local: {took:.0f} s")
        if args.misses:
            print(misses_text(hand, limit=args.misses))
            print(misses_text(generated, limit=args.misses, seed=args.seed))
        passive = [o for o in hand.outcomes + generated.outcomes if o.passive]
        wrong = sum(o.wrong_action for o in passive) / max(1, len(passive))
        ratios += [
            f"ratio chat_hand_accuracy {hand.accuracy:.3f}",
            f"ratio chat_generated_accuracy {generated.accuracy:.3f}",
            f"ratio chat_wrong_action_rate {wrong:.4f}",
        ]
    messages = _messages(phrases)
    ms = timing(messages, args.rounds)
    print(f"parse + decide: {len(messages)} messages x {args.rounds} rounds, no DynamoDB")
    print(f"  CPU  p50 {ms['cpu_p50']:.3f} ms, p99 {ms['cpu_p99']:.3f} ms")
    print(f"  wall p50 {ms['wall_p50']:.3f} ms, p99 {ms['wall_p99']:.3f} ms (with other load)")
    print("\n".join(ratios))
    print(f"figure chat_engine_ms_p50 {ms['cpu_p50']:.3f}")
    print(f"figure chat_engine_ms_p99 {ms['cpu_p99']:.3f}")


if __name__ == "__main__":
    main()

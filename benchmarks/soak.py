"""Memory soak: mixed traffic at concurrency 32 against a real `remo-async serve`.

The server runs with production settings (Privy auth, JSON logs to a file, dispatcher and
stream reader on) on a fresh in-memory DynamoDB Local. Workers create, read, list, change
and delete reminders and todos, chat, read and add to conversation memory, touch
preferences, and make a few requests that fail (404, 422, 401); clients refresh their
tokens every --token-refresh seconds as Privy clients do, some reminders fall due and fire
during the soak, and a few event streams stay open and reconnect. The server's RSS
(VmRSS) is read after the warm-up and at the end.

Run: .venv/bin/python benchmarks/soak.py [--seconds 300] [--warmup 60] [--tracemalloc]
Prints the RSS along the way and, last, `ratio memory_flat X` (warm-up RSS / end RSS).
Diagnostics, loaded into the server without changing its code: --tracemalloc traces its
allocations (slower) and prints what grew most between the warm-up and the end;
--malloc-trim SECONDS has it hand glibc's free memory back to the system that often.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import time
import tracemalloc
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

import aiohttp
from _local import percentile
from _server import PrivyKeys, ServerProcess, http_client
from yarl import URL

from remo_async.domain.times import format_time, utc_now
from remo_async.embedded import DynamoDBLocal

CONCURRENCY = 32
KEEP_IDS = 40  # ids a simulated user remembers; older ones are forgotten, not deleted
EVENT_STREAMS = 4
EVENT_STREAM_LIFETIME = 20.0
RSS_EVERY = 10.0
CHAT_MESSAGES = (
    "remind me in 2 minutes to stretch",
    "remind me to call mum tomorrow at 10am",
    "add milk to my shopping list",
    "add an urgent todo to pay rent #home",
    "show my reminders",
    "show my todos",
    "what do I have today?",
    "hello",
)


@dataclass
class User:
    """One simulated user: a token that gets refreshed, and the ids it has seen."""

    user_id: str
    token: str
    reminders: list[str] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)

    def remember(self, kind: list[str], item_id: str) -> None:
        kind.append(item_id)
        del kind[:-KEEP_IDS]


class Soak:
    """The workers' requests, and the tally of what came back."""

    def __init__(self, session: aiohttp.ClientSession, base: str, users: list[User]) -> None:
        self.session = session
        self.base = URL(base)
        self.users = users
        self.statuses: Counter[tuple[str, int]] = Counter()
        self.latencies: list[float] = []
        self.unexpected: list[str] = []
        self.events = 0
        self.actions: list[tuple[float, Callable[[User], Awaitable[None]]]] = [
            (14, self.create_reminder),
            (14, self.get_reminder),
            (8, self.list_reminders),
            (6, self.patch_reminder),
            (4, self.delete_reminder),
            (2, self.snooze_reminder),
            (8, self.create_todo),
            (6, self.get_todo),
            (5, self.list_todos),
            (4, self.patch_todo),
            (3, self.delete_todo),
            (8, self.chat),
            (6, self.get_conversation),
            (4, self.add_message),
            (2, self.preferences),
            (3, self.failures),
        ]
        self._weights = [w for w, _ in self.actions]

    def url(self, user: User, *parts: str) -> URL:
        url = self.base / "user" / user.user_id
        for part in parts:
            url = url / part
        return url

    async def call(
        self,
        name: str,
        method: str,
        url: URL,
        user: User | None,
        *,
        body: object = None,
        expect: tuple[int, ...] = (200,),
        headers: dict[str, str] | None = None,
    ) -> object:
        sent = {"Authorization": f"Bearer {user.token}"} if user is not None else {}
        if body is not None:
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        data = json.dumps(body).encode() if body is not None else None
        started = time.perf_counter()
        async with self.session.request(method, url, data=data, headers=sent) as answer:
            raw = await answer.read()
        self.latencies.append(time.perf_counter() - started)
        self.statuses[(name, answer.status)] += 1
        if answer.status not in expect:
            self.unexpected.append(f"{name}: {answer.status} {raw[:200]!r}")
            return None
        return json.loads(raw) if raw and answer.content_type.endswith("json") else None

    # Reminders.

    async def create_reminder(self, user: User) -> None:
        soon = random.random() < 0.2  # fires during the soak
        when = utc_now() + (
            timedelta(seconds=random.randint(20, 120)) if soon else timedelta(days=7)
        )
        body = {"title": "soak reminder", "reminding_time": format_time(when), "timezone": "UTC"}
        headers = {"Idempotency-Key": uuid.uuid4().hex} if random.random() < 0.5 else None
        made = await self.call(
            "create_reminder",
            "POST",
            self.url(user, "reminders"),
            user,
            body=body,
            expect=(201,),
            headers=headers,
        )
        if isinstance(made, dict):
            user.remember(user.reminders, made["reminder_id"])

    async def get_reminder(self, user: User) -> None:
        if user.reminders:
            rid = random.choice(user.reminders)
            # 404 when another worker deleted it meanwhile.
            await self.call(
                "get_reminder", "GET", self.url(user, "reminders", rid), user, expect=(200, 404)
            )

    async def list_reminders(self, user: User) -> None:
        query = {"limit": str(random.choice((5, 20, 50)))}
        if random.random() < 0.3:
            query["status"] = random.choice(("pending", "fired", "done"))
        page = await self.call(
            "list_reminders", "GET", self.url(user, "reminders").with_query(query), user
        )
        if isinstance(page, dict) and page.get("next_cursor"):
            query["cursor"] = page["next_cursor"]
            await self.call(
                "list_reminders", "GET", self.url(user, "reminders").with_query(query), user
            )

    async def patch_reminder(self, user: User) -> None:
        if user.reminders:
            rid = random.choice(user.reminders)
            body = random.choice(
                ({"title": f"changed {random.randint(0, 999)}"}, {"status": "done"})
            )
            await self.call(
                "patch_reminder",
                "PATCH",
                self.url(user, "reminders", rid),
                user,
                body=body,
                expect=(200, 404, 409),
            )

    async def delete_reminder(self, user: User) -> None:
        if user.reminders:
            rid = user.reminders.pop(random.randrange(len(user.reminders)))
            await self.call(
                "delete_reminder", "DELETE", self.url(user, "reminders", rid), user, expect=(204,)
            )

    async def snooze_reminder(self, user: User) -> None:
        if user.reminders:
            rid = random.choice(user.reminders)
            await self.call(
                "snooze_reminder",
                "POST",
                self.url(user, "reminders", rid, "snooze"),
                user,
                body={"minutes": 30},
                expect=(200, 404, 409),
            )

    # Todos.

    async def create_todo(self, user: User) -> None:
        body = {"title": "soak todo", "priority": random.choice(("low", "high")), "category": "x"}
        made = await self.call(
            "create_todo", "POST", self.url(user, "todos"), user, body=body, expect=(201,)
        )
        if isinstance(made, dict):
            user.remember(user.todos, made["todo_id"])

    async def get_todo(self, user: User) -> None:
        if user.todos:
            await self.call(
                "get_todo",
                "GET",
                self.url(user, "todos", random.choice(user.todos)),
                user,
                expect=(200, 404),
            )

    async def list_todos(self, user: User) -> None:
        query = {"limit": "20"}
        if random.random() < 0.3:
            query["priority"] = "high"
        await self.call("list_todos", "GET", self.url(user, "todos").with_query(query), user)

    async def patch_todo(self, user: User) -> None:
        if user.todos:
            body = random.choice(({"status": "done"}, {"priority": "urgent"}))
            await self.call(
                "patch_todo",
                "PATCH",
                self.url(user, "todos", random.choice(user.todos)),
                user,
                body=body,
                expect=(200, 404, 409),
            )

    async def delete_todo(self, user: User) -> None:
        if user.todos:
            tid = user.todos.pop(random.randrange(len(user.todos)))
            await self.call(
                "delete_todo", "DELETE", self.url(user, "todos", tid), user, expect=(204,)
            )

    # Chat, conversation, preferences.

    async def chat(self, user: User) -> None:
        body = {"message": random.choice(CHAT_MESSAGES)}
        await self.call("chat", "POST", self.base / "chat", user, body=body)

    async def get_conversation(self, user: User) -> None:
        url = self.url(user, "conversation").with_query(limit=random.choice((10, 50)))
        await self.call("get_conversation", "GET", url, user)

    async def add_message(self, user: User) -> None:
        body = {"role": "user", "content": "a note to remember " + uuid.uuid4().hex}
        headers = {"Idempotency-Key": uuid.uuid4().hex} if random.random() < 0.3 else None
        await self.call(
            "add_message",
            "POST",
            self.url(user, "conversation"),
            user,
            body=body,
            expect=(201,),
            headers=headers,
        )

    async def preferences(self, user: User) -> None:
        if random.random() < 0.5:
            await self.call("get_preferences", "GET", self.url(user, "preferences"), user)
        else:
            body = {"timezone": random.choice(("UTC", "Europe/London")), "theme": "dark"}
            await self.call(
                "post_preferences", "POST", self.url(user, "preferences"), user, body=body
            )

    async def failures(self, user: User) -> None:
        kind = random.randrange(3)
        if kind == 0:
            missing = "rem_01JAAAAAAAAAAAAAAAAAAAAAAA"
            await self.call(
                "get_missing", "GET", self.url(user, "reminders", missing), user, expect=(404,)
            )
        elif kind == 1:
            await self.call(
                "create_invalid",
                "POST",
                self.url(user, "reminders"),
                user,
                body={"title": "", "reminding_time": "never"},
                expect=(422,),
            )
        else:
            stranger = User(user.user_id, token="not.a.token")
            await self.call(
                "bad_token", "GET", self.url(user, "reminders"), stranger, expect=(401,)
            )

    async def worker(self, stop_at: float) -> None:
        while time.monotonic() < stop_at:
            user = random.choice(self.users)
            _, action = random.choices(self.actions, weights=self._weights)[0]
            await action(user)

    async def event_stream(self, stop_at: float) -> None:
        """One event stream that reconnects every EVENT_STREAM_LIFETIME seconds."""
        while time.monotonic() < stop_at:
            # A few users, so that some of the reminders firing during the soak are theirs.
            user = random.choice(self.users[: 2 * EVENT_STREAMS])
            url = self.url(user, "events")
            headers = {"Authorization": f"Bearer {user.token}"}
            with contextlib.suppress(TimeoutError, aiohttp.ClientError):
                async with asyncio.timeout(min(EVENT_STREAM_LIFETIME, stop_at - time.monotonic())):
                    async with self.session.get(url, headers=headers) as answer:
                        self.statuses[("events", answer.status)] += 1
                        async for line in answer.content:
                            if line.startswith(b"event: reminder.fired"):
                                self.events += 1


def rss_mib(server: ServerProcess) -> float:
    return server.rss_kib() / 1024


async def refresh_tokens(keys: PrivyKeys, users: list[User], every: float, stop_at: float) -> None:
    """New tokens for everyone every `every` seconds, as clients refresh Privy tokens."""
    while time.monotonic() + every < stop_at:
        await asyncio.sleep(every)
        for user in users:
            user.token = keys.token(user.user_id)


@dataclass
class Watch:
    """What the soak saw of the server: RSS samples, the warm-up and end RSS, snapshots."""

    samples: list[tuple[float, float]] = field(default_factory=list)
    warm_rss: float = 0.0
    end_rss: float = 0.0
    snapshots: list[os.PathLike[str]] = field(default_factory=list)
    metrics: str = ""


async def watch(
    server: ServerProcess, load: Soak, args: argparse.Namespace, *, started: float
) -> Watch:
    """Samples RSS every RSS_EVERY seconds until the soak ends; notes it after the warm-up."""
    seen = Watch()
    stop_at = started + args.seconds
    while time.monotonic() < stop_at:
        await asyncio.sleep(min(RSS_EVERY, max(0.0, stop_at - time.monotonic())))
        now = time.monotonic() - started
        memory = server.memory_kib()
        seen.samples.append((now, memory["VmRSS"] / 1024))
        print(
            f"  {now:6.0f} s  RSS {seen.samples[-1][1]:6.1f} MiB "
            f"(anon {memory['RssAnon'] / 1024:.1f}, file {memory['RssFile'] / 1024:.1f})  "
            f"requests {sum(load.statuses.values())}  fires seen on streams {load.events}",
            flush=True,
        )
        if not seen.warm_rss and now >= args.warmup:
            seen.warm_rss = seen.samples[-1][1]
            print(f"  warm-up over: RSS {seen.warm_rss:.1f} MiB", flush=True)
            if args.tracemalloc:
                seen.snapshots.append(await asyncio.to_thread(server.snapshot))
    return seen


async def soak(args: argparse.Namespace, local: DynamoDBLocal) -> None:
    keys = PrivyKeys()
    server = ServerProcess(
        local.endpoint,
        keys=keys,
        keep_logs=args.keep_logs,
        tracemalloc=args.tracemalloc,
        malloc_trim=args.malloc_trim,
        extra_env={"REMO_BENCH_TRACEMALLOC_FRAMES": str(args.tracemalloc_frames)},
    )
    users = [
        User(f"did:privy:soak{i:04d}", keys.token(f"did:privy:soak{i:04d}"))
        for i in range(args.users)
    ]
    server.start()
    print(f"server pid {server.pid} on {server.base}; log {server.log}")
    print(f"start RSS {rss_mib(server):.1f} MiB; concurrency {CONCURRENCY}, {args.users} users")
    if args.malloc_trim:
        print(f"diagnostic: the server runs malloc_trim(0) every {args.malloc_trim:g} s")
    started = time.monotonic()
    stop_at = started + args.seconds
    try:
        async with http_client() as session:
            load = Soak(session, server.base, users)
            tasks = [asyncio.create_task(load.worker(stop_at)) for _ in range(CONCURRENCY)]
            tasks += [asyncio.create_task(load.event_stream(stop_at)) for _ in range(EVENT_STREAMS)]
            tasks.append(
                asyncio.create_task(refresh_tokens(keys, users, args.token_refresh, stop_at))
            )
            seen = await watch(server, load, args, started=started)
            await asyncio.gather(*tasks)
            seen.end_rss = rss_mib(server)
            async with session.get(f"{server.base}/metrics") as answer:
                seen.metrics = await answer.text()
            if args.tracemalloc:
                seen.snapshots.append(await asyncio.to_thread(server.snapshot))
    finally:
        code = server.stop()
        problems = server.problems()
    report(load, seen, args=args, code=code, problems=problems)
    if len(seen.snapshots) == 2:
        print("(with --tracemalloc the RSS figures include tracemalloc's own traces)")
        growth(seen.snapshots[0], seen.snapshots[1])
    server.cleanup()
    print(f"ratio memory_flat {seen.warm_rss / seen.end_rss:.3f}")


def report(
    load: Soak,
    seen: Watch,
    *,
    args: argparse.Namespace,
    code: int | None,
    problems: list[str],
) -> None:
    requests = sum(n for (name, _), n in load.statuses.items() if name != "events")
    print(f"\n{requests} requests in {args.seconds:.0f} s ({requests / args.seconds:.0f}/s)")
    print(
        f"latency p50 {percentile(load.latencies, 0.5) * 1000:.1f} ms, "
        f"p99 {percentile(load.latencies, 0.99) * 1000:.1f} ms"
    )
    by_status = Counter[int]()
    for (_, status), n in load.statuses.items():
        by_status[status] += n
    print("statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(by_status.items())))
    print(f"reminder fires seen on event streams: {load.events}")
    print(f"unexpected answers: {len(load.unexpected)}")
    for line in load.unexpected[:5]:
        print(f"  {line}")
    print(f"server exit code {code}; error lines in its log: {len(problems)}")
    for line in problems[:5]:
        print(f"  {line[:300]}")
    for line in seen.metrics.splitlines():
        if line.startswith(("remo_reminders_fired_total", "remo_events_total")):
            print(f"server metric: {line}")
    print(f"RSS after warm-up ({args.warmup:.0f} s): {seen.warm_rss:.1f} MiB")
    print(f"RSS at the end ({args.seconds:.0f} s): {seen.end_rss:.1f} MiB")
    if seen.samples:
        values = [rss for _, rss in seen.samples]
        print(f"RSS range over the soak: {min(values):.1f}-{max(values):.1f} MiB")


def growth(before_path: os.PathLike[str], after_path: os.PathLike[str]) -> None:
    """What allocated more between the two snapshots, by the allocating line."""
    ignore = [
        tracemalloc.Filter(False, tracemalloc.__file__),
        tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
        tracemalloc.Filter(False, "<unknown>"),
    ]
    before = tracemalloc.Snapshot.load(str(before_path)).filter_traces(ignore)
    after = tracemalloc.Snapshot.load(str(after_path)).filter_traces(ignore)
    total = sum(s.size for s in after.statistics("filename")) - sum(
        s.size for s in before.statistics("filename")
    )
    print(f"\ntraced memory grew by {total / 1024:.0f} KiB between warm-up and end; top lines:")
    for stat in after.compare_to(before, "lineno")[:15]:
        print(
            f"  {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks  {stat.traceback[0]}"
        )
    print("top tracebacks:")
    for stat in after.compare_to(before, "traceback")[:5]:
        print(f"  {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d} blocks")
        for frame in stat.traceback.format()[-12:]:
            print(f"      {frame}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=300.0, help="whole soak (default 300)")
    parser.add_argument("--warmup", type=float, default=60.0, help="seconds before the first RSS")
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--token-refresh", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--tracemalloc", action="store_true", help="trace the server's memory")
    parser.add_argument("--tracemalloc-frames", type=int, default=4, help="frames per trace")
    parser.add_argument(
        "--malloc-trim",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="diagnostic: malloc_trim(0) in the server every SECONDS (glibc keeps freed memory)",
    )
    parser.add_argument("--keep-logs", action="store_true", help="keep the server's log")
    args = parser.parse_args()
    if args.warmup * 2 > args.seconds:
        args.warmup = args.seconds / 5
    with DynamoDBLocal(in_memory=True) as local:
        print(f"DynamoDB Local at {local.endpoint} (in memory); {os.cpu_count()} CPUs, shared")
        asyncio.run(soak(args, local))


if __name__ == "__main__":
    main()

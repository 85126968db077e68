"""Prometheus metrics of one process (its own registry: no module-level state)."""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# aiohttp accepts any token as a method; a label per made-up method would grow forever.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OTHER_METHOD = "OTHER"


class Metrics:
    """The counters and histograms the service exports at /metrics."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "remo_http_requests_total",
            "HTTP requests by route, method and status",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "remo_http_request_duration_seconds",
            "HTTP request latency by route and method",
            ["route", "method"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "remo_errors_total",
            "Answers that were errors, by kind",
            ["kind"],
            registry=self.registry,
        )
        self.dynamodb_calls = Counter(
            "remo_dynamodb_calls_total",
            "DynamoDB calls by operation and outcome (ok, throttled, error)",
            ["operation", "outcome"],
            registry=self.registry,
        )
        self.throttles = Counter(
            "remo_dynamodb_throttles_total",
            "DynamoDB calls that were still throttled after botocore's retries",
            registry=self.registry,
        )
        self.fired = Counter(
            "remo_reminders_fired_total", "Reminders this replica fired", registry=self.registry
        )
        self.fire_losses = Counter(
            "remo_dispatch_conditional_losses_total",
            "Fires lost to another replica or to the user's change (a failed condition)",
            registry=self.registry,
        )
        self.dispatch_lag = Histogram(
            "remo_dispatch_lag_seconds",
            "fired_at - reminding_time of each fire",
            buckets=(0.5, 1, 2, 3, 5, 10, 30, 60, 300, 3600, 86400),
            registry=self.registry,
        )
        self.poll_duration = Histogram(
            "remo_dispatch_poll_seconds",
            "Duration of one dispatcher poll over every shard",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.dispatch_errors = Counter(
            "remo_dispatch_errors_total",
            "Dispatcher polls or fires that failed, by kind: unavailable, store, poll (an"
            " unexpected poll failure), fire, reminder (one reminder that cannot be fired),"
            " park, notify, supervisor (the dispatcher task ended and was restarted)",
            ["kind"],
            registry=self.registry,
        )
        self.parked = Counter(
            "remo_reminders_parked_total",
            "Reminders the dispatcher could not fire and took out of the due-index as failed",
            registry=self.registry,
        )

        self.webhooks = Counter(
            "remo_webhook_deliveries_total",
            "Webhook outcomes: delivered, retried (per retry), failed, refused (unsafe), dropped",
            ["outcome"],
            registry=self.registry,
        )
        self.push_sent = Counter(
            "remo_push_sent_total",
            "Web Push outcomes: delivered, retried (per retry), gone (404/410: subscription"
            " deleted), failed, refused (unsafe endpoint), dropped (queue full)",
            ["outcome"],
            registry=self.registry,
        )
        self.calendar_feed_requests = Counter(
            "remo_calendar_feed_requests_total",
            "Requests for calendar feeds (GET /calendar/{secret}.ics)",
            registry=self.registry,
        )
        self.events = Counter(
            "remo_events_total",
            "Reminder events reaching this replica's hub, by source and outcome (sent, duplicate)",
            ["source", "outcome"],
            registry=self.registry,
        )
        self.event_streams = Gauge(
            "remo_event_streams", "Open event streams on this replica", registry=self.registry
        )
        self.stream_errors = Counter(
            "remo_stream_errors_total",
            "DynamoDB Streams reads that failed, by kind",
            ["kind"],
            registry=self.registry,
        )
        # Label lookups take a lock and build a tuple each time; the children are kept
        # (few: routes x methods x statuses, operations x outcomes).
        self._request_children: dict[tuple[str, str, int], tuple[Any, Any, Any]] = {}
        self._dynamodb_children: dict[tuple[str, str], Any] = {}

    def observe_dynamodb(self, operation: str, outcome: str) -> None:
        """Counts one DynamoDB call (the store's CallObserver)."""
        child = self._dynamodb_children.get((operation, outcome))
        if child is None:
            child = self._dynamodb_children[(operation, outcome)] = self.dynamodb_calls.labels(
                operation, outcome
            )
        child.inc()
        if outcome == "throttled":
            self.throttles.inc()

    def observe_request(self, *, route: str, method: str, status: int, seconds: float) -> None:
        """Counts one HTTP request and its latency (an unknown method is counted as OTHER),
        and an answer of status 400 or more as an error of that status."""
        if method not in METHODS:
            method = OTHER_METHOD
        children = self._request_children.get((route, method, status))
        if children is None:
            children = (
                self.requests.labels(route, method, str(status)),
                self.latency.labels(route, method),
                self.errors.labels(str(status)) if status >= 400 else None,
            )
            self._request_children[(route, method, status)] = children
        children[0].inc()
        children[1].observe(seconds)
        if children[2] is not None:
            children[2].inc()

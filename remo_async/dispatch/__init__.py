"""Reminder dispatch: fire each due reminder exactly once, and tell its user."""

from remo_async.dispatch.dispatcher import Dispatcher
from remo_async.dispatch.notify import Notifier

__all__ = ["Dispatcher", "Notifier"]

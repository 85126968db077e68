"""The iCalendar (RFC 5545) feed of a user's reminders and todos."""

from remo_async.feeds.ics import build_feed, feed_etag, render_feed, until_in_utc
from remo_async.feeds.pace import Pacer

__all__ = ["Pacer", "build_feed", "feed_etag", "render_feed", "until_in_utc"]

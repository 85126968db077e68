"""The iCalendar (RFC 5545) feed of a user's reminders and todos."""

from remo_async.feeds.ics import build_feed, feed_etag, fingerprint, until_in_utc

__all__ = ["build_feed", "feed_etag", "fingerprint", "until_in_utc"]

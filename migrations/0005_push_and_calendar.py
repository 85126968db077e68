"""Web Push subscriptions (one owner per endpoint) and the secret calendar feed addresses."""

from remo_async.store.schema import Key, Table

VERSION = 5
DESCRIPTION = "push subscriptions by user, their endpoints' owners, and calendar feed secrets"

TABLES = (
    # subscription_id is derived from the endpoint URL: one item per endpoint and user.
    Table(name="push_subscriptions", hash=Key("user_id"), range=Key("subscription_id")),
    # Which user an endpoint belongs to (it belongs to one): read and moved atomically
    # with the subscriptions above.
    Table(name="push_endpoints", hash=Key("subscription_id")),
    # Two kinds of item: "user#<user_id>" holds the hash of that user's current secret,
    # "secret#<sha256 hex>" the user it opens. Only hashes are stored.
    Table(name="calendar_feeds", hash=Key("feed_key")),
)

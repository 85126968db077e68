"""A GSI of the idempotency table by user, so erasing a user's data erases their answers.

Each claim and answer stored from this release on carries the user_id it belongs to; the
stored answers hold a request's answer body (the user's titles, times, chat replies), so
DELETE /user/{id}/data?data_type=all deletes them as well. Items written before this
migration have no user_id, are not in the index, and expire within 24 hours (their TTL).
"""

from remo_async.store.schema import Index, Key, Table

VERSION = 6
DESCRIPTION = "idempotency answers by user (user-index), erased with the user's data"

TABLES = (
    Table(
        name="idempotency",
        hash=Key("key"),
        indexes=(Index("user-index", hash=Key("user_id")),),
        ttl_attribute="ttl",
    ),
)

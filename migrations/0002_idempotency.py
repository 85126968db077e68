"""The idempotency table: first answers to POSTs that carried an Idempotency-Key."""

from remo_async.store.schema import Key, Table

VERSION = 2
DESCRIPTION = "idempotency keys of creating POSTs, kept 24 h"

TABLES = (Table(name="idempotency", hash=Key("key"), ttl_attribute="ttl"),)

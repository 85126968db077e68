"""`remo-async vapid-key`: a new VAPID key for turning Web Push on in production."""

from __future__ import annotations

import argparse
import sys

from remo_async.push.vapid import DEV_SUBJECT, VapidKey, new_private_pem


def vapid_key_command(args: argparse.Namespace) -> int:
    """Prints a new P-256 private key as PEM on stdout and its public key on stderr.

    `remo-async vapid-key > vapid.pem` keeps the key in a file for
    REMO_VAPID_PRIVATE_KEY_FILE (or its text goes into REMO_VAPID_PRIVATE_KEY).
    """
    pem = new_private_pem()
    public = VapidKey.from_pem(pem, subject=DEV_SUBJECT).public_key
    sys.stdout.write(pem.decode())
    print(f"VAPID public key (applicationServerKey): {public}", file=sys.stderr)
    return 0

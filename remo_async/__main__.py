"""Allows `python -m remo_async`."""

from remo_async.cli import main

raise SystemExit(main())

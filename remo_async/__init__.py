"""remo-async: the async backend of Remo, a personal AI assistant."""

__version__ = "0.1.0"

"""The assistant: reading what the user means."""

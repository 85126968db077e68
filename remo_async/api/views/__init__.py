"""Views: HTTP in, store calls, HTTP out."""

"""Web Push: RFC 8030 delivery, RFC 8291 `aes128gcm` payloads, RFC 8292 VAPID."""

// events.js — live reminder fires from GET /user/{id}/events (server-sent events).
// EventSource cannot send headers, so the token goes as ?access_token= (API.md).
// A service worker for Web Push (tab closed) can sit beside this: it does not use it.

import { session, userPath } from "./api.js";

let source = null;

/**
 * Listens for `reminder.fired` (data: the reminder) and `token.expired`.
 * handlers: { fired(reminder), expired() }. Reconnects are EventSource's own.
 */
export function listen(handlers) {
  stop();
  const token = encodeURIComponent(session.current.token);
  source = new EventSource(`${userPath("events")}?access_token=${token}`);
  source.addEventListener("reminder.fired", (event) => handlers.fired(JSON.parse(event.data)));
  source.addEventListener("token.expired", () => {
    stop();
    handlers.expired();
  });
  source.addEventListener("open", () => document.body.classList.add("live"));
  return source;
}

/** Closes the stream (sign-out, expiry). */
export function stop() {
  if (source) source.close();
  source = null;
  document.body.classList.remove("live");
}

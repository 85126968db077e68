// sw.js — the console's service worker, served at /sw.js so that its scope, "/", covers
// the console (a worker's default scope is its own folder). It shows each pushed reminder
// as a notification and, on a click, focuses the console or opens it.
// Push body (API.md "Push notifications (Web Push)"):
//   {"event": "reminder.fired", "reminder": {"reminder_id", "title", "reminding_time",
//    "timezone", "description", ...}}
// A classic script (not a module): every browser with Web Push runs it.
"use strict";

/** "Fri, 4 Dec, 14:30" of an ISO 8601 instant in an IANA zone; "" when unreadable. */
function dueLabel(instant, zone) {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return "";
  const options = {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
  };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone || "UTC" })
      .format(date);
  } catch (unknownZone) {  // RangeError: a zone this browser does not know
    return `${new Intl.DateTimeFormat(undefined, { ...options, timeZone: "UTC" })
      .format(date)} UTC`;
  }
}

/**
 * The notification for a push body: { title, options } (Notification API). Title and tag
 * are those the open console gives its own in-page notification of the same fire
 * ("Remo: <title>", tag "remo-<title>"), so an open tab and the push show one notification.
 * A body this worker does not understand still shows one: with userVisibleOnly every push
 * must show a notification (Push API section 3.3), or the browser shows its own.
 */
function notificationFor(payload) {
  const reminder = payload && payload.event === "reminder.fired" ? payload.reminder : null;
  if (!reminder || typeof reminder.title !== "string") {
    return { title: "Remo", options: { body: "You have a reminder.", icon: "/favicon.ico",
      data: { url: "/" } } };
  }
  const due = dueLabel(reminder.reminding_time, reminder.timezone);
  const body = [due && `Due ${due}`, reminder.description].filter(Boolean).join("\n");
  return {
    title: `Remo: ${reminder.title}`,
    options: {
      body,
      icon: "/favicon.ico",
      tag: `remo-${reminder.title}`,
      timestamp: Date.parse(reminder.reminding_time) || Date.now(),
      data: { url: "/", reminderId: reminder.reminder_id },
    },
  };
}

/** The push body as JSON; null when it is empty or not JSON. */
function readPush(data) {
  if (!data) return null;
  try {
    return data.json();
  } catch (notJson) {  // SyntaxError
    return null;
  }
}

/** Shows the notification for one push's data (a PushMessageData or null). */
function showPush(data) {
  const { title, options } = notificationFor(readPush(data));
  return self.registration.showNotification(title, options);
}

/** Focuses a window on the console (this origin's "/"), or opens one. */
async function focusConsole(url) {
  const target = new URL(url, self.location.origin);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).pathname === target.pathname);
  if (open) return open.focus();
  return self.clients.openWindow(target.href);
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("push", (event) => event.waitUntil(showPush(event.data)));
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(focusConsole(url));
});

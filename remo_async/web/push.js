// push.js — the "Notify me on this device" switch: Web Push through the service worker
// /sw.js (API.md "Push notifications (Web Push)"). On: permission, the worker, the
// server's VAPID key (GET /webpush/public-key), pushManager.subscribe, then
// POST /user/{id}/push-subscriptions. Off: DELETE that subscription, then unsubscribe.
// Exports: setUpPush() (after sign-in), hidePush() (on sign-out).

import { request, userPath } from "./api.js";
import { notice } from "./notices.js";

const $ = (id) => document.getElementById(id);
const WORKER = "/sw.js";
const SCOPE = "/";

/** This device's subscription as both sides know it: { subscription, id } or null. */
let current = null;
let publicKey = null;

/** The bytes of a base64url string (RFC 4648 section 5), as applicationServerKey takes. */
function base64urlBytes(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function sameKey(buffer, bytes) {
  if (!buffer) return false;
  const held = new Uint8Array(buffer);
  return held.length === bytes.length && held.every((b, i) => b === bytes[i]);
}

/** The switch's state: "on", "off" or "unavailable" (disabled, with a note saying why). */
function show(state, note = "") {
  const box = $("push-switch");
  box.checked = state === "on";
  box.disabled = state === "unavailable";
  $("push-note").textContent = note;
  $("push-note").hidden = !note;
}

/** The signed-in user's record of `endpoint` (GET .../push-subscriptions, every page), or null. */
async function serverRecord(endpoint) {
  let cursor = null;
  do {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
    const page = await request("GET", userPath("push-subscriptions") + query);
    const found = page.items.find((item) => item.endpoint === endpoint);
    if (found) return found;
    cursor = page.next_cursor;
  } while (cursor);
  return null;
}

/** How long pushManager.subscribe may take: it asks the browser's push service (FCM for
 * Chrome, Mozilla's for Firefox), which a firewall may never let it reach. */
const SUBSCRIBE_SECONDS = 10;

/** `promise`, or an Error after `seconds`; a late subscription is then unsubscribed. */
function withinSeconds(promise, seconds) {
  let timer;
  const late = new Promise((resolve, reject) => {
    timer = setTimeout(() => {
      promise.then((subscription) => subscription.unsubscribe(), () => false);
      reject(new Error(`its push service did not answer within ${seconds} s`));
    }, seconds * 1000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A push subscription under the server's current key (an older key's one is replaced). */
async function subscribeBrowser(registration) {
  const key = base64urlBytes(publicKey);
  const held = await registration.pushManager.getSubscription();
  if (held && sameKey(held.options.applicationServerKey, key)) return held;
  if (held) await held.unsubscribe();
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
}

async function turnOn() {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    notice("Notifications are blocked for this site: allow them in the browser's site " +
      "settings, then switch this on again.", { kind: "error", seconds: 0 });
    return show("off");
  }
  let subscription;
  try {
    await navigator.serviceWorker.register(WORKER, { scope: SCOPE });
    const registration = await navigator.serviceWorker.ready;
    subscription = await withinSeconds(subscribeBrowser(registration), SUBSCRIBE_SECONDS);
  } catch (failure) {  // e.g. AbortError: no push service this browser can reach
    notice(`This browser could not subscribe: ${failure.message}`, { kind: "error", seconds: 0 });
    return show("off");
  }
  try {
    const record = await request("POST", userPath("push-subscriptions"), subscription.toJSON());
    current = { subscription, id: record.subscription_id };
  } catch (failure) {
    await subscription.unsubscribe().catch(() => false);
    notice(`The server did not take this device: ${failure.message}`, { kind: "error", seconds: 0 });
    return show("off");
  }
  show("on");
  notice("Reminders will be pushed to this device.");
}

async function turnOff() {
  if (current) {
    try {
      await request("DELETE", userPath("push-subscriptions", current.id));
    } catch (failure) {
      if (failure.status !== 404) {  // 404: already gone (e.g. the push service said 410)
        notice(`Could not switch push off: ${failure.message}`, { kind: "error", seconds: 0 });
        return show("on");
      }
    }
    await current.subscription.unsubscribe().catch(() => false);
    current = null;
  }
  show("off");
  notice("Reminders are no longer pushed to this device.");
}

/** Shows the switch in the state this device and the server agree on (survives a reload). */
export async function setUpPush() {
  const box = $("push-switch");
  $("push-control").hidden = false;
  current = null;
  box.onchange = async () => {
    box.disabled = true;  // one change at a time
    try {
      await (box.checked ? turnOn() : turnOff());
    } finally {
      if (!$("push-note").textContent) box.disabled = false;
    }
  };
  if (!("serviceWorker" in navigator) || !("PushManager" in window) ||
      !("Notification" in window)) {
    return show("unavailable", "This browser cannot receive push notifications");
  }
  show("unavailable", "Checking push…");
  try {
    publicKey = (await request("GET", "/webpush/public-key")).public_key;
  } catch (failure) {
    const why = failure.status === 404 ? "Push is not configured on this server"
      : `Push is unavailable: ${failure.message}`;
    return show("unavailable", why);
  }
  try {
    const registration = await navigator.serviceWorker.getRegistration(SCOPE);
    const subscription = await registration?.pushManager.getSubscription();
    const record = subscription && await serverRecord(subscription.endpoint);
    if (record) current = { subscription, id: record.subscription_id };
  } catch (failure) {
    notice(`Could not read this device's push state: ${failure.message}`, { kind: "error" });
  }
  show(current ? "on" : "off");
}

/** Hides the switch (signed out); the device stays subscribed until switched off. */
export function hidePush() {
  $("push-control").hidden = true;
  current = null;
}

// app.js — the web console's entry point: sign-in, then chat, agenda, todos and live
// fires. Modules: api.js (HTTP), auth.js (sign-in), chat.js, agenda.js, events.js (live
// events), notices.js (in-page notices, browser notifications), zone.js, dates.js,
// push.js (Web Push switch), calendar.js (calendar feed address).
// To add a feature (e.g. Web Push), add a module and call it from signedIn() below.

import { session } from "./api.js";
import { authMode, setUpSignIn } from "./auth.js";
import { loadHistory, setUpChat } from "./chat.js";
import { refresh, updateReminder } from "./agenda.js";
import { listen, stop } from "./events.js";
import { notice, notify, offerPermission } from "./notices.js";
import { offerZone } from "./zone.js";
import { hidePush, setUpPush } from "./push.js";
import { timeLabel } from "./dates.js";
import { setUpCalendar } from "./calendar.js";

const $ = (id) => document.getElementById(id);

function fired(reminder) {
  updateReminder(reminder);
  const when = timeLabel(reminder.reminding_time, reminder.timezone);
  notice(`Reminder: ${reminder.title} (${when})`, { kind: "fired", seconds: 0 });
  notify(`Remo: ${reminder.title}`, reminder.description || `Due ${when}`);
  // A series made its next occurrence in the same fire: read the lists again.
  if (reminder.recurrence) refresh();
}

async function signedIn() {
  const { userId } = session.current;
  $("who").textContent = `Signed in as ${userId}`;
  $("who").hidden = false;
  $("sign-out").hidden = false;
  $("workspace").hidden = false;
  offerPermission();
  setUpPush();
  setUpCalendar();
  listen({
    fired,
    expired: () => signOut("Your session has expired: sign in again."),
  });
  try {
    await Promise.all([loadHistory(), refresh(), offerZone(refresh)]);
  } catch (failure) {
    if (failure.status === 401) {
      return signOut(`The server refused this access token (${failure.message}): sign in again.`);
    }
    notice(`Could not load your data: ${failure.message}`, { kind: "error" });
  }
  $("message").focus();
}

/** Back to the sign-in form; `reason` (optional) says why there. */
function signOut(reason = "") {
  stop();
  session.current = null;
  $("workspace").hidden = true;
  $("who").hidden = true;
  $("sign-out").hidden = true;
  hidePush();
  setUpSignIn(signedIn, reason);
}

setUpChat(() => refresh());
$("sign-out").addEventListener("click", () => signOut());
document.body.dataset.authMode = authMode();
setUpSignIn(signedIn);

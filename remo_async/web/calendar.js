// calendar.js — the "Calendar feed" card: makes the signed-in user's iCalendar address
// (POST /user/{id}/calendar-feed), shows it to copy into Google Calendar, Apple Calendar or
// Thunderbird, and stops it (DELETE). The server keeps only a hash of the address's secret,
// so an address is shown once, when it is made; making a new one ends the earlier one.

import { request, userPath } from "./api.js";
import { notice } from "./notices.js";

const $ = (id) => document.getElementById(id);

function show(url) {
  $("feed-url").value = url || "";
  $("feed-address").hidden = !url;
  $("feed-make").textContent = url ? "Make a new address" : "Make a calendar address";
}

async function make() {
  $("feed-make").disabled = true;
  try {
    const { url } = await request("POST", userPath("calendar-feed"));
    show(url);
    notice("Calendar address made: any earlier address has stopped working.");
  } catch (failure) {
    notice(`Could not make a calendar address: ${failure.message}`, { kind: "error" });
  } finally {
    $("feed-make").disabled = false;
  }
}

async function stop() {
  try {
    await request("DELETE", userPath("calendar-feed"));
    show(null);
    notice("Calendar feed stopped: its address no longer works.");
  } catch (failure) {
    notice(`Could not stop the calendar feed: ${failure.message}`, { kind: "error" });
  }
}

async function copy() {
  try {
    await navigator.clipboard.writeText($("feed-url").value);
    notice("Calendar address copied.");
  } catch (denied) {  // no clipboard permission: the field is selected to copy by hand
    $("feed-url").select();
  }
}

let wired = false;

/** Shows the card for a newly signed-in user (no address shown until one is made). */
export function setUpCalendar() {
  show(null);
  if (wired) return;
  wired = true;
  $("feed-make").addEventListener("click", make);
  $("feed-stop").addEventListener("click", stop);
  $("feed-copy").addEventListener("click", copy);
}

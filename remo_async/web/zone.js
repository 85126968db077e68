// zone.js — on first sign-in, when the preferences still hold the default zone (UTC),
// offers the browser's zone and saves the answer (`console_zone_offered`: asked once).

import { request, userPath } from "./api.js";
import { browserZone } from "./dates.js";
import { notice } from "./notices.js";

export async function offerZone(onChanged) {
  const section = document.getElementById("zone-offer");
  const { preferences } = await request("GET", userPath("preferences"));
  const zone = browserZone();
  if (preferences.timezone !== "UTC" || zone === "UTC" || preferences.console_zone_offered) {
    section.hidden = true;
    return;
  }
  document.getElementById("zone-offer-text").textContent =
    `Your reminders are read in UTC. This browser is in ${zone}: use it instead?`;
  const accept = document.getElementById("zone-accept");
  accept.textContent = `Use ${zone}`;
  const answer = async (changes, text) => {
    section.hidden = true;
    await request("POST", userPath("preferences"), { ...changes, console_zone_offered: true });
    notice(text);
    await onChanged();
    document.getElementById("message").focus();
  };
  accept.onclick = () => answer({ timezone: zone }, `Time zone set to ${zone}.`);
  document.getElementById("zone-decline").onclick = () => answer({}, "Keeping UTC.");
  section.hidden = false;
}

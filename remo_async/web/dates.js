// dates.js — days and times in a reminder's own time zone (Intl, no library).

const pad = (n) => String(n).padStart(2, "0");

/** "YYYY-MM-DD" of an instant in an IANA zone. */
export function dayKey(instant, zone) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function nextDay(key) {
  const [y, m, d] = key.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** "Today", "Tomorrow", or a date such as "Fri, 4 Dec", for a day in `zone`. */
export function dayLabel(key, zone, now = Date.now()) {
  const today = dayKey(now, zone);
  if (key === today) return "Today";
  if (key === nextDay(today)) return "Tomorrow";
  const [y, m, d] = key.split("-").map(Number);
  const options = { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" };
  if (y !== Number(today.slice(0, 4))) options.year = "numeric";
  return new Intl.DateTimeFormat(undefined, options).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "14:30" in `zone`, with the zone's name when it is not the browser's own. */
export function timeLabel(instant, zone) {
  const text = new Intl.DateTimeFormat(undefined, {
    timeZone: zone, hour: "2-digit", minute: "2-digit",
  }).format(new Date(instant));
  return zone === browserZone() ? text : `${text} (${zone})`;
}

/** The browser's IANA zone, e.g. "Europe/London". */
export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

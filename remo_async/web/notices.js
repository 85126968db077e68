// notices.js — short messages in the page's "Notices" status region, and browser
// notifications when the person has allowed them.

const region = () => document.getElementById("notices");

/** Shows a notice for `seconds`; kind "fired" | "error" | "info". Returns the element. */
export function notice(text, { kind = "info", seconds = 12 } = {}) {
  const item = document.createElement("p");
  item.className = `notice ${kind}`;
  item.textContent = text;
  if (seconds > 0) setTimeout(() => item.remove(), seconds * 1000);
  else {  // stays until dismissed
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "dismiss";
    dismiss.textContent = "Dismiss";
    dismiss.setAttribute("aria-label", `Dismiss: ${text}`);
    dismiss.addEventListener("click", () => item.remove());
    item.append(" ", dismiss);
  }
  region().append(item);
  return item;
}

/** A browser notification, only when permission was granted (never asks by itself). */
export function notify(title, body) {
  if (!("Notification" in window) || Notification.permission !== "granted") return null;
  return new Notification(title, { body, icon: "/favicon.ico", tag: `remo-${title}` });
}

/** Shows the "Allow notifications" button while the browser could still ask. */
export function offerPermission() {
  const button = document.getElementById("allow-notifications");
  if (!("Notification" in window) || Notification.permission !== "default") {
    button.hidden = true;
    return;
  }
  button.hidden = false;
  button.onclick = async () => {
    const answer = await Notification.requestPermission();
    button.hidden = true;
    notice(answer === "granted" ? "Notifications are on." : "Notifications stay off.");
  };
}

// auth.js — signing in and out. Dev mode: POST /dev/token with a user id. Privy mode:
// the privy-token cookie of this origin, or a pasted access token. The user id is the
// token's `sub` claim.

import { request, session } from "./api.js";

export const authMode = () =>
  document.querySelector('meta[name="remo-auth-mode"]')?.content || "dev";

/** The `sub` of a JWT (not verified here: the server verifies every request). */
export function tokenSubject(token) {
  const part = token.split(".")[1] || "";
  const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
  return JSON.parse(json).sub;
}

function cookieToken() {
  const found = document.cookie.split("; ").find((c) => c.startsWith("privy-token="));
  return found ? decodeURIComponent(found.slice("privy-token=".length)) : null;
}

let signedInCallback = () => {};
let wired = false;

/** The forms' submit handlers, added once: each sign-out shows the same forms again. */
function wireForms(dev, pasted, error) {
  if (wired) return;
  wired = true;
  dev.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const userId = dev.elements.user_id.value.trim();
    try {
      const answer = await request("POST", "/dev/token", { user_id: userId }, { token: "" });
      finish(answer.token, userId);
    } catch (failure) {
      error.textContent = `Could not sign in: ${failure.message}`;
    }
  });
  pasted.addEventListener("submit", (event) => {
    event.preventDefault();
    error.textContent = "";
    const token = pasted.elements.token.value.trim();
    try {
      finish(token, tokenSubject(token));
    } catch {
      error.textContent = "That is not an access token (a JWT with a sub claim).";
    }
  });
}

function finish(token, userId) {
  session.current = { token, userId };
  document.getElementById("sign-in").hidden = true;
  signedInCallback();
}

/**
 * Shows the sign-in forms (or signs in from a stored session or the privy-token cookie);
 * calls onSignedIn() once a session exists. `reason`, when given, is shown in the form's
 * alert: why the person was signed out (e.g. the server refused the token).
 */
export function setUpSignIn(onSignedIn, reason = "") {
  const section = document.getElementById("sign-in");
  const error = document.getElementById("sign-in-error");
  const dev = document.getElementById("dev-sign-in");
  const pasted = document.getElementById("token-sign-in");
  const privy = authMode() === "privy";
  dev.hidden = privy;
  pasted.hidden = !privy;
  signedInCallback = onSignedIn;
  wireForms(dev, pasted, error);
  error.textContent = reason;

  if (session.current) return onSignedIn();
  // A cookie the server refused is not tried again: the person signs in by hand.
  const cookie = privy && !reason ? cookieToken() : null;
  if (cookie) {
    try {
      return finish(cookie, tokenSubject(cookie));
    } catch {
      /* fall through to the form */
    }
  }
  section.hidden = false;
  (privy ? pasted.elements.token : dev.elements.user_id).focus();
}

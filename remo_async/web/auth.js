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

/** Sets up the sign-in forms; calls onSignedIn() once a session exists. */
export function setUpSignIn(onSignedIn) {
  const section = document.getElementById("sign-in");
  const error = document.getElementById("sign-in-error");
  const dev = document.getElementById("dev-sign-in");
  const pasted = document.getElementById("token-sign-in");
  const privy = authMode() === "privy";
  dev.hidden = privy;
  pasted.hidden = !privy;

  const finish = (token, userId) => {
    session.current = { token, userId };
    section.hidden = true;
    onSignedIn();
  };
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
    const token = pasted.elements.token.value.trim();
    try {
      finish(token, tokenSubject(token));
    } catch {
      error.textContent = "That is not an access token (a JWT with a sub claim).";
    }
  });

  if (session.current) return onSignedIn();
  const cookie = privy ? cookieToken() : null;
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

// api.js — the HTTP API as the console uses it: one fetch wrapper, problem+json errors.
// Exports: session (who is signed in), request(), ApiError.

/** The signed-in user: { userId, token } or null. Kept in sessionStorage (this tab only). */
export const session = {
  get current() {
    const raw = sessionStorage.getItem("remo.session");
    return raw ? JSON.parse(raw) : null;
  },
  set current(value) {
    if (value) sessionStorage.setItem("remo.session", JSON.stringify(value));
    else sessionStorage.removeItem("remo.session");
  },
};

/** An answer of 4xx/5xx: RFC 9457 problem fields when the server sent them. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Calls the API. `path` starts with "/"; `body` (an object) is sent as JSON.
 * Resolves to the parsed JSON answer (null for 204); rejects with ApiError.
 */
export async function request(method, path, body, { token } = {}) {
  const headers = { Accept: "application/json" };
  const bearer = token ?? session.current?.token;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const init = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** The path of the signed-in user's routes, e.g. userPath("reminders"). */
export function userPath(...parts) {
  const id = encodeURIComponent(session.current.userId);
  return ["/user", id, ...parts.map(encodeURIComponent)].join("/");
}

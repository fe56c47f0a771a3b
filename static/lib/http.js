// Talking to the app from a page: the CSRF token, JSON requests, and polling a status URL
// with back-off. Every request is same-origin and asks for JSON.

// The form's token (the cookie may be HttpOnly), else the cookie's.
export function csrfToken(form) {
  const field = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
  if (field) {
    return field.value;
  }
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

// fetch() with the app's headers; `body` is text (JSON already); `signal` may abort it.
// Resolves to the Response.
export function request(url, { method = "GET", body, form, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  if (method !== "GET") {
    headers["X-CSRFToken"] = csrfToken(form);
  }
  return fetch(url, { method, headers, body, signal, credentials: "same-origin" });
}

// Sends `json` (any value, as JSON) and reads the JSON answer, whatever its status:
// { ok, status, body }. Rejects when the server cannot be reached or answers no JSON.
export async function fetchJson(url, { method = "GET", json, form } = {}) {
  const body = json === undefined ? undefined : JSON.stringify(json);
  const response = await request(url, { method, body, form });
  return { ok: response.ok, status: response.status, body: await response.json() };
}

// How long to wait before the next poll: every second for the first minute, then every three.
export function backOff(polls) {
  return polls < 60 ? 1000 : 3000;
}

const THROTTLED_WAIT = 5; // seconds, when a 429 says not how long (Retry-After)
const FAILED_WAIT = 5000; // ms after a network error or an answer that is not a JSON 2xx

// Reads `url` a second from now and again with back-off, handing each answer to `update`,
// until `update` returns false. A throttled answer (429) waits as long as the server asks;
// a 404 reloads the page (what was polled was replaced: the page shows what is there now).
export function poll(url, update) {
  let polls = 0;

  async function wait() {
    const response = await request(url);
    if (response.status === 429) {
      return (Number(response.headers.get("Retry-After")) || THROTTLED_WAIT) * 1000;
    }
    if (response.status === 404) {
      window.location.reload();
      return null;
    }
    if (!response.ok) {
      throw new Error(`${url} answered ${response.status}`);
    }
    return update(await response.json()) === false ? null : backOff(polls);
  }

  async function once() {
    polls += 1;
    let delay;
    try {
      delay = await wait();
    } catch {
      delay = FAILED_WAIT;
    }
    if (delay !== null) {
      window.setTimeout(once, delay);
    }
  }

  window.setTimeout(once, 1000);
}

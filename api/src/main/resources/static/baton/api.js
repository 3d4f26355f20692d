// Calls to the REST API and its live streams, with the page's bearer token. Shared by every page.

import { EventStream } from './event-stream.js';

// Embedded on another site (embed.js), the API is on Baton's origin, not the page's.
const API = `${window.BATON_API || ''}/api/v1`;
// The bearer token of this page: the customer's for the widget, the staff member's elsewhere.
let token = null;

export function setToken(value) {
  token = value;
}

/** The Authorization header of the page's token, when it has one. */
const authorization = () => (token ? { Authorization: `Bearer ${token}` } : {});

/** An error answer from the API, with its problem+json body when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem || {};
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One API call. With retry, a 503 is repeated (up to three times, after Retry-After): only for
 * calls whose repeat is safe (a body with a clientMessageId, a sign-in).
 */
export async function call(method, path, body, { retry = false } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: 'application/json', ...authorization() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(API + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 503 && retry && attempt < 3) {
      await sleep(1000 * Number(response.headers.get('Retry-After') || 2));
      continue;
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (ignored) {
      data = null;
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }
}

/** A live stream of the API, read with the page's token in the Authorization header. */
export function stream(path) {
  return new EventStream(API + path, authorization);
}

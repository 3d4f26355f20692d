// The staff sign-in, one for every staff page (console, dashboard, review): the form, the token it
// gets, kept for the tab, and signing out. Each page says what happens once someone is signed in.

import { call, setToken } from './api.js';
import { $, el, showError } from './dom.js';

/** Where the console and the review page keep the tab's sign-in. */
export const STAFF_TOKEN = 'baton.console.token';

/**
 * Signs in for a token, used from now on and kept for the tab under {@code key}; answers the
 * issued token. A 503 (the api is checking as many passwords as it may at once) is repeated.
 */
async function signIn(username, password, key) {
  const issued = await call('POST', '/auth/token', { username, password }, { retry: true });
  setToken(issued.token);
  sessionStorage.setItem(key, issued.token);
  return issued;
}

/** The account of the tab's kept sign-in, or null when there is none or it no longer works. */
async function resumeSignIn(key) {
  const saved = sessionStorage.getItem(key);
  if (!saved) return null;
  setToken(saved);
  try {
    return await call('GET', '/auth/me');
  } catch (expired) {
    sessionStorage.removeItem(key);
    setToken(null);
    return null;
  }
}

/**
 * Draws the sign-in form into the page's #sign-in section and signs in with it; a sign-in kept for
 * the tab under {@code key} that still works signs in at once. {@code signedIn(account, fresh)}
 * follows either (fresh: from the form); errors show in the page's #error.
 */
export function staffSignIn({ signedIn, heading = 'Sign in', className, key = STAFF_TOKEN }) {
  const username = el('input', {
    id: 'username', dataset: { testid: 'username' }, type: 'text', autocomplete: 'username', required: true, maxlength: 128,
  });
  const password = el('input', {
    id: 'password', dataset: { testid: 'password' }, type: 'password', autocomplete: 'current-password', required: true, maxlength: 200,
  });
  const form = el(
    'form',
    { id: 'sign-in-form', className },
    el('label', {}, 'Username ', username),
    el('label', {}, 'Password ', password),
    el('button', { id: 'sign-in-button', dataset: { testid: 'sign-in-button' }, type: 'submit', text: 'Sign in' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(null);
    try {
      const issued = await signIn(username.value.trim(), password.value, key);
      password.value = '';
      await signedIn(issued.account, true);
    } catch (error) {
      showError(error);
    }
  });
  $('sign-in').replaceChildren(el('h2', { text: heading }), form);
  resumeSignIn(key).then((account) => account && signedIn(account, false));
}

/** Ends the tab's sign-in, on the server too when it answers. */
export async function signOut(key = STAFF_TOKEN) {
  try {
    await call('DELETE', '/auth/token');
  } catch (ignored) {
    // Signed out of this tab whatever the server said.
  }
  sessionStorage.removeItem(key);
  setToken(null);
}

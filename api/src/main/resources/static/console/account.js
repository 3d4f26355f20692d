// The agent signed in (with the shared staff sign-in, baton/sign-in.js): their account on the
// page, a supervisor's codec session for the Temporal UI, and signing out.

import { call } from '../baton/api.js';
import { $, showError } from '../baton/dom.js';
import { signOut as endSignIn } from '../baton/sign-in.js';
import { loadIntents } from './bot-turns.js';
import { setPresence } from './presence.js';
import { state } from './state.js';
import { refreshWorklist } from './worklist.js';

const SUPERVISORS = ['SUPERVISOR', 'ADMIN'];

/** After a sign-in with the form (fresh) or a kept one that still works. */
export async function signedIn(account, fresh) {
  if (fresh && SUPERVISORS.includes(account.role)) await startCodecSession();
  $('sign-in').hidden = true;
  $('agent').hidden = false;
  $('agent-id').value = account.name;
  $('review-link').hidden = !SUPERVISORS.includes(account.role);
  loadIntents();
  if (!$('agent-queues').value && account.queues && account.queues.length) $('agent-queues').value = account.queues.join(',');
  refreshWorklist();
}

/**
 * A supervisor's browser gets a codec session: an HttpOnly cookie with which the Temporal UI,
 * told to include cross-origin credentials, shows conversations' payloads decoded
 * (docs/security.md). Signing out ends it.
 */
async function startCodecSession() {
  try {
    const session = await call('POST', '/codec/session');
    $('codec-session').textContent =
      `Temporal UI: payloads decoded in this browser until ${new Date(session.expiresAt).toLocaleString()}.`;
    $('codec-session').hidden = false;
  } catch (error) {
    showError(error);
  }
}

export async function signOut() {
  try {
    await call('DELETE', '/codec/session').catch(() => {});
    if (state.agent && state.agent.status !== 'OFFLINE') await setPresence('OFFLINE');
  } catch (ignored) {
    // Signing out of this tab happens whatever the server said.
  }
  await endSignIn();
  location.reload();
}

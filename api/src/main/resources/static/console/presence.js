// Presence: the agent goes online for some queues and stays online only while the console is
// there, by heartbeats.

import { call } from '../baton/api.js';
import { $, showError } from '../baton/dom.js';
import { unwatchQueues, watchQueues } from './queues.js';
import { state } from './state.js';

/** Well inside the api's presence timeout (60 s by default). */
const HEARTBEAT_MS = 10000;
/** The fields this browser keeps for the agent's next visit. */
const KEPT = ['agent-name', 'agent-queues', 'agent-capacity'];
let heartbeat = null;

/** The name, queues and capacity this browser last went online with. */
export function restorePresenceFields() {
  for (const field of KEPT) {
    const saved = localStorage.getItem(`baton.console.${field}`);
    if (saved) $(field).value = saved;
  }
}

function showPresence(status) {
  $('presence').textContent = status;
  $('presence').dataset.status = status;
  $('go-offline').disabled = status === 'OFFLINE';
}

function beat(status) {
  clearInterval(heartbeat);
  heartbeat = null;
  if (status === 'OFFLINE') return;
  heartbeat = setInterval(() => {
    call('POST', `/agents/${encodeURIComponent(state.agent.agentId)}/heartbeat`).catch((error) => {
      if (error.status !== 409) return;
      clearInterval(heartbeat);
      heartbeat = null;
      showPresence('OFFLINE');
      state.agent.status = 'OFFLINE';
      unwatchQueues();
      showError(error);
    });
  }, HEARTBEAT_MS);
}

export async function setPresence(status) {
  showError(null);
  const agentId = $('agent-id').value.trim();
  const queues = $('agent-queues').value.split(',').map((q) => q.trim()).filter(Boolean);
  // A notice for newcomers needs the browser's permission, asked once, on the agent's click.
  if (status === 'ONLINE' && window.Notification && Notification.permission === 'default') {
    Notification.requestPermission().catch(() => {});
  }
  const body = {
    status,
    queues,
    maxConcurrent: Number($('agent-capacity').value),
    name: $('agent-name').value.trim() || undefined,
  };
  try {
    const stored = await call('PUT', `/agents/${encodeURIComponent(agentId)}/presence`, body);
    for (const field of KEPT) localStorage.setItem(`baton.console.${field}`, $(field).value);
    showPresence(stored.status);
    state.agent = stored;
    beat(stored.status);
    if (stored.status === 'ONLINE') watchQueues();
    else unwatchQueues();
  } catch (error) {
    showError(error);
  }
}

// The waiting lists of the agent's queues, live from the queue stream, and the callbacks promised
// in them. A row's "Take over" is wired by the console (console.js).

import { call, stream } from '../baton/api.js';
import { $, el, elapsed, showError } from '../baton/dom.js';
import { noticeNewcomers } from './notices.js';
import { live, state } from './state.js';

let queueStream = null;
const requests = {}; // latest waiting-list request per queue, so an old answer never wins

export function watchQueues() {
  renderQueueSections();
  $('queues-panel').hidden = false;
  if (queueStream) {
    refreshWaiting();
    return;
  }
  queueStream = stream('/queues/stream');
  queueStream.addEventListener('open', () => live($('queues-live'), true));
  queueStream.addEventListener('error', () => live($('queues-live'), false));
  queueStream.addEventListener('queues', (event) => {
    const states = JSON.parse(event.data).queues;
    noticeNewcomers(states);
    showQueueStates(states);
    refreshWaiting();
    refreshCallbacks();
  });
}

export function unwatchQueues() {
  if (queueStream) queueStream.close();
  queueStream = null;
  $('queues-panel').hidden = true;
}

function renderQueueSections() {
  $('queues').replaceChildren(
    ...state.agent.queues.map((queue) =>
      el(
        'div',
        { dataset: { testid: 'queue', queue } },
        el('h3', {}, queue, ' ', el('span', { className: 'muted', id: `queue-state-${queue}` })),
        el('ul', { className: 'waiting', id: `waiting-${queue}`, dataset: { testid: 'waiting-list', queue } }),
      ),
    ),
  );
}

function showQueueStates(states) {
  for (const queue of states) {
    const target = document.getElementById(`queue-state-${queue.queue}`);
    if (!target) continue;
    const opening = queue.nextOpening
      ? ` · opens ${new Date(queue.nextOpening).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}`
      : '';
    const open = queue.openNow ? ' · open' : ` · closed${opening}`;
    target.textContent = `${queue.waiting} waiting · ${queue.agentsOnline} online · ${queue.agentsFree} free${open}`;
    target.dataset.open = String(queue.openNow);
  }
}

/** The callbacks promised in the agent's queues: due today first, with their promise times. */
function refreshCallbacks() {
  if (!state.agent) return;
  Promise.all(state.agent.queues.map((queue) => call('GET', `/queues/${encodeURIComponent(queue)}/callbacks`)))
    .then((lists) => {
      const callbacks = lists.flatMap((list) => list.callbacks.map((c) => ({ ...c, queue: list.queue })));
      callbacks.sort((a, b) => Date.parse(a.promisedBy || 0) - Date.parse(b.promisedBy || 0));
      $('callbacks-panel').hidden = false;
      $('callbacks').replaceChildren(
        ...(callbacks.length === 0 ? [el('li', { className: 'muted', text: 'No callbacks promised.' })] : callbacks.map(callbackRow)),
      );
    })
    .catch(showError);
}

function callbackRow(c) {
  const promised = c.promisedBy ? new Date(c.promisedBy) : null;
  const due = promised && promised.toDateString() === new Date().toDateString();
  return el(
    'li',
    { dataset: { testid: 'callback-row', conversationId: c.conversationId, due: String(Boolean(due)) } },
    el('strong', {
      text: promised
        ? `${due ? 'today' : promised.toLocaleDateString([], { weekday: 'short' })} ${promised.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
        : 'no time',
    }),
    ' ',
    el('span', { text: c.issue || c.conversationId }),
    el('span', { className: 'muted', text: ` · ${c.queue}` + (c.ticketReference ? ` · ticket ${c.ticketReference}` : '') + (c.customerName ? ` · ${c.customerName}` : '') }),
  );
}

export function refreshWaiting() {
  if (!state.agent) return;
  for (const queue of state.agent.queues) {
    const ticket = (requests[queue] = (requests[queue] || 0) + 1);
    call('GET', `/queues/${encodeURIComponent(queue)}/waiting`)
      .then((list) => {
        if (requests[queue] === ticket) renderWaiting(queue, list.waiting);
      })
      .catch(showError);
  }
}

function renderWaiting(queue, waiting) {
  const list = document.getElementById(`waiting-${queue}`);
  if (!list) return;
  if (waiting.length === 0) {
    list.replaceChildren(el('li', { className: 'muted', text: 'Nobody is waiting.' }));
    return;
  }
  list.replaceChildren(
    ...waiting.map((w) =>
      el(
        'li',
        { dataset: { testid: 'waiting-row', conversationId: w.conversationId } },
        el('span', { className: 'priority', title: 'priority', text: `P${w.priority}` }),
        el('span', {
          className: 'wait',
          dataset: { since: w.waitingSince },
          text: elapsed((Date.now() - Date.parse(w.waitingSince)) / 1000),
        }),
        el('button', { type: 'button', dataset: { testid: 'take-over' }, text: 'Take over' }),
        el('span', { className: 'issue', title: w.issue || '', text: w.issue || '(no summary)' }),
        el('span', { className: 'muted meta', text: [w.reason, w.customerTier].filter(Boolean).join(' · ') }),
      ),
    ),
  );
}

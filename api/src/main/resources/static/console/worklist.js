// The worklist: the conversations this agent holds, from the server, so a reload keeps it. A row
// (or Alt+1..9) opens its conversation; console.js wires that.

import { call } from '../baton/api.js';
import { $, el, elapsed, showError } from '../baton/dom.js';
import { state } from './state.js';

let worklistRequest = 0; // the latest worklist request, so an old answer never wins

export function refreshWorklist() {
  const agentId = $('agent-id').value;
  if (!agentId) return;
  const ticket = ++worklistRequest;
  call('GET', `/agents/${encodeURIComponent(agentId)}/conversations`)
    .then((list) => {
      if (ticket === worklistRequest) renderWorklist(list.conversations);
    })
    .catch(showError);
}

/** The conversation id of the worklist's n-th row (from 1), or null. */
export function worklistRow(n) {
  const row = document.querySelectorAll('[data-testid="worklist-row"]')[n - 1];
  return row ? row.dataset.conversationId : null;
}

function renderWorklist(conversations) {
  $('mine-panel').hidden = false;
  if (conversations.length === 0) {
    $('my-conversations').replaceChildren(el('li', { className: 'muted', text: 'You hold no conversations.' }));
    return;
  }
  $('my-conversations').replaceChildren(
    ...conversations.map((c, index) =>
      el(
        'li',
        { dataset: { testid: 'worklist-row', conversationId: c.conversationId } },
        el(
          'button',
          {
            type: 'button',
            className: state.current && state.current.conversationId === c.conversationId ? '' : 'secondary',
            title: index < 9 ? `Alt+${index + 1}` : undefined,
          },
          el('span', { className: 'issue', text: c.issue || c.conversationId }),
          el('span', { className: 'muted meta', text: ` · ${c.status} · ${c.queue || ''}` }),
          el('span', {
            className: 'muted last',
            dataset: { testid: 'worklist-last' },
            text: c.lastCustomerMessage ? `“${c.lastCustomerMessage.text}”` : '',
          }),
          c.waitingForReplySince
            ? el('span', {
                className: 'wait',
                title: 'waiting for your reply',
                dataset: { since: c.waitingForReplySince, testid: 'worklist-wait' },
                text: elapsed((Date.now() - Date.parse(c.waitingForReplySince)) / 1000),
              })
            : null,
        ),
      ),
    ),
  );
}

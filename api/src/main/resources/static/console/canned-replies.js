// The canned replies of the conversation's queue, as buttons that put one into the reply box with
// its variables filled: {name}, {order}, {agent}.

import { call } from '../baton/api.js';
import { $, el } from '../baton/dom.js';
import { state } from './state.js';

export function showCannedReplies(conversation, summary) {
  const box = $('canned-replies');
  box.replaceChildren();
  box.hidden = true;
  if (!conversation.queue) return;
  const shown = state.current;
  const order = ((summary && summary.keyFacts) || []).find((f) => f.kind === 'ORDER_NUMBER');
  const values = {
    name: (conversation.customer && conversation.customer.name) || 'there',
    order: order ? order.value : 'your order',
    agent: $('agent-name').value.trim() || $('agent-id').value,
  };
  call('GET', `/queues/${encodeURIComponent(conversation.queue)}/canned-replies`)
    .then((list) => {
      if (state.current !== shown || list.replies.length === 0) return;
      box.replaceChildren(
        ...list.replies.map((reply) =>
          el('button', {
            type: 'button',
            className: 'secondary',
            dataset: { testid: 'canned-reply' },
            title: reply.text,
            text: reply.title,
            onclick: () => insert(reply.text.replace(/\{(name|order|agent)\}/g, (match, key) => values[key])),
          }),
        ),
      );
      box.hidden = false;
    })
    .catch(() => {});
}

/** Puts text into the reply box at the cursor, ready to edit or send. */
function insert(text) {
  const box = $('reply-text');
  const start = box.selectionStart ?? box.value.length;
  const end = box.selectionEnd ?? box.value.length;
  box.value = box.value.slice(0, start) + text + box.value.slice(end);
  box.focus();
  box.selectionStart = box.selectionEnd = start + text.length;
}

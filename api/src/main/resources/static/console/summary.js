// What the agent reads before writing: the handoff summary, and the customer's earlier
// conversations (90 days) under the transcript.

import { call } from '../baton/api.js';
import { $, el } from '../baton/dom.js';
import { path, state } from './state.js';

export function renderSummary(summary, customer) {
  const box = $('summary');
  if (!summary) {
    box.replaceChildren(el('h2', { text: 'Handoff summary' }), el('p', { className: 'muted', text: 'No summary.' }));
    return;
  }
  const row = (name, ...value) => [el('dt', { text: name }), el('dd', {}, ...value)];
  const list = (items) =>
    items && items.length ? el('ul', {}, ...items.map((i) => el('li', { text: i }))) : el('span', { className: 'muted', text: 'none' });
  const facts = (summary.keyFacts || []).map((f) => `${f.kind}: ${f.value}`);
  box.replaceChildren(
    el('h2', { text: 'Handoff summary' }),
    el(
      'dl',
      {},
      ...row('Issue', el('strong', { dataset: { testid: 'summary-issue' }, text: summary.primaryIssue })),
      ...row('Goal', summary.customerGoal),
      ...row('Why a person', [summary.reason, summary.reasonDetail].filter(Boolean).join(': ')),
      ...row('Key facts', list(facts)),
      ...row('Bot tried', list(summary.botAttempts)),
      ...row('Sentiment', `${summary.sentimentTrend || ''} (${Number(summary.sentiment).toFixed(2)})`),
      ...row('Priority', `P${summary.priority} in ${summary.recommendedQueue}`),
      ...row(
        'Customer',
        `${summary.customerTier} tier, ${summary.priorContacts} prior contact(s)` + (summary.language ? `, ${summary.language}` : ''),
        // Anyone may claim an id; only the embedding site's signed claim vouches for it (docs/security.md).
        el('span', {
          className: 'muted',
          dataset: { testid: 'customer-verified' },
          text: customer && customer.verified ? ' · identity verified by the site' : ' · not verified: the id is what the chat sent',
        }),
      ),
      ...row('Agent notes', list(summary.agentNotes)),
    ),
  );
}

export function showEarlier(conversationId) {
  const list = $('earlier');
  list.replaceChildren();
  const shown = state.current;
  call('GET', `${path(conversationId)}/earlier`)
    .then((earlier) => {
      if (state.current !== shown) return;
      if (earlier.conversations.length === 0) {
        list.replaceChildren(el('li', { className: 'muted', text: 'No other conversations in the last 90 days.' }));
        return;
      }
      list.replaceChildren(
        ...earlier.conversations.map((c) =>
          el(
            'li',
            { dataset: { testid: 'earlier-row', conversationId: c.conversationId } },
            el('time', { datetime: c.startedAt, text: new Date(c.startedAt).toLocaleDateString() }),
            ' ',
            el('strong', { text: c.issue || c.intent || 'no intent' }),
            el('span', { className: 'muted', text: ` · ${c.status}` + (c.ticketReference ? ` · ticket ${c.ticketReference}` : '') }),
          ),
        ),
      );
    })
    .catch(() => {});
}

// The agent console: go online for some queues, watch their waiting lists live, take a
// conversation over (summary first, then the transcript), write to the customer, and transfer,
// release or resolve it. Mark the bot's readings that were wrong, and keep a resolution note as an
// example answer, for the supervisors' review (review.html). Each concern is a module of console/.

import { $, elapsed } from './baton/dom.js';
import { staffSignIn } from './baton/sign-in.js';
import { signedIn, signOut } from './console/account.js';
import { act, reopen, reply, resolve, takeOver, typed } from './console/conversation.js';
import { restorePresenceFields, setPresence } from './console/presence.js';
import { worklistRow } from './console/worklist.js';

restorePresenceFields();
staffSignIn({ signedIn });
$('sign-out').addEventListener('click', signOut);

$('presence-form').addEventListener('submit', (event) => {
  event.preventDefault();
  setPresence('ONLINE');
});
$('go-offline').addEventListener('click', () => setPresence('OFFLINE'));

// A waiting row's "Take over" and a worklist row open their conversation.
$('queues').addEventListener('click', (event) => {
  const button = event.target.closest('[data-testid="take-over"]');
  if (button) takeOver(button.closest('[data-testid="waiting-row"]').dataset.conversationId);
});
$('my-conversations').addEventListener('click', (event) => {
  const row = event.target.closest('button') && event.target.closest('[data-testid="worklist-row"]');
  if (row) reopen(row.dataset.conversationId);
});
// Keyboard first: Alt+1..9 opens the n-th conversation of the worklist.
document.addEventListener('keydown', (event) => {
  if (!event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
  const conversationId = worklistRow(Number(event.key));
  if (!conversationId) return;
  event.preventDefault();
  reopen(conversationId);
});

// Waiting times count up between updates.
setInterval(() => {
  for (const span of document.querySelectorAll('[data-since]')) {
    span.textContent = elapsed((Date.now() - Date.parse(span.dataset.since)) / 1000);
  }
}, 1000);

$('reply-form').addEventListener('submit', reply);
$('reply-text').addEventListener('input', typed);
$('reply-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    $('reply-form').requestSubmit();
  }
});
$('transfer-form').addEventListener('submit', (e) =>
  act(e, 'transfer', { queue: $('transfer-queue').value.trim(), note: $('transfer-note').value || undefined }),
);
$('release-form').addEventListener('submit', (e) => act(e, 'release', { note: $('release-note').value || undefined }));
$('resolve-form').addEventListener('submit', resolve);

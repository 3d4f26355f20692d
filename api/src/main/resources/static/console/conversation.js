// One conversation: taken over from a waiting list or opened from the worklist, the summary first
// and the transcript under it, followed live; the agent writes to the customer, and transfers,
// releases or resolves it.

import { call } from '../baton/api.js';
import { $, newId, showError } from '../baton/dom.js';
import { follow, typingIndicator } from '../baton/live.js';
import { Transcript, staffLabel } from '../baton/transcript.js';
import { loadBotTurns } from './bot-turns.js';
import { showCannedReplies } from './canned-replies.js';
import { refreshWaiting } from './queues.js';
import { holding, live, path, state } from './state.js';
import { renderSummary, showEarlier } from './summary.js';
import { refreshWorklist } from './worklist.js';

const ENDED = ['RESOLVED', 'ABANDONED', 'CLOSED'];
const transcript = new Transcript($('transcript'), staffLabel);
// The agent's typing reaches the customer only from the holder.
const typing = typingIndicator(
  () => (holding() ? state.current.conversationId : null),
  'AGENT',
  $('typing'),
  () => 'The customer is typing…',
);

export const typed = () => typing.typed();

export async function takeOver(conversationId) {
  showError(null);
  try {
    const taken = await call('POST', `${path(conversationId)}/takeover`, { agentId: state.agent.agentId });
    show(taken.conversation, taken.summary, taken.transcript);
    refreshWorklist();
  } catch (error) {
    showError(error);
  }
  refreshWaiting();
}

export async function reopen(conversationId) {
  showError(null);
  try {
    const conversation = await call('GET', path(conversationId));
    show(conversation, conversation.summary, conversation.messages);
  } catch (error) {
    showError(error);
  }
}

/** The summary first, so nobody asks the customer again; the transcript under it. */
function show(conversation, summary, messages) {
  if (state.current) state.current.stop();
  $('conversation').hidden = false;
  $('conversation-id').textContent = conversation.conversationId;
  // Staff get the conversation's page in the Temporal UI, where its whole story is told.
  const ui = $('temporal-ui-link');
  ui.hidden = !conversation.temporalUi;
  if (conversation.temporalUi) ui.href = conversation.temporalUi;
  renderSummary(summary, conversation.customer);
  transcript.clear();
  messages.forEach((m) => transcript.add(m));
  // The answer carries the latest page; earlier lines load on demand.
  const id = conversation.conversationId;
  transcript.earlier(conversation.earlierCursor, (before) =>
    call('GET', `${path(id)}/messages?before=${encodeURIComponent(before)}`),
  );
  state.current = { conversationId: conversation.conversationId, stop: () => {} };
  showCannedReplies(conversation, summary);
  showEarlier(conversation.conversationId);
  showStatus({ status: conversation.status, assignedAgent: conversation.assignedAgent, queue: conversation.queue });
  const following = state.current;
  following.stop = follow(
    conversation.conversationId,
    transcript,
    (status) => {
      if (state.current === following) showStatus(status);
      refreshWorklist();
    },
    (on) => live($('conversation-live'), on),
    (event) => {
      if (state.current === following) typing.heard(event);
    },
  );
  typing.clear();
  loadBotTurns(conversation.conversationId);
  $('reply-text').focus();
}

function showStatus(update) {
  state.current.status = update.status;
  state.current.assignedAgent = update.assignedAgent;
  const holder = update.assignedAgent ? ` · held by ${update.assignedAgent}` : '';
  const queue = update.queue ? ` · ${update.queue}` : '';
  $('conversation-status').textContent = `${update.status}${holder}${queue}`;
  $('conversation-status').dataset.status = update.status;
  const held = holding();
  for (const id of ['reply-text', 'reply-send', 'transfer', 'release', 'resolve']) $(id).disabled = !held;
  if (ENDED.includes(update.status)) live($('conversation-live'), null);
}

/** Transfer, release or resolve: the form's fields as the body, the agent's id with them. */
export async function act(event, action, body) {
  event.preventDefault();
  if (!state.current) return;
  showError(null);
  try {
    const conversation = await call('POST', `${path(state.current.conversationId)}/${action}`, { agentId: state.agent.agentId, ...body });
    showStatus(conversation);
    event.target.reset();
    refreshWorklist();
  } catch (error) {
    showError(error);
  }
}

/** Resolves, and keeps the note as an example answer when the agent ticked the box. */
export async function resolve(event) {
  const note = $('resolve-note').value;
  const keep = $('keep-answer').checked && note.trim() && state.current ? state.current.conversationId : null;
  await act(event, 'resolve', { note: note || undefined });
  if (keep && state.current && state.current.status === 'RESOLVED') {
    try {
      await call('POST', `${path(keep)}/example-answers`, { text: note });
    } catch (error) {
      showError(error);
    }
  }
}

export async function reply(event) {
  event.preventDefault();
  const text = $('reply-text').value;
  if (!text.trim() || !state.current) return;
  showError(null);
  $('reply-send').disabled = true;
  try {
    const turn = await call(
      'POST',
      `${path(state.current.conversationId)}/agent-messages`,
      { agentId: state.agent.agentId, text, clientMessageId: newId('console') },
      { retry: true },
    );
    $('reply-text').value = '';
    turn.replies.forEach((m) => transcript.add(m));
    refreshWorklist();
  } catch (error) {
    showError(error);
  } finally {
    $('reply-send').disabled = !holding();
  }
}

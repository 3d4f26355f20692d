// The chat: start a conversation, talk to the bot, ask for a person, see every reply live from the
// conversation's stream, and end the chat. Everything it reads is the customer view of the
// conversation (docs/api.md): an agent appears by their display name.

import { call, setToken } from '../baton/api.js';
import { $, newId, showError } from '../baton/dom.js';
import { follow, typingIndicator } from '../baton/live.js';
import { Transcript } from '../baton/transcript.js';
import { copy, t } from './copy.js';
import { askForRating, resetRating } from './rating.js';
import { customerId, forgetChat, keepChat } from './storage.js';
import { showCallback, showWaiting } from './waiting.js';

const ENDED = ['RESOLVED', 'ABANDONED', 'CLOSED'];
const at = (id) => `/conversations/${encodeURIComponent(id)}`;

// An agent's line is signed with the name they gave; without one, with the word for an agent.
const transcript = new Transcript($('messages'), (m) => (m.author === 'AGENT' && m.agentName) || t(`authors.${m.author}`));
let conversationId = null;
let status = null;
let stopFollowing = null;
// The customer's typing reaches the agent only while a person is there.
const typing = typingIndicator(
  () => (status === 'AGENT_ACTIVE' ? conversationId : null),
  'CUSTOMER',
  $('typing'),
  () => t('agentTyping'),
);

export const typed = () => typing.typed();

export async function start(event) {
  event.preventDefault();
  showError(null);
  $('start-chat').disabled = true;
  try {
    const started = await call(
      'POST',
      '/conversations',
      {
        customer: {
          id: customerId,
          name: $('customer-name').value.trim() || undefined,
          language: copy.language,
        },
        channel: 'web',
        clientMessageId: newId('start'),
        // The embedding site's signed claim of who the customer is (docs/security.md), if any.
        identity: window.BATON_IDENTITY || undefined,
      },
      { retry: true },
    );
    setToken(started.customerToken);
    keepChat(started);
    open(started.conversationId);
    started.replies.forEach((m) => transcript.add(m));
    showStatus({ status: started.status });
  } catch (error) {
    showError(error);
    $('start-chat').disabled = false;
  }
}

/** Carries on with the chat kept for the tab; answers whether it could. */
export async function resume(kept) {
  setToken(kept.token);
  try {
    const conversation = await call('GET', at(kept.conversationId));
    open(kept.conversationId);
    conversation.messages.forEach((m) => transcript.add(m));
    // The latest page of a long chat; earlier lines load on demand.
    transcript.earlier(
      conversation.earlierCursor,
      (before) => call('GET', `${at(kept.conversationId)}/messages?before=${encodeURIComponent(before)}`),
      t('earlier'),
    );
    showConversation(conversation);
    return true;
  } catch (error) {
    forgetChat();
    setToken(null);
    return false;
  }
}

function open(id) {
  conversationId = id;
  $('start').hidden = true;
  $('chat').hidden = false;
  $('rating').hidden = true;
  stopFollowing = follow(
    id,
    transcript,
    showStatus,
    (live) => {
      if (ENDED.includes(status)) return;
      $('live').className = `live ${live ? 'on' : 'off'}`;
      $('live').textContent = t(live ? 'live.live' : 'live.reconnecting');
    },
    typing.heard,
  );
  $('message-text').focus();
}

export async function send(event) {
  event.preventDefault();
  const text = $('message-text').value;
  if (!text.trim() || !conversationId) return;
  showError(null);
  $('send-message').disabled = true;
  try {
    const turn = await call('POST', `${at(conversationId)}/messages`, { text, clientMessageId: newId('msg') }, { retry: true });
    $('message-text').value = '';
    turn.replies.forEach((m) => transcript.add(m));
    showStatus({ status: turn.status });
  } catch (error) {
    showError(error);
  } finally {
    $('send-message').disabled = ENDED.includes(status);
  }
}

export async function talkToPerson() {
  showError(null);
  $('talk-to-person').disabled = true;
  try {
    const conversation = await call('POST', `${at(conversationId)}/handoff`, {});
    conversation.messages.forEach((m) => transcript.add(m));
    showConversation(conversation);
  } catch (error) {
    showError(error);
    $('talk-to-person').disabled = status !== 'BOT_ACTIVE';
  }
}

/** The customer ends the chat: the conversation closes, and the rating prompt follows. */
export async function endChat() {
  showError(null);
  $('end-chat').disabled = true;
  try {
    const conversation = await call('POST', `${at(conversationId)}/close`, { reason: 'ended by the customer' });
    conversation.messages.forEach((m) => transcript.add(m));
    showStatus({ status: conversation.status });
  } catch (error) {
    showError(error);
    $('end-chat').disabled = ENDED.includes(status);
  }
}

function showStatus(update) {
  if (!update || !update.status) return;
  status = update.status;
  $('status').textContent = t(`status.${status}`);
  $('status').dataset.status = status;
  $('talk-to-person').disabled = status !== 'BOT_ACTIVE';
  const ended = ENDED.includes(status);
  $('message-text').disabled = ended;
  $('send-message').disabled = ended;
  $('end-chat').disabled = ended;
  if (ended) {
    if (stopFollowing) stopFollowing();
    typing.clear();
    $('live').className = 'live';
    $('live').textContent = t('live.ended');
    showWaiting(null);
    askForRating(conversationId, status);
    return;
  }
  if (status === 'AWAITING_AGENT' || status === 'CALLBACK_SCHEDULED') {
    refresh();
  } else {
    showWaiting(null);
  }
}

/** The place in line, the expected wait and the callback promise: the conversation knows them. */
async function refresh() {
  try {
    showConversation(await call('GET', at(conversationId)));
  } catch (error) {
    showError(error);
  }
}

function showConversation(conversation) {
  if (conversation.status !== status) showStatus({ status: conversation.status });
  showWaiting(conversation.status === 'AWAITING_AGENT' ? conversation.waiting : null);
  showCallback(conversation.status === 'CALLBACK_SCHEDULED' ? conversation.callback : null);
}

export function newChat() {
  forgetChat();
  conversationId = null;
  status = null;
  transcript.clear();
  resetRating();
  $('chat').hidden = true;
  $('start').hidden = false;
  $('start-chat').disabled = false;
  $('customer-name').focus();
}

// How the bot read each message of the conversation, and the agent's mark on a wrong reading with
// the intent it should have been, for the supervisors' review (review.html).

import { call } from '../baton/api.js';
import { $, el, showError } from '../baton/dom.js';
import { path, state } from './state.js';

let intents = [];

export async function loadIntents() {
  try {
    intents = (await call('GET', '/bot/model')).intents;
  } catch (error) {
    intents = []; // no worker has reported a model yet: a flag can still go without an intent
  }
}

export async function loadBotTurns(conversationId) {
  try {
    const answer = await call('GET', `${path(conversationId)}/bot-turns`);
    if (state.current && state.current.conversationId === conversationId) renderBotTurns(answer.turns);
  } catch (error) {
    showError(error);
  }
}

function renderBotTurns(turns) {
  const list = $('bot-turns');
  if (!turns.length) {
    list.replaceChildren(el('li', { className: 'muted', text: 'The bot read no message of this conversation.' }));
    return;
  }
  list.replaceChildren(...turns.map(botTurn));
}

function botTurn(turn) {
  const n = String(turn.turn);
  const asked = turn.tornWith ? `; asked: ${turn.intent} or ${turn.tornWith}?` : '';
  const reading = `${turn.intent} (${Number(turn.confidence).toFixed(2)}${turn.language ? `, ${turn.language}` : ''}${asked})`;
  const select = el(
    'select',
    { dataset: { testid: `flag-intent-${n}` }, 'aria-label': 'What it should have been' },
    el('option', { value: '', text: 'should have been… (not sure)' }),
    ...intents.map((i) => el('option', { value: i, text: i })),
  );
  const button = el('button', {
    type: 'button',
    className: 'secondary',
    dataset: { testid: `flag-${n}` },
    text: turn.flag ? 'Flagged' : 'Wrong',
    onclick: () => flag(turn, select.value),
  });
  const flagged = turn.flag
    ? el('span', {
        className: 'flagged',
        dataset: { testid: `flagged-${n}` },
        text: `flagged by ${turn.flag.flaggedBy}${turn.flag.expectedIntent ? `: should be ${turn.flag.expectedIntent}` : ''}`,
      })
    : '';
  return el(
    'li',
    { dataset: { testid: 'bot-turn', turn: n } },
    el('span', { className: 'text', text: `\u201c${turn.text}\u201d` }),
    el('span', { className: 'reading', text: `read as ${reading}, model ${turn.modelVersion || 'unknown'}` }),
    el('span', { className: 'row' }, select, button, flagged),
  );
}

async function flag(turn, expectedIntent) {
  showError(null);
  try {
    await call('POST', `${path(turn.conversationId)}/bot-turns/${turn.turn}/flag`, { expectedIntent: expectedIntent || undefined });
    await loadBotTurns(turn.conversationId);
  } catch (error) {
    showError(error);
  }
}

// The supervisors' review page: what the bot misread or could not place, grouped by the intent
// it should have had, and what customers ask that the bot does not cover, with the transcript one
// click away; approve a message as an example of an intent (the bot retrains on it) or dismiss it.

import { call } from './baton/api.js';
import { $, el, showError } from './baton/dom.js';
import { staffSignIn } from './baton/sign-in.js';
import { Transcript, staffLabel } from './baton/transcript.js';

const transcript = new Transcript($('transcript'), staffLabel);
let intents = [];

function signedIn() {
  $('sign-in').hidden = true;
  for (const id of ['model', 'review', 'answers']) $(id).hidden = false;
  load();
}

async function load() {
  showError(null);
  try {
    const review = await call('GET', '/bot/review');
    showModel(review.model);
    intents = review.model ? review.model.intents : [];
    $('review-count').textContent = `${review.count} message(s)`;
    $('groups').replaceChildren(
      ...(review.groups.length ? review.groups.map(group) : [el('p', { className: 'muted', text: 'Nothing to review.' })]),
    );
    const answers = await call('GET', '/bot/example-answers');
    $('answer-list').replaceChildren(
      ...answers.answers.map((a) =>
        el('li', { dataset: { testid: 'example-answer' } }, el('strong', { text: a.intent || 'no intent' }), ` \u2014 ${a.text} `, el('span', { className: 'muted', text: `(${a.keptBy})` })),
      ),
    );
  } catch (error) {
    showError(error);
  }
}

function showModel(model) {
  $('model-text').textContent = model
    ? `Model ${model.version}, trained ${new Date(model.trainedAt).toLocaleString()} on ${model.examples} examples, ${model.learned} of them approved here.` +
      (model.pending ? ' A new model with the latest approvals is being trained (a few minutes); every worker switches to it when it is stored.' : '')
    : 'No worker has reported a model yet.';
  $('model-text').dataset.version = model ? model.version : '';
}

function group(g) {
  const title = g.intent ? `Should be ${g.intent}` : g.outOfScope ? 'Outside what the bot covers' : 'Not placed yet';
  return el(
    'div',
    { className: 'review-group', dataset: { testid: 'review-group', intent: g.intent || '', outOfScope: String(Boolean(g.outOfScope)) } },
    el('h3', { text: `${title} (${g.count})` }),
    g.outOfScope
      ? el('p', {
          className: 'muted',
          text: 'What customers asked that the bot read as out of scope: approve as another intent if the bot should answer it, '
            + 'as out_of_scope to confirm the reading, or dismiss it.',
        })
      : null,
    ...g.items.map((item) => reviewItem(item, g.intent)),
  );
}

function reviewItem(item, intent) {
  const key = `${item.conversationId}-${item.turn}`;
  const select = el(
    'select',
    { dataset: { testid: `approve-intent-${key}` }, 'aria-label': 'Intent' },
    el('option', { value: '', text: 'intent…' }),
    ...intents.map((i) => el('option', { value: i, text: i, selected: i === intent })),
  );
  return el(
    'div',
    { className: 'review-item', dataset: { testid: 'review-item', conversationId: item.conversationId, turn: String(item.turn) } },
    el('strong', { text: `\u201c${item.text}\u201d` }),
    el(
      'span',
      { className: 'muted' },
      `read as ${item.intent} (${Number(item.confidence).toFixed(2)}) by model ${item.modelVersion || 'unknown'}`,
      item.flag ? ` \u00b7 flagged by ${item.flag.flaggedBy}${item.flag.comment ? `: ${item.flag.comment}` : ''}` : '',
    ),
    el('span', { className: 'reasons' }, ...item.reasons.map((r) => el('span', { text: r }))),
    el(
      'span',
      { className: 'row' },
      select,
      el('button', { type: 'button', dataset: { testid: `approve-${key}` }, text: 'Approve', onclick: () => decide(item, 'APPROVE', select.value) }),
      el('button', { type: 'button', className: 'secondary', dataset: { testid: `dismiss-${key}` }, text: 'Dismiss', onclick: () => decide(item, 'DISMISS') }),
      el('button', { type: 'button', className: 'secondary', dataset: { testid: `transcript-${key}` }, text: 'Transcript', onclick: () => showTranscript(item) }),
    ),
  );
}

async function decide(item, decision, intent) {
  showError(null);
  if (decision === 'APPROVE' && !intent) {
    showError(new Error('Pick the intent this message is an example of.'));
    return;
  }
  try {
    await call('POST', `/bot/review/${encodeURIComponent(item.conversationId)}/${item.turn}`, { decision, intent: intent || undefined });
    await load();
  } catch (error) {
    showError(error);
  }
}

async function showTranscript(item) {
  showError(null);
  try {
    const answer = await call('GET', item.transcript.replace(/^\/api\/v1/, ''));
    $('transcript-panel').hidden = false;
    $('transcript-id').textContent = item.conversationId;
    transcript.clear();
    answer.messages.forEach((m) => transcript.add(m));
  } catch (error) {
    showError(error);
  }
}

staffSignIn({ signedIn, heading: 'Sign in as a supervisor', className: 'row' });
$('refresh').addEventListener('click', load);

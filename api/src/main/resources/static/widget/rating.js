// The rating, after resolution or when the customer ended the chat: 1 to 5 stars and an optional
// comment, into CSAT.

import { call } from '../baton/api.js';
import { $, el, showError } from '../baton/dom.js';
import { t } from './copy.js';
import { forgetChat } from './storage.js';

let rated = null; // the conversation the prompt asks about

export function buildStars() {
  const stars = document.querySelector('#rating fieldset.stars');
  for (let score = 1; score <= 5; score++) {
    stars.append(
      el(
        'label',
        { title: t('rateScore', { score }) },
        el('input', {
          type: 'radio',
          name: 'score',
          value: String(score),
          dataset: { testid: `rating-${score}` },
          'aria-label': t('rateScore', { score }),
          onchange: () => {
            $('send-rating').disabled = false;
          },
        }),
        el('span', { text: '★'.repeat(score) }),
      ),
    );
  }
}

export function askForRating(conversationId, status) {
  // Only a conversation that ended with the customer there is worth a question.
  if (status !== 'RESOLVED' && status !== 'CLOSED') return;
  rated = conversationId;
  forgetChat();
  $('rating').hidden = false;
}

export async function rate(event) {
  event.preventDefault();
  const chosen = document.querySelector('#rating input[name="score"]:checked');
  if (!chosen) return;
  showError(null);
  $('send-rating').disabled = true;
  try {
    await call('POST', `/conversations/${encodeURIComponent(rated)}/csat`, {
      score: Number(chosen.value),
      comment: $('rating-comment').value.trim() || undefined,
    });
    $('rating-form').hidden = true;
    $('rating-thanks').hidden = false;
  } catch (error) {
    showError(error);
    $('send-rating').disabled = false;
  }
}

/** The prompt put away and emptied, for the next chat. */
export function resetRating() {
  rated = null;
  $('rating').hidden = true;
  $('rating-form').hidden = false;
  $('rating-thanks').hidden = true;
  $('rating-form').reset();
}

// While the customer waits for a person: the place in line and the expected wait, or the
// promise of a callback with its ticket.

import { $ } from '../baton/dom.js';
import { about, copy, t } from './copy.js';

export function showWaiting(waiting) {
  const box = $('waiting');
  if (!waiting) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  const wait = about(waiting.estimatedWait);
  box.textContent = wait
    ? t('inLineWithWait', { position: waiting.position, wait })
    : t('inLine', { position: waiting.position });
  box.dataset.position = String(waiting.position);
  box.hidden = false;
}

export function showCallback(callback) {
  const box = $('callback');
  if (!callback || !callback.promisedBy) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  const by = new Date(callback.promisedBy).toLocaleString(copy.language, {
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
  box.textContent = t('callback', { time: by, ticket: callback.ticketReference || '' });
  box.hidden = false;
}

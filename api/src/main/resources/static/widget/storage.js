// What the widget keeps in the browser. The chat and its token, in the tab (sessionStorage): a
// reload or another page of the site carries on, a closed tab or browser (a library computer)
// leaves nothing for the next person. Per browser, only an anonymous customer id.

import { newId } from '../baton/dom.js';

const SAVED = 'baton.chat';

// One customer id per browser, so a returning customer counts as one (prior contacts). It is a
// counting key, not a credential: it reads nothing without the conversation's token.
export const customerId =
  localStorage.getItem('baton.customerId') ||
  (() => {
    const id = newId('web');
    localStorage.setItem('baton.customerId', id);
    return id;
  })();

/** Keeps a chat just started, with its customer token, for the tab. */
export function keepChat(started) {
  sessionStorage.setItem(
    SAVED,
    JSON.stringify({
      conversationId: started.conversationId,
      token: started.customerToken,
      expiresAt: started.customerTokenExpiresAt,
    }),
  );
}

/** The chat kept for the tab, {conversationId, token, expiresAt}, while its token lasts; else null. */
export function keptChat() {
  const saved = (() => {
    try {
      return JSON.parse(sessionStorage.getItem(SAVED) || 'null');
    } catch (ignored) {
      return null;
    }
  })();
  if (saved && saved.conversationId && (!saved.expiresAt || Date.parse(saved.expiresAt) > Date.now())) return saved;
  forgetChat();
  return null;
}

export function forgetChat() {
  sessionStorage.removeItem(SAVED);
}

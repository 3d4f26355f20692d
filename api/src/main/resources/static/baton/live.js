// Following a conversation live, and "is typing" both ways: the widget's and the console's.

import { call, stream } from './api.js';
import { EventStream } from './event-stream.js';

/**
 * Follows a conversation: events message and status. The stream reconnects by itself with
 * Last-Event-ID; when it gives up (the answer was not a stream) this opens a new one after the
 * last seq shown, unless the answer says it never will be (401, 403, 404). Returns a function
 * that stops following.
 */
export function follow(conversationId, transcript, onStatus, onLive, onTyping) {
  let source = null;
  let stopped = false;
  const open = () => {
    if (stopped) return;
    source = stream(`/conversations/${encodeURIComponent(conversationId)}/stream?after=${transcript.lastSeq}`);
    source.addEventListener('open', () => onLive && onLive(true));
    source.addEventListener('message', (event) => transcript.add(JSON.parse(event.data)));
    source.addEventListener('typing', (event) => onTyping && onTyping(JSON.parse(event.data)));
    source.addEventListener('status', (event) => {
      const status = JSON.parse(event.data);
      if (['RESOLVED', 'ABANDONED', 'CLOSED'].includes(status.status)) stop();
      onStatus(status);
    });
    source.addEventListener('error', () => {
      onLive && onLive(false);
      if (source.readyState === EventStream.CLOSED && !stopped && ![401, 403, 404].includes(source.status)) {
        setTimeout(open, 3000);
      }
    });
  };
  const stop = () => {
    stopped = true;
    if (source) source.close();
  };
  open();
  return stop;
}

/**
 * "Is typing", both ways. {@code typed()} on each keystroke sends at most one notice every few
 * seconds; {@code heard(event)} shows the other side's (never one's own) for a few seconds.
 */
export function typingIndicator(conversationId, ownAuthor, shown, describe) {
  let sent = 0;
  let hide = null;
  return {
    typed() {
      const id = conversationId();
      if (!id || Date.now() - sent < 3000) return;
      sent = Date.now();
      call('POST', `/conversations/${encodeURIComponent(id)}/typing`).catch(() => {});
    },
    heard(event) {
      if (event.author === ownAuthor) return;
      shown.textContent = describe(event);
      shown.hidden = false;
      clearTimeout(hide);
      hide = setTimeout(() => {
        shown.hidden = true;
      }, 5000);
    },
    clear() {
      clearTimeout(hide);
      shown.hidden = true;
    },
  };
}

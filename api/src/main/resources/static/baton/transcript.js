// A transcript on the page, shared by the widget, the console and the review page.

import { el, time } from './dom.js';

/**
 * Messages kept in seq order, each shown once however often it arrives (from a call's answer and
 * from the stream). {@code label} names an author.
 */
export class Transcript {
  constructor(list, label) {
    this.list = list;
    this.label = label;
    this.lastSeq = 0;
  }

  clear() {
    this.list.replaceChildren();
    this.lastSeq = 0;
    this.earlier(null);
  }

  /**
   * Offers the lines before those shown: a "Load earlier messages" button ahead of the list
   * while {@code cursor} (a conversation's earlierCursor, a page's nextCursor) is not null.
   * {@code load(cursor)} answers the page read backwards from it (GET …/messages?before=).
   * Answers carry the latest page of a transcript only; this is how the rest is read.
   */
  earlier(cursor, load = this.load, text = 'Load earlier messages') {
    this.cursor = cursor === undefined ? null : cursor;
    this.load = load;
    if (!this.more && this.cursor !== null) {
      this.more = el('button', {
        type: 'button',
        className: 'earlier',
        dataset: { testid: 'load-earlier' },
        text,
        onclick: async () => {
          this.more.disabled = true;
          try {
            const page = await this.load(this.cursor);
            page.messages.forEach((m) => this.add(m, false));
            this.earlier(page.nextCursor);
          } catch (error) {
            this.more.title = error.message;
          } finally {
            this.more.disabled = false;
          }
        },
      });
      this.list.parentNode.insertBefore(this.more, this.list);
    }
    if (this.more) this.more.hidden = this.cursor === null;
  }

  add(message, scroll = true) {
    if (this.list.querySelector(`[data-seq="${Number(message.seq)}"]`)) return;
    const item = el(
      'li',
      {
        className: `message ${String(message.author).toLowerCase()}`,
        dataset: { testid: 'message', author: message.author, seq: String(message.seq) },
      },
      el('span', { className: 'author', text: this.label(message) }),
      el('span', { className: 'text', text: message.text }),
      el('time', { className: 'at', datetime: message.at, text: time(message.at) }),
    );
    const after = [...this.list.children].find((li) => Number(li.dataset.seq) > message.seq);
    this.list.insertBefore(item, after || null);
    this.lastSeq = Math.max(this.lastSeq, Number(message.seq));
    if (scroll) item.scrollIntoView({ block: 'nearest' });
  }
}

const STAFF_LABELS = { CUSTOMER: 'Customer', BOT: 'Bot', SYSTEM: 'Note' };

/** How staff pages name a line's author: an agent by their login. */
export const staffLabel = (m) => (m.author === 'AGENT' ? m.agentId || 'Agent' : STAFF_LABELS[m.author] || m.author);

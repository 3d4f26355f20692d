// Shared by widget.html and console.html: calls to the REST API, live streams, and safe DOM
// building. Every piece of data reaches the page through textContent, never as HTML.
'use strict';

const Baton = (() => {
  // Embedded on another site (embed.js), the API is on Baton's origin, not the page's.
  const API = `${window.BATON_API || ''}/api/v1`;
  // The bearer token of this page: the customer's for the widget, the agent's for the console.
  let token = null;
  const setToken = (value) => {
    token = value;
  };

  /** An error answer from the API, with its problem+json body when there is one. */
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || `The server answered ${status}.`);
      this.status = status;
      this.problem = problem || {};
    }
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * One API call. With retry, a 503 is repeated (up to three times, after Retry-After): only for
   * calls whose repeat is safe (a body with a clientMessageId, a sign-in).
   */
  async function call(method, path, body, { retry = false } = {}) {
    for (let attempt = 0; ; attempt++) {
      const headers = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      const response = await fetch(API + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status === 503 && retry && attempt < 3) {
        await sleep(1000 * Number(response.headers.get('Retry-After') || 2));
        continue;
      }
      const text = await response.text();
      let data = null;
      try {
        data = text ? JSON.parse(text) : null;
      } catch (ignored) {
        data = null;
      }
      if (!response.ok) throw new ApiError(response.status, data);
      return data;
    }
  }

  /** An element with properties and children; strings become text nodes, never markup. */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'className') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function newId(prefix) {
    const random =
      window.crypto && crypto.randomUUID
        ? crypto.randomUUID()
        : Date.now().toString(36) + Math.random().toString(36).slice(2);
    return `${prefix}-${random}`;
  }

  /** Seconds from an ISO-8601 duration ("PT2M30S") or a number of seconds. */
  function seconds(duration) {
    if (typeof duration === 'number') return duration;
    const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration || '');
    if (!match) return null;
    return Number(match[1] || 0) * 3600 + Number(match[2] || 0) * 60 + Number(match[3] || 0);
  }

  /** "45s", "3m 05s", "1h 02m". */
  function elapsed(totalSeconds) {
    const s = Math.max(0, Math.floor(totalSeconds));
    if (s < 60) return `${s}s`;
    if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
    return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  }

  function minutes(duration) {
    const s = seconds(duration);
    if (s === null) return null;
    const m = Math.max(1, Math.round(s / 60));
    return m === 1 ? 'about 1 minute' : `about ${m} minutes`;
  }

  const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

  /**
   * A transcript on the page: messages kept in seq order, each shown once however often it
   * arrives (from a call's answer and from the stream). {@code label} names an author.
   */
  class Transcript {
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

  /**
   * A server-sent event stream read with fetch, so that the token travels in the Authorization
   * header like every other call, never in the URL (proxies and access logs keep URLs). It behaves
   * as the browser's EventSource does: events 'open', 'error' and the stream's own (each a
   * MessageEvent with data and lastEventId); a dropped connection is opened again after a pause
   * with Last-Event-ID; an answer that is not a stream (401, 404, 429…) closes it for good, and
   * {@code status} then says what the answer was.
   */
  class EventStream extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.readyState = EventStream.CONNECTING;
      this.lastEventId = '';
      this.status = null;
      this.retry = 3000;
      this.connect();
    }

    close() {
      this.readyState = EventStream.CLOSED;
      if (this.aborter) this.aborter.abort();
    }

    async connect() {
      this.aborter = new AbortController();
      const headers = { Accept: 'text/event-stream' };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
      let response;
      try {
        response = await fetch(this.url, { headers, cache: 'no-store', signal: this.aborter.signal });
      } catch (networkError) {
        this.dropped();
        return;
      }
      if (this.readyState === EventStream.CLOSED) return;
      this.status = response.status;
      if (!response.ok || !(response.headers.get('Content-Type') || '').startsWith('text/event-stream')) {
        this.readyState = EventStream.CLOSED;
        response.body && response.body.cancel().catch(() => {});
        this.dispatchEvent(new Event('error'));
        return;
      }
      this.readyState = EventStream.OPEN;
      this.dispatchEvent(new Event('open'));
      try {
        await this.read(response.body.getReader());
      } catch (dropped) {
        // Reconnected below, unless closed meanwhile.
      }
      this.dropped();
    }

    dropped() {
      if (this.readyState === EventStream.CLOSED) return;
      this.readyState = EventStream.CONNECTING;
      this.dispatchEvent(new Event('error'));
      setTimeout(() => {
        if (this.readyState !== EventStream.CLOSED) this.connect();
      }, this.retry);
    }

    /** The event stream format: lines of field:value, an empty line ends an event, ':' a comment. */
    async read(reader) {
      const decoder = new TextDecoder();
      let buffer = '';
      let type = '';
      let data = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, end).replace(/\r$/, '');
          buffer = buffer.slice(end + 1);
          if (line === '') {
            if (data.length && this.readyState !== EventStream.CLOSED) {
              this.dispatchEvent(new MessageEvent(type || 'message', { data: data.join('\n'), lastEventId: this.lastEventId }));
            }
            type = '';
            data = [];
            continue;
          }
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') type = text;
          else if (field === 'data') data.push(text);
          else if (field === 'id' && !text.includes('\0')) this.lastEventId = text;
          else if (field === 'retry' && /^\d+$/.test(text)) this.retry = Number(text);
        }
      }
    }
  }
  EventStream.CONNECTING = 0;
  EventStream.OPEN = 1;
  EventStream.CLOSED = 2;

  /** A live stream of the API, read with the page's token in the Authorization header. */
  function stream(path) {
    return new EventStream(API + path);
  }

  /**
   * Follows a conversation: events message and status. The stream reconnects by itself with
   * Last-Event-ID; when it gives up (the answer was not a stream) this opens a new one after the
   * last seq shown, unless the answer says it never will be (401, 403, 404). Returns a function
   * that stops following.
   */
  function follow(conversationId, transcript, onStatus, onLive, onTyping) {
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
  function typingIndicator(conversationId, ownAuthor, shown, describe) {
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

  /** Where the staff pages (console, review) keep the tab's sign-in. */
  const STAFF_TOKEN = 'baton.console.token';

  /**
   * Signs in for a token, used from now on and kept for the tab under {@code key}; answers the
   * issued token. A 503 (the api is checking as many passwords as it may at once) is repeated.
   */
  async function signIn(username, password, key = STAFF_TOKEN) {
    const issued = await call('POST', '/auth/token', { username, password }, { retry: true });
    setToken(issued.token);
    sessionStorage.setItem(key, issued.token);
    return issued;
  }

  /** The account of the tab's kept sign-in, or null when there is none or it no longer works. */
  async function resumeSignIn(key = STAFF_TOKEN) {
    const saved = sessionStorage.getItem(key);
    if (!saved) return null;
    setToken(saved);
    try {
      return await call('GET', '/auth/me');
    } catch (expired) {
      sessionStorage.removeItem(key);
      setToken(null);
      return null;
    }
  }

  return {
    ApiError, call, el, newId, seconds, elapsed, minutes, Transcript, follow, stream, setToken, typingIndicator,
    signIn, resumeSignIn, STAFF_TOKEN,
  };
})();

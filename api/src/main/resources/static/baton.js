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
   * calls whose body carries a clientMessageId, which makes the repeat safe.
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
    }

    add(message) {
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
      item.scrollIntoView({ block: 'nearest' });
    }
  }

  /**
   * Follows a conversation: events message and status. The browser reconnects by itself with
   * Last-Event-ID; when it gives up (the answer was not a stream) this opens a new one after the
   * last seq shown. Returns a function that stops following.
   */
  /** An EventSource cannot send headers: the token goes as the access_token query parameter. */
  function stream(path) {
    const separator = path.includes('?') ? '&' : '?';
    return new EventSource(API + path + (token ? `${separator}access_token=${encodeURIComponent(token)}` : ''));
  }

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
        if (source.readyState === EventSource.CLOSED && !stopped) setTimeout(open, 3000);
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

  /** Signs in for a token, used from now on and kept for the tab under {@code key}; answers the issued token. */
  async function signIn(username, password, key = STAFF_TOKEN) {
    const issued = await call('POST', '/auth/token', { username, password });
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

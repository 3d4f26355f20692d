// A server-sent event stream read with fetch, so that a token travels in the Authorization header
// like every other call, never in the URL (proxies and access logs keep URLs).

/**
 * Behaves as the browser's EventSource does: events 'open', 'error' and the stream's own (each a
 * MessageEvent with data and lastEventId); a dropped connection is opened again after a pause
 * with Last-Event-ID; an answer that is not a stream (401, 404, 429…) closes it for good, and
 * {@code status} then says what the answer was. {@code headers()} answers the headers each
 * connection sends besides Accept and Last-Event-ID.
 */
export class EventStream extends EventTarget {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;

  constructor(url, headers = () => ({})) {
    super();
    this.url = url;
    this.headers = headers;
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
    const headers = { Accept: 'text/event-stream', ...this.headers() };
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

// The agent console: go online for some queues, watch their waiting lists live, take a
// conversation over (summary first, then the transcript), write to the customer, and transfer,
// release or resolve it. Mark the bot's readings that were wrong, and keep a resolution note as an
// example answer, for the supervisors' review (review.html).
'use strict';

(() => {
  const { call, el, newId, elapsed, Transcript, follow, stream, typingIndicator } = Baton;
  /** Well inside the api's presence timeout (60 s by default). */
  const HEARTBEAT_MS = 10000;
  const $ = (id) => document.getElementById(id);
  const path = (id) => `/conversations/${encodeURIComponent(id)}`;

  const LABELS = { CUSTOMER: 'Customer', BOT: 'Bot', SYSTEM: 'Note' };
  const ENDED = ['RESOLVED', 'ABANDONED', 'CLOSED'];
  const transcript = new Transcript($('transcript'), (m) =>
    m.author === 'AGENT' ? m.agentId || 'Agent' : LABELS[m.author] || m.author,
  );

  let agent = null; // {agentId, name, queues, maxConcurrent} once online
  let queueStream = null;
  let current = null; // {conversationId, status, assignedAgent, stop}
  const requests = {}; // latest waiting-list request per queue, so an old answer never wins
  const waitingCounts = {}; // last count seen per queue, to notice a newcomer
  let worklistRequest = 0; // the latest worklist request, so an old answer never wins
  // The agent's typing reaches the customer only from the holder.
  const typing = typingIndicator(
    () => (current && agent && current.status === 'AGENT_ACTIVE' && current.assignedAgent === agent.agentId ? current.conversationId : null),
    'AGENT',
    $('typing'),
    () => 'The customer is typing…',
  );

  const showError = (error) => {
    $('error').textContent = error ? error.message : '';
  };

  for (const field of ['agent-name', 'agent-queues', 'agent-capacity']) {
    const saved = localStorage.getItem(`baton.console.${field}`);
    if (saved) $(field).value = saved;
  }

  // ---- sign-in: a username and password for a bearer token, kept for this tab ------------------

  function signedIn(account) {
    $('sign-in').hidden = true;
    $('agent').hidden = false;
    $('agent-id').value = account.name;
    $('review-link').hidden = !['SUPERVISOR', 'ADMIN'].includes(account.role);
    loadIntents();
    if (!$('agent-queues').value && account.queues && account.queues.length) $('agent-queues').value = account.queues.join(',');
    refreshWorklist();
  }

  async function signIn(event) {
    event.preventDefault();
    showError(null);
    try {
      const issued = await Baton.signIn($('username').value.trim(), $('password').value);
      $('password').value = '';
      if (['SUPERVISOR', 'ADMIN'].includes(issued.account.role)) await startCodecSession();
      signedIn(issued.account);
    } catch (error) {
      showError(error);
    }
  }

  /**
   * A supervisor's browser gets a codec session: an HttpOnly cookie with which the Temporal UI,
   * told to include cross-origin credentials, shows conversations' payloads decoded
   * (docs/security.md). Signing out ends it.
   */
  async function startCodecSession() {
    try {
      const session = await call('POST', '/codec/session');
      $('codec-session').textContent =
        `Temporal UI: payloads decoded in this browser until ${new Date(session.expiresAt).toLocaleString()}.`;
      $('codec-session').hidden = false;
    } catch (error) {
      showError(error);
    }
  }

  async function signOut() {
    try {
      await call('DELETE', '/codec/session').catch(() => {});
      if (agent && agent.status !== 'OFFLINE') await setPresence('OFFLINE');
      await call('DELETE', '/auth/token');
    } catch (ignored) {
      // Signing out of this tab happens whatever the server said.
    }
    sessionStorage.removeItem(Baton.STAFF_TOKEN);
    location.reload();
  }

  // ---- heartbeats: presence lasts only while the console is there --------------------------

  let heartbeat = null;

  function beat(status) {
    clearInterval(heartbeat);
    heartbeat = null;
    if (status === 'OFFLINE') return;
    heartbeat = setInterval(() => {
      call('POST', `/agents/${encodeURIComponent(agent.agentId)}/heartbeat`).catch((error) => {
        if (error.status !== 409) return;
        clearInterval(heartbeat);
        heartbeat = null;
        $('presence').textContent = 'OFFLINE';
        $('presence').dataset.status = 'OFFLINE';
        $('go-offline').disabled = true;
        agent.status = 'OFFLINE';
        unwatchQueues();
        showError(error);
      });
    }, HEARTBEAT_MS);
  }

  // ---- presence ---------------------------------------------------------------------------

  async function setPresence(status) {
    showError(null);
    const agentId = $('agent-id').value.trim();
    const queues = $('agent-queues').value.split(',').map((q) => q.trim()).filter(Boolean);
    // A notice for newcomers needs the browser's permission, asked once, on the agent's click.
    if (status === 'ONLINE' && window.Notification && Notification.permission === 'default') {
      Notification.requestPermission().catch(() => {});
    }
    const body = {
      status,
      queues,
      maxConcurrent: Number($('agent-capacity').value),
      name: $('agent-name').value.trim() || undefined,
    };
    try {
      const stored = await call('PUT', `/agents/${encodeURIComponent(agentId)}/presence`, body);
      for (const field of ['agent-name', 'agent-queues', 'agent-capacity']) {
        localStorage.setItem(`baton.console.${field}`, $(field).value);
      }
      $('presence').textContent = stored.status;
      $('presence').dataset.status = stored.status;
      $('go-offline').disabled = stored.status === 'OFFLINE';
      agent = stored;
      beat(stored.status);
      if (stored.status === 'ONLINE') watchQueues();
      else unwatchQueues();
    } catch (error) {
      showError(error);
    }
  }

  // ---- waiting lists ----------------------------------------------------------------------

  function watchQueues() {
    renderQueueSections();
    $('queues-panel').hidden = false;
    if (queueStream) {
      refreshWaiting();
      return;
    }
    queueStream = stream('/queues/stream');
    queueStream.addEventListener('open', () => live($('queues-live'), true));
    queueStream.addEventListener('error', () => live($('queues-live'), false));
    queueStream.addEventListener('queues', (event) => {
      const states = JSON.parse(event.data).queues;
      noticeNewcomers(states);
      showQueueStates(states);
      refreshWaiting();
      refreshCallbacks();
    });
  }

  function unwatchQueues() {
    if (queueStream) queueStream.close();
    queueStream = null;
    $('queues-panel').hidden = true;
  }

  function renderQueueSections() {
    $('queues').replaceChildren(
      ...agent.queues.map((queue) =>
        el(
          'div',
          { dataset: { testid: 'queue', queue } },
          el('h3', {}, queue, ' ', el('span', { className: 'muted', id: `queue-state-${queue}` })),
          el('ul', { className: 'waiting', id: `waiting-${queue}`, dataset: { testid: 'waiting-list', queue } }),
        ),
      ),
    );
  }

  function showQueueStates(states) {
    for (const state of states) {
      const target = document.getElementById(`queue-state-${state.queue}`);
      if (!target) continue;
      const opening = state.nextOpening
        ? ` · opens ${new Date(state.nextOpening).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}`
        : '';
      const open = state.openNow ? ' · open' : ` · closed${opening}`;
      target.textContent = `${state.waiting} waiting · ${state.agentsOnline} online · ${state.agentsFree} free${open}`;
      target.dataset.open = String(state.openNow);
    }
  }

  /**
   * A conversation that starts waiting in one of the agent's queues is announced: the tab's title,
   * a short sound, and a browser notification where the agent allowed them. Not on the first
   * event after connecting, which only says how things stand.
   */
  function noticeNewcomers(states) {
    let newcomers = 0;
    for (const state of states) {
      if (!agent || !agent.queues.includes(state.queue)) continue;
      const before = waitingCounts[state.queue];
      if (before !== undefined && state.waiting > before) newcomers += state.waiting - before;
      waitingCounts[state.queue] = state.waiting;
    }
    const waiting = states.filter((s) => agent && agent.queues.includes(s.queue)).reduce((sum, s) => sum + s.waiting, 0);
    document.title = waiting > 0 ? `(${waiting}) ${TITLE}` : TITLE;
    if (newcomers === 0) return;
    const text = newcomers === 1 ? 'A customer is waiting' : `${newcomers} customers are waiting`;
    $('notice').textContent = `${text} (${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })})`;
    $('notice').hidden = false;
    chime();
    if (window.Notification && Notification.permission === 'granted' && document.hidden) {
      new Notification('Baton', { body: text, tag: 'baton-waiting' });
    }
  }

  const TITLE = document.title;
  let audio = null;

  /** Two short tones; browsers allow sound once the agent has clicked on the page. */
  function chime() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      [660, 880].forEach((frequency, i) => {
        const tone = audio.createOscillator();
        const volume = audio.createGain();
        tone.frequency.value = frequency;
        volume.gain.value = 0.06;
        tone.connect(volume).connect(audio.destination);
        tone.start(audio.currentTime + i * 0.18);
        tone.stop(audio.currentTime + i * 0.18 + 0.15);
      });
    } catch (ignored) {
      // No sound here; the title and the notice still say it.
    }
  }

  /** The callbacks promised in the agent's queues: due today first, with their promise times. */
  function refreshCallbacks() {
    if (!agent) return;
    Promise.all(agent.queues.map((queue) => call('GET', `/queues/${encodeURIComponent(queue)}/callbacks`)))
      .then((lists) => {
        const callbacks = lists.flatMap((list) => list.callbacks.map((c) => ({ ...c, queue: list.queue })));
        callbacks.sort((a, b) => Date.parse(a.promisedBy || 0) - Date.parse(b.promisedBy || 0));
        const today = new Date().toDateString();
        $('callbacks-panel').hidden = false;
        $('callbacks').replaceChildren(
          ...(callbacks.length === 0
            ? [el('li', { className: 'muted', text: 'No callbacks promised.' })]
            : callbacks.map((c) => {
                const promised = c.promisedBy ? new Date(c.promisedBy) : null;
                const due = promised && promised.toDateString() === today;
                return el(
                  'li',
                  { dataset: { testid: 'callback-row', conversationId: c.conversationId, due: String(Boolean(due)) } },
                  el('strong', {
                    text: promised
                      ? `${due ? 'today' : promised.toLocaleDateString([], { weekday: 'short' })} ${promised.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
                      : 'no time',
                  }),
                  ' ',
                  el('span', { text: c.issue || c.conversationId }),
                  el('span', { className: 'muted', text: ` · ${c.queue}` + (c.ticketReference ? ` · ticket ${c.ticketReference}` : '') + (c.customerName ? ` · ${c.customerName}` : '') }),
                );
              })),
        );
      })
      .catch(showError);
  }

  function refreshWaiting() {
    if (!agent) return;
    for (const queue of agent.queues) {
      const ticket = (requests[queue] = (requests[queue] || 0) + 1);
      call('GET', `/queues/${encodeURIComponent(queue)}/waiting`)
        .then((list) => {
          if (requests[queue] === ticket) renderWaiting(queue, list.waiting);
        })
        .catch(showError);
    }
  }

  function renderWaiting(queue, waiting) {
    const list = document.getElementById(`waiting-${queue}`);
    if (!list) return;
    if (waiting.length === 0) {
      list.replaceChildren(el('li', { className: 'muted', text: 'Nobody is waiting.' }));
      return;
    }
    list.replaceChildren(
      ...waiting.map((w) =>
        el(
          'li',
          { dataset: { testid: 'waiting-row', conversationId: w.conversationId } },
          el('span', { className: 'priority', title: 'priority', text: `P${w.priority}` }),
          el('span', {
            className: 'wait',
            dataset: { since: w.waitingSince },
            text: elapsed((Date.now() - Date.parse(w.waitingSince)) / 1000),
          }),
          el('button', {
            type: 'button',
            dataset: { testid: 'take-over' },
            text: 'Take over',
            onclick: () => takeOver(w.conversationId),
          }),
          el('span', { className: 'issue', title: w.issue || '', text: w.issue || '(no summary)' }),
          el('span', { className: 'muted meta', text: [w.reason, w.customerTier].filter(Boolean).join(' · ') }),
        ),
      ),
    );
  }

  // Waiting times count up between updates.
  setInterval(() => {
    for (const span of document.querySelectorAll('[data-since]')) {
      span.textContent = elapsed((Date.now() - Date.parse(span.dataset.since)) / 1000);
    }
  }, 1000);

  // ---- one conversation -------------------------------------------------------------------

  async function takeOver(conversationId) {
    showError(null);
    try {
      const taken = await call('POST', `${path(conversationId)}/takeover`, { agentId: agent.agentId });
      show(taken.conversation, taken.summary, taken.transcript);
      refreshWorklist();
    } catch (error) {
      showError(error);
    }
    refreshWaiting();
  }

  async function reopen(conversationId) {
    showError(null);
    try {
      const conversation = await call('GET', path(conversationId));
      show(conversation, conversation.summary, conversation.messages);
    } catch (error) {
      showError(error);
    }
  }

  /** The summary first, so nobody asks the customer again; the transcript under it. */
  function show(conversation, summary, messages) {
    if (current) current.stop();
    $('conversation').hidden = false;
    $('conversation-id').textContent = conversation.conversationId;
    // Staff get the conversation's page in the Temporal UI, where its whole story is told.
    const ui = $('temporal-ui-link');
    ui.hidden = !conversation.temporalUi;
    if (conversation.temporalUi) ui.href = conversation.temporalUi;
    renderSummary(summary, conversation.customer);
    transcript.clear();
    messages.forEach((m) => transcript.add(m));
    // The answer carries the latest page; earlier lines load on demand.
    const id = conversation.conversationId;
    transcript.earlier(conversation.earlierCursor, (before) =>
      call('GET', `${path(id)}/messages?before=${encodeURIComponent(before)}`),
    );
    current = { conversationId: conversation.conversationId, stop: () => {} };
    showCannedReplies(conversation, summary);
    showEarlier(conversation.conversationId);
    showStatus({ status: conversation.status, assignedAgent: conversation.assignedAgent, queue: conversation.queue });
    const following = current;
    current.stop = follow(
      conversation.conversationId,
      transcript,
      (status) => {
        if (current === following) showStatus(status);
        refreshWorklist();
      },
      (on) => live($('conversation-live'), on),
      (event) => {
        if (current === following) typing.heard(event);
      },
    );
    typing.clear();
    loadBotTurns(conversation.conversationId);
    $('reply-text').focus();
  }

  // ---- the bot's readings: flag the wrong ones ----------------------------------------------

  let intents = [];

  async function loadIntents() {
    try {
      intents = (await call('GET', '/bot/model')).intents;
    } catch (error) {
      intents = []; // no worker has reported a model yet: a flag can still go without an intent
    }
  }

  async function loadBotTurns(conversationId) {
    try {
      const answer = await call('GET', `${path(conversationId)}/bot-turns`);
      if (current && current.conversationId === conversationId) renderBotTurns(answer.turns);
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

  function renderSummary(summary, customer) {
    const box = $('summary');
    if (!summary) {
      box.replaceChildren(el('h2', { text: 'Handoff summary' }), el('p', { className: 'muted', text: 'No summary.' }));
      return;
    }
    const row = (name, ...value) => [el('dt', { text: name }), el('dd', {}, ...value)];
    const list = (items) =>
      items && items.length ? el('ul', {}, ...items.map((i) => el('li', { text: i }))) : el('span', { className: 'muted', text: 'none' });
    const facts = (summary.keyFacts || []).map((f) => `${f.kind}: ${f.value}`);
    box.replaceChildren(
      el('h2', { text: 'Handoff summary' }),
      el(
        'dl',
        {},
        ...row('Issue', el('strong', { dataset: { testid: 'summary-issue' }, text: summary.primaryIssue })),
        ...row('Goal', summary.customerGoal),
        ...row('Why a person', [summary.reason, summary.reasonDetail].filter(Boolean).join(': ')),
        ...row('Key facts', list(facts)),
        ...row('Bot tried', list(summary.botAttempts)),
        ...row('Sentiment', `${summary.sentimentTrend || ''} (${Number(summary.sentiment).toFixed(2)})`),
        ...row('Priority', `P${summary.priority} in ${summary.recommendedQueue}`),
        ...row(
          'Customer',
          `${summary.customerTier} tier, ${summary.priorContacts} prior contact(s)` + (summary.language ? `, ${summary.language}` : ''),
          // Anyone may claim an id; only the embedding site's signed claim vouches for it (docs/security.md).
          el('span', {
            className: 'muted',
            dataset: { testid: 'customer-verified' },
            text: customer && customer.verified ? ' · identity verified by the site' : ' · not verified: the id is what the chat sent',
          }),
        ),
        ...row('Agent notes', list(summary.agentNotes)),
      ),
    );
  }

  function showStatus(update) {
    current.status = update.status;
    current.assignedAgent = update.assignedAgent;
    const holder = update.assignedAgent ? ` · held by ${update.assignedAgent}` : '';
    const queue = update.queue ? ` · ${update.queue}` : '';
    $('conversation-status').textContent = `${update.status}${holder}${queue}`;
    $('conversation-status').dataset.status = update.status;
    const held = update.status === 'AGENT_ACTIVE' && agent && update.assignedAgent === agent.agentId;
    for (const id of ['reply-text', 'reply-send', 'transfer', 'release', 'resolve']) $(id).disabled = !held;
    if (ENDED.includes(update.status)) live($('conversation-live'), null);
  }

  async function act(event, action, body) {
    event.preventDefault();
    if (!current) return;
    showError(null);
    try {
      const conversation = await call('POST', `${path(current.conversationId)}/${action}`, { agentId: agent.agentId, ...body });
      showStatus(conversation);
      event.target.reset();
      refreshWorklist();
    } catch (error) {
      showError(error);
    }
  }

  async function reply(event) {
    event.preventDefault();
    const text = $('reply-text').value;
    if (!text.trim() || !current) return;
    showError(null);
    $('reply-send').disabled = true;
    try {
      const turn = await call(
        'POST',
        `${path(current.conversationId)}/agent-messages`,
        { agentId: agent.agentId, text, clientMessageId: newId('console') },
        { retry: true },
      );
      $('reply-text').value = '';
      turn.replies.forEach((m) => transcript.add(m));
      refreshWorklist();
    } catch (error) {
      showError(error);
    } finally {
      $('reply-send').disabled = !(current.status === 'AGENT_ACTIVE' && current.assignedAgent === agent.agentId);
    }
  }

  // ---- the customer's earlier conversations (90 days), under the transcript ---------------

  function showEarlier(conversationId) {
    const list = $('earlier');
    list.replaceChildren();
    const shown = current;
    call('GET', `${path(conversationId)}/earlier`)
      .then((earlier) => {
        if (current !== shown) return;
        if (earlier.conversations.length === 0) {
          list.replaceChildren(el('li', { className: 'muted', text: 'No other conversations in the last 90 days.' }));
          return;
        }
        list.replaceChildren(
          ...earlier.conversations.map((c) =>
            el(
              'li',
              { dataset: { testid: 'earlier-row', conversationId: c.conversationId } },
              el('time', { datetime: c.startedAt, text: new Date(c.startedAt).toLocaleDateString() }),
              ' ',
              el('strong', { text: c.issue || c.intent || 'no intent' }),
              el('span', { className: 'muted', text: ` · ${c.status}` + (c.ticketReference ? ` · ticket ${c.ticketReference}` : '') }),
            ),
          ),
        );
      })
      .catch(() => {});
  }

  // ---- canned replies of the conversation's queue, variables filled on insertion ----------

  function showCannedReplies(conversation, summary) {
    const box = $('canned-replies');
    box.replaceChildren();
    box.hidden = true;
    if (!conversation.queue) return;
    const shown = current;
    const order = ((summary && summary.keyFacts) || []).find((f) => f.kind === 'ORDER_NUMBER');
    const values = {
      name: (conversation.customer && conversation.customer.name) || 'there',
      order: order ? order.value : 'your order',
      agent: $('agent-name').value.trim() || $('agent-id').value,
    };
    call('GET', `/queues/${encodeURIComponent(conversation.queue)}/canned-replies`)
      .then((list) => {
        if (current !== shown || list.replies.length === 0) return;
        box.replaceChildren(
          ...list.replies.map((reply) =>
            el('button', {
              type: 'button',
              className: 'secondary',
              dataset: { testid: 'canned-reply' },
              title: reply.text,
              text: reply.title,
              onclick: () => insert(reply.text.replace(/\{(name|order|agent)\}/g, (match, key) => values[key])),
            }),
          ),
        );
        box.hidden = false;
      })
      .catch(() => {});
  }

  /** Puts text into the reply box at the cursor, ready to edit or send. */
  function insert(text) {
    const box = $('reply-text');
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? box.value.length;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + text.length;
  }

  // ---- the worklist: the conversations this agent holds, from the server ------------------

  function refreshWorklist() {
    const agentId = $('agent-id').value;
    if (!agentId) return;
    const ticket = ++worklistRequest;
    call('GET', `/agents/${encodeURIComponent(agentId)}/conversations`)
      .then((list) => {
        if (ticket === worklistRequest) renderWorklist(list.conversations);
      })
      .catch(showError);
  }

  function renderWorklist(conversations) {
    $('mine-panel').hidden = false;
    if (conversations.length === 0) {
      $('my-conversations').replaceChildren(el('li', { className: 'muted', text: 'You hold no conversations.' }));
      return;
    }
    $('my-conversations').replaceChildren(
      ...conversations.map((c, index) =>
        el(
          'li',
          { dataset: { testid: 'worklist-row', conversationId: c.conversationId } },
          el(
            'button',
            {
              type: 'button',
              className: current && current.conversationId === c.conversationId ? '' : 'secondary',
              title: index < 9 ? `Alt+${index + 1}` : undefined,
              onclick: () => reopen(c.conversationId),
            },
            el('span', { className: 'issue', text: c.issue || c.conversationId }),
            el('span', { className: 'muted meta', text: ` · ${c.status} · ${c.queue || ''}` }),
            el('span', {
              className: 'muted last',
              dataset: { testid: 'worklist-last' },
              text: c.lastCustomerMessage ? `“${c.lastCustomerMessage.text}”` : '',
            }),
            c.waitingForReplySince
              ? el('span', {
                  className: 'wait',
                  title: 'waiting for your reply',
                  dataset: { since: c.waitingForReplySince, testid: 'worklist-wait' },
                  text: elapsed((Date.now() - Date.parse(c.waitingForReplySince)) / 1000),
                })
              : null,
          ),
        ),
      ),
    );
  }

  // Keyboard first: Alt+1..9 opens the n-th conversation of the worklist.
  document.addEventListener('keydown', (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
    const rows = document.querySelectorAll('[data-testid="worklist-row"]');
    const row = rows[Number(event.key) - 1];
    if (!row) return;
    event.preventDefault();
    reopen(row.dataset.conversationId);
  });

  /** The stream's state: true live, false reconnecting, null ended. */
  function live(indicator, on) {
    indicator.className = on === null ? 'live' : `live ${on ? 'on' : 'off'}`;
    indicator.textContent = on === null ? 'ended' : on ? 'live' : 'reconnecting';
  }

  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  Baton.resumeSignIn().then((account) => account && signedIn(account));

  $('presence-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setPresence('ONLINE');
  });
  $('go-offline').addEventListener('click', () => setPresence('OFFLINE'));
  $('reply-form').addEventListener('submit', reply);
  $('reply-text').addEventListener('input', () => typing.typed());
  $('reply-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('reply-form').requestSubmit();
    }
  });
  $('transfer-form').addEventListener('submit', (e) =>
    act(e, 'transfer', { queue: $('transfer-queue').value.trim(), note: $('transfer-note').value || undefined }),
  );
  $('release-form').addEventListener('submit', (e) => act(e, 'release', { note: $('release-note').value || undefined }));
  $('resolve-form').addEventListener('submit', async (e) => {
    const note = $('resolve-note').value;
    const keep = $('keep-answer').checked && note.trim() && current ? current.conversationId : null;
    await act(e, 'resolve', { note: note || undefined });
    if (keep && current && current.status === 'RESOLVED') {
      try {
        await call('POST', `${path(keep)}/example-answers`, { text: note });
      } catch (error) {
        showError(error);
      }
    }
  });
})();

// The agent console: go online for some queues, watch their waiting lists live, take a
// conversation over (summary first, then the transcript), write to the customer, and transfer,
// release or resolve it.
'use strict';

(() => {
  const { call, el, newId, elapsed, Transcript, follow, stream, setToken } = Baton;
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
  const mine = new Map(); // conversations taken here: id -> issue

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
    if (!$('agent-queues').value && account.queues && account.queues.length) $('agent-queues').value = account.queues.join(',');
  }

  async function signIn(event) {
    event.preventDefault();
    showError(null);
    try {
      const issued = await call('POST', '/auth/token', { username: $('username').value.trim(), password: $('password').value });
      $('password').value = '';
      setToken(issued.token);
      sessionStorage.setItem('baton.console.token', issued.token);
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
    sessionStorage.removeItem('baton.console.token');
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
      showQueueStates(JSON.parse(event.data).queues);
      refreshWaiting();
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
      const open = state.openNow ? '' : ' · closed now';
      target.textContent = `${state.waiting} waiting · ${state.agentsOnline} online · ${state.agentsFree} free${open}`;
    }
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
            onclick: () => takeOver(w.conversationId, w.issue),
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

  async function takeOver(conversationId, issue) {
    showError(null);
    try {
      const taken = await call('POST', `${path(conversationId)}/takeover`, { agentId: agent.agentId });
      remember(conversationId, issue || (taken.summary && taken.summary.primaryIssue));
      show(taken.conversation, taken.summary, taken.transcript);
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
    renderSummary(summary);
    transcript.clear();
    messages.forEach((m) => transcript.add(m));
    current = { conversationId: conversation.conversationId, stop: () => {} };
    showStatus({ status: conversation.status, assignedAgent: conversation.assignedAgent, queue: conversation.queue });
    const following = current;
    current.stop = follow(
      conversation.conversationId,
      transcript,
      (status) => {
        if (current === following) showStatus(status);
      },
      (on) => live($('conversation-live'), on),
    );
    $('reply-text').focus();
  }

  function renderSummary(summary) {
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
        ...row('Customer', `${summary.customerTier} tier, ${summary.priorContacts} prior contact(s)` + (summary.language ? `, ${summary.language}` : '')),
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
    } catch (error) {
      showError(error);
    } finally {
      $('reply-send').disabled = !(current.status === 'AGENT_ACTIVE' && current.assignedAgent === agent.agentId);
    }
  }

  function remember(conversationId, issue) {
    mine.set(conversationId, issue || conversationId);
    $('mine-panel').hidden = false;
    $('my-conversations').replaceChildren(
      ...[...mine].map(([id, text]) =>
        el('li', {}, el('button', { type: 'button', className: 'secondary', dataset: { conversationId: id }, text, onclick: () => reopen(id) })),
      ),
    );
  }

  /** The stream's state: true live, false reconnecting, null ended. */
  function live(indicator, on) {
    indicator.className = on === null ? 'live' : `live ${on ? 'on' : 'off'}`;
    indicator.textContent = on === null ? 'ended' : on ? 'live' : 'reconnecting';
  }

  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  const saved = sessionStorage.getItem('baton.console.token');
  if (saved) {
    setToken(saved);
    call('GET', '/auth/me')
      .then(signedIn)
      .catch(() => sessionStorage.removeItem('baton.console.token'));
  }

  $('presence-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setPresence('ONLINE');
  });
  $('go-offline').addEventListener('click', () => setPresence('OFFLINE'));
  $('reply-form').addEventListener('submit', reply);
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
  $('resolve-form').addEventListener('submit', (e) => act(e, 'resolve', { note: $('resolve-note').value || undefined }));
})();

// The customer's chat window: start a conversation, talk to the bot, ask for a person, see every
// reply live from the conversation's stream, end the chat and rate it. The copy comes from
// widget-i18n/<language>.json (docs/widget.md): a language is one file. Everything it reads is
// the customer view of the conversation (docs/api.md): an agent appears by their display name.
'use strict';

(async () => {
  const { call, el, newId, seconds, Transcript, follow, setToken, typingIndicator } = Baton;
  const $ = (id) => document.getElementById(id);
  const ENDED = ['RESOLVED', 'ABANDONED', 'CLOSED'];
  const ORIGIN = window.BATON_API || '';
  // The chat and its token, kept in the tab (sessionStorage): a reload or another page of the site
  // carries on, a closed tab or browser (a library computer) leaves nothing for the next person.
  const SAVED = 'baton.chat';

  // ---- Copy: the customer's stated language, else the browser's, else English.

  const copy = await loadCopy();

  async function loadCopy() {
    const stated = window.BATON_LANGUAGE || new URLSearchParams(location.search).get('lang');
    const wanted = [stated, ...(navigator.languages || [navigator.language])]
      .filter(Boolean)
      .map((tag) => String(tag).toLowerCase().split('-')[0])
      .filter((tag) => /^[a-z]{2,3}$/.test(tag));
    for (const language of [...new Set([...wanted, 'en'])]) {
      try {
        const response = await fetch(`${ORIGIN}/widget-i18n/${language}.json`);
        if (response.ok) return { language, text: await response.json() };
      } catch (ignored) {
        // Try the next language.
      }
    }
    return { language: 'en', text: {} };
  }

  /** The copy under a dotted key, with {name} variables filled; the key itself when missing. */
  function t(key, variables = {}) {
    const template = key.split('.').reduce((node, part) => (node == null ? node : node[part]), copy.text);
    if (typeof template !== 'string') return key;
    return template.replace(/\{(\w+)\}/g, (match, name) => (name in variables ? String(variables[name]) : match));
  }

  function translatePage() {
    document.documentElement.lang = copy.language;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
    for (const node of document.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
    if (document.title && !window.BATON_API) document.title = t('title');
  }

  function about(duration) {
    const s = seconds(duration);
    if (s === null) return null;
    const m = Math.max(1, Math.round(s / 60));
    return m === 1 ? t('aboutOneMinute') : t('aboutMinutes', { minutes: m });
  }

  // ---- The chat.

  // An agent's line is signed with the name they gave; without one, with the word for an agent.
  const transcript = new Transcript($('messages'), (m) => (m.author === 'AGENT' && m.agentName) || t(`authors.${m.author}`));
  let conversationId = null;
  let status = null;
  let stopFollowing = null;
  // The customer's typing reaches the agent only while a person is there.
  const typing = typingIndicator(
    () => (status === 'AGENT_ACTIVE' ? conversationId : null),
    'CUSTOMER',
    $('typing'),
    () => t('agentTyping'),
  );

  // One customer id per browser, so a returning customer counts as one (prior contacts). It is a
  // counting key, not a credential: it reads nothing without the conversation's token.
  const customerId =
    localStorage.getItem('baton.customerId') ||
    (() => {
      const id = newId('web');
      localStorage.setItem('baton.customerId', id);
      return id;
    })();

  const showError = (error) => {
    $('error').textContent = error ? error.message : '';
  };

  async function start(event) {
    event.preventDefault();
    showError(null);
    $('start-chat').disabled = true;
    try {
      const started = await call(
        'POST',
        '/conversations',
        {
          customer: {
            id: customerId,
            name: $('customer-name').value.trim() || undefined,
            language: copy.language,
          },
          channel: 'web',
          clientMessageId: newId('start'),
          // The embedding site's signed claim of who the customer is (docs/security.md), if any.
          identity: window.BATON_IDENTITY || undefined,
        },
        { retry: true },
      );
      setToken(started.customerToken);
      sessionStorage.setItem(
        SAVED,
        JSON.stringify({
          conversationId: started.conversationId,
          token: started.customerToken,
          expiresAt: started.customerTokenExpiresAt,
        }),
      );
      open(started.conversationId);
      started.replies.forEach((m) => transcript.add(m));
      showStatus({ status: started.status });
    } catch (error) {
      showError(error);
      $('start-chat').disabled = false;
    }
  }

  function open(id) {
    conversationId = id;
    $('start').hidden = true;
    $('chat').hidden = false;
    $('rating').hidden = true;
    stopFollowing = follow(
      id,
      transcript,
      showStatus,
      (live) => {
        if (ENDED.includes(status)) return;
        $('live').className = `live ${live ? 'on' : 'off'}`;
        $('live').textContent = t(live ? 'live.live' : 'live.reconnecting');
      },
      typing.heard,
    );
    $('message-text').focus();
  }

  async function send(event) {
    event.preventDefault();
    const text = $('message-text').value;
    if (!text.trim() || !conversationId) return;
    showError(null);
    $('send-message').disabled = true;
    try {
      const turn = await call(
        'POST',
        `/conversations/${encodeURIComponent(conversationId)}/messages`,
        { text, clientMessageId: newId('msg') },
        { retry: true },
      );
      $('message-text').value = '';
      turn.replies.forEach((m) => transcript.add(m));
      showStatus({ status: turn.status });
    } catch (error) {
      showError(error);
    } finally {
      $('send-message').disabled = ENDED.includes(status);
    }
  }

  async function talkToPerson() {
    showError(null);
    $('talk-to-person').disabled = true;
    try {
      const conversation = await call('POST', `/conversations/${encodeURIComponent(conversationId)}/handoff`, {});
      conversation.messages.forEach((m) => transcript.add(m));
      showConversation(conversation);
    } catch (error) {
      showError(error);
      $('talk-to-person').disabled = status !== 'BOT_ACTIVE';
    }
  }

  /** The customer ends the chat: the conversation closes, and the rating prompt follows. */
  async function endChat() {
    showError(null);
    $('end-chat').disabled = true;
    try {
      const conversation = await call('POST', `/conversations/${encodeURIComponent(conversationId)}/close`, {
        reason: 'ended by the customer',
      });
      conversation.messages.forEach((m) => transcript.add(m));
      showStatus({ status: conversation.status });
    } catch (error) {
      showError(error);
      $('end-chat').disabled = ENDED.includes(status);
    }
  }

  function showStatus(update) {
    if (!update || !update.status) return;
    status = update.status;
    $('status').textContent = t(`status.${status}`);
    $('status').dataset.status = status;
    $('talk-to-person').disabled = status !== 'BOT_ACTIVE';
    const ended = ENDED.includes(status);
    $('message-text').disabled = ended;
    $('send-message').disabled = ended;
    $('end-chat').disabled = ended;
    if (ended) {
      if (stopFollowing) stopFollowing();
      typing.clear();
      $('live').className = 'live';
      $('live').textContent = t('live.ended');
      showWaiting(null);
      askForRating();
      return;
    }
    if (status === 'AWAITING_AGENT' || status === 'CALLBACK_SCHEDULED') {
      refresh();
    } else {
      showWaiting(null);
    }
  }

  /** The place in line, the expected wait and the callback promise: the conversation knows them. */
  async function refresh() {
    try {
      showConversation(await call('GET', `/conversations/${encodeURIComponent(conversationId)}`));
    } catch (error) {
      showError(error);
    }
  }

  function showConversation(conversation) {
    if (conversation.status !== status) showStatus({ status: conversation.status });
    showWaiting(conversation.status === 'AWAITING_AGENT' ? conversation.waiting : null);
    showCallback(conversation.status === 'CALLBACK_SCHEDULED' ? conversation.callback : null);
  }

  function showWaiting(waiting) {
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

  function showCallback(callback) {
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

  // ---- Rating, after resolution or when the customer ended the chat.

  function buildStars() {
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

  function askForRating() {
    // Only a conversation that ended with the customer there is worth a question.
    if (status !== 'RESOLVED' && status !== 'CLOSED') return;
    sessionStorage.removeItem(SAVED);
    $('rating').hidden = false;
  }

  async function rate(event) {
    event.preventDefault();
    const chosen = document.querySelector('#rating input[name="score"]:checked');
    if (!chosen) return;
    showError(null);
    $('send-rating').disabled = true;
    try {
      await call('POST', `/conversations/${encodeURIComponent(conversationId)}/csat`, {
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

  function newChat() {
    sessionStorage.removeItem(SAVED);
    conversationId = null;
    status = null;
    transcript.clear();
    $('rating').hidden = true;
    $('rating-form').hidden = false;
    $('rating-thanks').hidden = true;
    $('rating-form').reset();
    $('chat').hidden = true;
    $('start').hidden = false;
    $('start-chat').disabled = false;
    $('customer-name').focus();
  }

  translatePage();
  buildStars();
  $('start-form').addEventListener('submit', start);
  $('message-form').addEventListener('submit', send);
  $('message-text').addEventListener('input', () => typing.typed());
  $('talk-to-person').addEventListener('click', talkToPerson);
  $('end-chat').addEventListener('click', endChat);
  $('rating-form').addEventListener('submit', rate);
  $('new-chat').addEventListener('click', newChat);

  // A later page load carries on with the conversation, while its token lasts.
  const saved = (() => {
    try {
      return JSON.parse(sessionStorage.getItem(SAVED) || 'null');
    } catch (ignored) {
      return null;
    }
  })();
  if (saved && saved.conversationId && (!saved.expiresAt || Date.parse(saved.expiresAt) > Date.now())) {
    setToken(saved.token);
    try {
      const conversation = await call('GET', `/conversations/${encodeURIComponent(saved.conversationId)}`);
      open(saved.conversationId);
      conversation.messages.forEach((m) => transcript.add(m));
      // The latest page of a long chat; earlier lines load on demand.
      transcript.earlier(
        conversation.earlierCursor,
        (before) => call('GET', `/conversations/${encodeURIComponent(saved.conversationId)}/messages?before=${encodeURIComponent(before)}`),
        t('earlier'),
      );
      showConversation(conversation);
    } catch (error) {
      sessionStorage.removeItem(SAVED);
      setToken(null);
      $('customer-name').focus();
    }
  } else {
    sessionStorage.removeItem(SAVED);
    $('customer-name').focus();
  }
})();

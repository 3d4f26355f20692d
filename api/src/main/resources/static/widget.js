// The customer's chat window: start a conversation, talk to the bot, ask for a person, and see
// every reply live from the conversation's stream.
'use strict';

(() => {
  const { call, newId, minutes, Transcript, follow, setToken } = Baton;
  const $ = (id) => document.getElementById(id);

  const LABELS = { CUSTOMER: 'You', BOT: 'Bot', AGENT: 'Agent', SYSTEM: 'Note' };
  const STATUS_TEXT = {
    BOT_ACTIVE: 'You are chatting with our bot',
    AWAITING_AGENT: 'Waiting for a person',
    AGENT_ACTIVE: 'You are chatting with a person',
    CALLBACK_SCHEDULED: 'We will get back to you',
    RESOLVED: 'Resolved: this conversation has ended',
    ABANDONED: 'This conversation has ended',
    CLOSED: 'This conversation has ended',
  };
  const ENDED = ['RESOLVED', 'ABANDONED', 'CLOSED'];

  const transcript = new Transcript($('messages'), (m) => LABELS[m.author] || m.author);
  let conversationId = null;
  let status = null;

  // One customer id per browser, so a returning customer counts as one (prior contacts).
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
          customer: { id: customerId, name: $('customer-name').value.trim() || undefined },
          channel: 'web',
          clientMessageId: newId('start'),
          // The embedding site's signed claim of who the customer is (docs/security.md), if any.
          identity: window.BATON_IDENTITY || undefined,
        },
        { retry: true },
      );
      // Every later call of this conversation carries its token; kept for a reload of the tab.
      setToken(started.customerToken);
      sessionStorage.setItem('baton.customerToken', started.customerToken);
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
    sessionStorage.setItem('baton.conversationId', id);
    $('start').hidden = true;
    $('chat').hidden = false;
    follow(id, transcript, showStatus, (live) => {
      $('live').className = `live ${live ? 'on' : 'off'}`;
      $('live').textContent = live ? 'live' : 'reconnecting';
    });
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
      showStatus({ status: conversation.status, queue: conversation.queue });
      showWaiting(conversation.waiting);
    } catch (error) {
      showError(error);
      $('talk-to-person').disabled = status !== 'BOT_ACTIVE';
    }
  }

  function showStatus(update) {
    status = update.status;
    $('status').textContent = STATUS_TEXT[status] || status;
    $('status').dataset.status = status;
    $('talk-to-person').disabled = status !== 'BOT_ACTIVE';
    const ended = ENDED.includes(status);
    $('message-text').disabled = ended;
    $('send-message').disabled = ended;
    if (ended) {
      $('live').className = 'live';
      $('live').textContent = 'ended';
    }
    if (status === 'AWAITING_AGENT') {
      refreshWaiting();
    } else {
      showWaiting(null);
    }
  }

  /** The place in line and the expected wait, which the conversation itself knows best. */
  async function refreshWaiting() {
    try {
      const conversation = await call('GET', `/conversations/${encodeURIComponent(conversationId)}`);
      showWaiting(conversation.status === 'AWAITING_AGENT' ? conversation.waiting : null);
    } catch (error) {
      showError(error);
    }
  }

  function showWaiting(waiting) {
    const box = $('waiting');
    if (!waiting) {
      box.hidden = true;
      box.textContent = '';
      return;
    }
    const wait = minutes(waiting.estimatedWait);
    box.textContent = `You're number ${waiting.position} in line` + (wait ? `, ${wait}.` : '.');
    box.dataset.position = String(waiting.position);
    box.hidden = false;
  }

  $('start-form').addEventListener('submit', start);
  $('message-form').addEventListener('submit', send);
  $('talk-to-person').addEventListener('click', talkToPerson);

  // A reload carries on with the conversation of this tab.
  const resumed = sessionStorage.getItem('baton.conversationId');
  if (resumed) {
    setToken(sessionStorage.getItem('baton.customerToken'));
    call('GET', `/conversations/${encodeURIComponent(resumed)}`)
      .then(() => open(resumed))
      .catch(() => {
        sessionStorage.removeItem('baton.conversationId');
        sessionStorage.removeItem('baton.customerToken');
        $('customer-name').focus();
      });
  } else {
    $('customer-name').focus();
  }
})();

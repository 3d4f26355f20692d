// The supervisor dashboard: the numbers of GET /api/v1/metrics for a chosen window, six charts
// drawn as plain SVG (no chart library, nothing fetched from elsewhere), the queues now from
// GET /api/v1/queues, and links into the Temporal UI. Data reaches the page as text, never markup.

import { call } from './baton/api.js';
import { $, el, elapsed, seconds } from './baton/dom.js';
import { signOut as endSignIn, staffSignIn } from './baton/sign-in.js';

const SVG = 'http://www.w3.org/2000/svg';
const TOKEN_KEY = 'baton.dashboard.token';
const COLORS = ['#2d5bd7', '#e8590c', '#12b76a', '#b42318', '#7a5af8', '#0e9384', '#c11574', '#667085'];
let links = null; // {temporalUi, namespace}
let queueTimer = null;

// ---- small SVG helpers -------------------------------------------------------------------------
function svg(width, height, label) {
  const node = document.createElementNS(SVG, 'svg');
  node.setAttribute('viewBox', `0 0 ${width} ${height}`);
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', label);
  return node;
}

function shape(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

const pct = (rate) => (rate === null || rate === undefined ? '–' : `${Math.round(rate * 1000) / 10}%`);
const secs = (value) => (value === null || value === undefined ? '–' : elapsed(value));
// A configured time as people say it: "1 h", "30 min", "72 h".
const span = (s) => (s === null ? '–' : s % 3600 === 0 ? `${s / 3600} h` : `${Math.round(s / 60)} min`);
const num = (value, digits = 2) => (value === null || value === undefined ? '–' : String(Math.round(value * 10 ** digits) / 10 ** digits));

function temporalList(query) {
  if (!links) return null;
  return `${links.temporalUi}/namespaces/${encodeURIComponent(links.namespace)}/workflows?query=${encodeURIComponent(query)}`;
}

function empty(container, text) {
  container.replaceChildren(el('p', { className: 'muted', text }));
}

// ---- the numbers ------------------------------------------------------------------------------
function tiles(report) {
  const n = report.overall;
  const after = span(seconds(report.assumedResolutionAfter));
  const items = [
    ['conversations', 'Conversations', String(n.conversations)],
    ['containment', 'Containment (confirmed + assumed)', pct(n.containmentRate)],
    ['containment-confirmed', 'Confirmed by the customer', `${pct(n.confirmedContainmentRate)} (${n.containedConfirmed})`],
    ['containment-assumed', `Assumed: answered, not back in ${after}`, `${pct(n.assumedContainmentRate)} (${n.containedAssumed})`],
    ['assumed-pending', `Answered, left less than ${after} ago`, String(n.assumedPending)],
    ['repeat-contacts', 'Back with the same request within 72 h', pct(n.repeatContactRate)],
    ['out-of-scope', 'Questions the bot does not cover', `${pct(n.outOfScopeRate)} (${n.outOfScopeTurns}/${n.botTurns})`],
    ['escalation-rate', 'Escalation rate', pct(n.escalationRate)],
    ['first-response', 'First response p50', secs(n.firstResponse.p50)],
    ['takeover-p50', 'Handoff → takeover p50', secs(n.takeover.p50)],
    ['takeover-p90', 'Handoff → takeover p90', secs(n.takeover.p90)],
    ['bot-resolution', 'Bot resolution p50', secs(n.botResolution.p50)],
    ['resolution', 'Time to resolution p50', secs(n.resolution.p50)],
    ['csat', 'CSAT (1–5)', num(n.csat.average)],
    ['friction', 'Handoff Friction Score', num(n.friction.score)],
    ['missing-context', 'Handoffs missing context', pct(n.friction.missingContextShare)],
    ['abandoned-bot', 'Abandoned with the bot', String(n.abandonedInBotPhase)],
    ['abandoned-queue', 'Abandoned in queue', String(n.abandonedInQueue)],
    ['transfers', 'Transfers', String(n.transferred)],
    ['callbacks', 'Callbacks kept / created', `${n.callbacksKeptOnTime} / ${n.callbacksCreated}`],
    ['callbacks-missed', 'Callbacks missed', String(n.callbacksMissed)],
  ];
  $('tiles').replaceChildren(
    ...items.map(([id, name, value]) =>
      el('div', { className: 'tile', dataset: { testid: `tile-${id}` } },
        el('div', { className: 'value', text: value }), el('div', { className: 'name', text: name }))),
  );
}

function escalationsChart(report) {
  const container = $('escalations-chart');
  const bucketMs = seconds(report.bucket) * 1000;
  const from = Date.parse(report.from);
  const slots = Math.max(1, Math.min(400, Math.ceil((Date.parse(report.to) - from) / bucketMs)));
  const reasons = [...new Set(report.escalationsOverTime.flatMap((b) => Object.keys(b.reasons)))].sort();
  if (reasons.length === 0) return empty(container, 'No escalations in this window.');
  const counts = new Array(slots).fill(null).map(() => ({}));
  for (const b of report.escalationsOverTime) {
    const i = Math.floor((Date.parse(b.start) - from) / bucketMs);
    if (i >= 0 && i < slots) counts[i] = b.reasons;
  }
  const max = Math.max(1, ...counts.map((c) => Object.values(c).reduce((a, v) => a + v, 0)));
  const W = 520, H = 200, left = 28, bottom = 22, top = 8;
  const chart = svg(W, H, 'Escalations by reason over time');
  const barW = (W - left - 4) / slots;
  chart.append(shape('text', { x: 2, y: top + 8 }, max), shape('text', { x: 2, y: H - bottom }, 0));
  counts.forEach((c, i) => {
    let y = H - bottom;
    reasons.forEach((reason, r) => {
      const v = c[reason] || 0;
      if (!v) return;
      const h = ((H - bottom - top) * v) / max;
      y -= h;
      const bar = shape('rect', { x: left + i * barW + 1, y, width: Math.max(1, barW - 2), height: h, fill: COLORS[r % COLORS.length] });
      bar.append(shape('title', {}, `${reason}: ${v}`));
      chart.append(bar);
    });
  });
  const label = (t) => new Date(t).toLocaleString([], bucketMs >= 86400000 ? { month: 'short', day: 'numeric' } : { hour: '2-digit', minute: '2-digit' });
  chart.append(shape('text', { x: left, y: H - 6 }, label(from)), shape('text', { x: W - 4, y: H - 6, 'text-anchor': 'end' }, label(Date.parse(report.to))));
  const legend = el('div', { className: 'legend' },
    reasons.map((reason, r) => {
      const href = temporalList(`BatonEscalationReason="${reason}"`);
      const name = href ? el('a', { href, target: '_blank', rel: 'noopener', text: reason }) : reason;
      return el('span', { dataset: { testid: 'escalation-reason' } },
        el('span', { className: 'swatch', style: `background:${COLORS[r % COLORS.length]}` }), name);
    }));
  container.replaceChildren(chart, legend);
}

function bars(container, label, rows, { max, format }) {
  // rows: [{name, value, note}] as horizontal bars.
  if (rows.length === 0) return empty(container, 'Nothing to show in this window.');
  const W = 520, rowH = 24, left = 150, right = 70;
  const H = rows.length * rowH + 6;
  const chart = svg(W, H, label);
  const top = Math.max(max || 0, ...rows.map((r) => r.value || 0), 1e-9);
  rows.forEach((row, i) => {
    const y = 3 + i * rowH;
    const w = ((W - left - right) * (row.value || 0)) / top;
    chart.append(
      shape('text', { x: left - 6, y: y + 15, 'text-anchor': 'end' }, row.name),
      shape('rect', { x: left, y: y + 3, width: Math.max(row.value ? 2 : 0, w), height: rowH - 8, fill: COLORS[0], rx: 2 }),
      shape('text', { x: left + w + 6, y: y + 15, 'data-testid': 'bar-value' }, `${format(row.value)}${row.note ? ` ${row.note}` : ''}`),
    );
  });
  container.replaceChildren(chart);
}

function takeoverChart(report) {
  const name = (b) => (b.upToSeconds === null ? '> 15m' : `≤ ${elapsed(b.upToSeconds)}`);
  const total = report.takeoverDistribution.reduce((a, b) => a + b.takeovers, 0);
  if (total === 0) return empty($('takeover-chart'), 'No takeovers in this window.');
  bars($('takeover-chart'), 'Time from handoff to takeover',
    report.takeoverDistribution.map((b) => ({ name: name(b), value: b.takeovers })),
    { format: (v) => String(v) });
}

// Grouped by the customer's request (the first thing they asked for), not by their last message.
function containmentChart(byIntent) {
  bars($('containment-chart'), 'Containment by request',
    byIntent.groups.map((g) => ({
      name: g.key,
      value: g.numbers.containmentRate || 0,
      note: `(${g.numbers.containedConfirmed} confirmed + ${g.numbers.containedAssumed} assumed / ${g.numbers.conversations})`,
    })),
    { max: 1, format: pct });
}

function repeatChart(byIntent) {
  bars($('repeat-chart'), 'Repeat contacts by request',
    byIntent.groups.map((g) => ({ name: g.key, value: g.numbers.repeatContactRate || 0, note: `(${g.numbers.repeatContacts}/${g.numbers.conversations})` })),
    { max: 1, format: pct });
}

function outOfScopeChart(report) {
  const day = (iso) => new Date(iso).toLocaleDateString([], { month: 'short', day: 'numeric', timeZone: 'UTC' });
  bars($('out-of-scope-chart'), 'Questions the bot does not cover, per day and channel',
    report.outOfScopeByDay.map((d) => ({ name: `${day(d.day)} · ${d.channel}`, value: d.outOfScopeRate || 0, note: `(${d.outOfScopeTurns}/${d.botTurns})` })),
    { max: 1, format: pct });
}

function csatChart(n) {
  const c = n.csat;
  if (c.ratings === 0) return empty($('csat-chart'), 'No ratings in this window.');
  bars($('csat-chart'), 'CSAT', [
    { name: 'All', value: c.average, note: `(${c.ratings})` },
    { name: 'Bot only', value: c.botOnly, note: `(${c.botOnlyRatings})` },
    { name: 'After handoff', value: c.afterHandoff, note: `(${c.afterHandoffRatings})` },
  ], { max: 5, format: (v) => num(v) });
}

async function load() {
  $('error').textContent = '';
  const hours = Number($('window').value);
  const to = new Date();
  const from = new Date(to.getTime() - hours * 3600 * 1000);
  const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  try {
    const [overall, byIntent] = await Promise.all([
      call('GET', `/metrics?${query}`),
      call('GET', `/metrics?${query}&groupBy=intent`),
    ]);
    links = overall.links;
    const temporal = $('temporal-link');
    if (links) temporal.href = `${links.temporalUi}/namespaces/${encodeURIComponent(links.namespace)}/workflows`;
    $('window-label').textContent = `${from.toLocaleString()} – ${to.toLocaleString()}`;
    tiles(overall);
    escalationsChart(overall);
    takeoverChart(overall);
    containmentChart(byIntent);
    repeatChart(byIntent);
    outOfScopeChart(overall);
    csatChart(overall.overall);
  } catch (e) {
    $('error').textContent = e.message;
  }
}

async function loadQueues() {
  try {
    const { queues } = await call('GET', '/queues');
    $('queues').querySelector('tbody').replaceChildren(
      ...queues.map((q) => {
        const href = temporalList(`BatonQueue="${q.queue}" AND BatonStatus="AWAITING_AGENT"`);
        return el('tr', { dataset: { testid: 'queue-row', queue: q.queue } },
          el('td', { text: q.queue }), el('td', { dataset: { testid: 'queue-waiting' }, text: q.waiting }),
          el('td', { text: q.agentsOnline }), el('td', { text: q.agentsFree }), el('td', { text: q.openNow ? 'open' : 'closed' }),
          el('td', {}, href ? el('a', { href, target: '_blank', rel: 'noopener', text: 'who waits' }) : ''));
      }),
    );
    $('queues-live').textContent = `updated ${new Date().toLocaleTimeString()}`;
    $('queues-live').className = 'live on';
  } catch (e) {
    $('queues-live').textContent = 'not updating';
    $('queues-live').className = 'live off';
  }
}

// ---- signed in (baton/sign-in.js), with a sign-in of its own kept for this tab ------------------
function start() {
  $('sign-in').hidden = true;
  $('board').hidden = false;
  load();
  loadQueues();
  queueTimer = setInterval(loadQueues, 10000);
}

async function signOut() {
  await endSignIn(TOKEN_KEY);
  clearInterval(queueTimer);
  $('board').hidden = true;
  $('sign-in').hidden = false;
}

staffSignIn({ signedIn: start, key: TOKEN_KEY });
$('sign-out').addEventListener('click', signOut);
$('window-form').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});

// Announcing a customer who starts waiting in one of the agent's queues: the tab's title, a short
// sound, and a browser notification where the agent allowed them.

import { $ } from '../baton/dom.js';
import { state } from './state.js';

const TITLE = document.title;
const waitingCounts = {}; // last count seen per queue, to notice a newcomer
let audio = null;

/** Not on the first event after connecting, which only says how things stand. */
export function noticeNewcomers(states) {
  const mine = states.filter((s) => state.agent && state.agent.queues.includes(s.queue));
  let newcomers = 0;
  for (const queue of mine) {
    const before = waitingCounts[queue.queue];
    if (before !== undefined && queue.waiting > before) newcomers += queue.waiting - before;
    waitingCounts[queue.queue] = queue.waiting;
  }
  const waiting = mine.reduce((sum, s) => sum + s.waiting, 0);
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

// The widget's copy, from widget-i18n/<language>.json (docs/widget.md): a language is one file.
// The customer's stated language, else the browser's, else English.

import { seconds } from '../baton/dom.js';

// Embedded on another site (embed.js), the copy is on Baton's origin, not the page's.
const ORIGIN = window.BATON_API || '';

/** {language, text}: the language chosen and its file's content. */
export const copy = await loadCopy();

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
export function t(key, variables = {}) {
  const template = key.split('.').reduce((node, part) => (node == null ? node : node[part]), copy.text);
  if (typeof template !== 'string') return key;
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in variables ? String(variables[name]) : match));
}

/** The page's own words (data-i18n…) in the chosen language. */
export function translatePage() {
  document.documentElement.lang = copy.language;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of document.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  if (document.title && !window.BATON_API) document.title = t('title');
}

/** "about 3 minutes" from an ISO-8601 duration, or null. */
export function about(duration) {
  const s = seconds(duration);
  if (s === null) return null;
  const m = Math.max(1, Math.round(s / 60));
  return m === 1 ? t('aboutOneMinute') : t('aboutMinutes', { minutes: m });
}

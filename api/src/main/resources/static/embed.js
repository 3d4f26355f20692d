// Embeds the chat widget in a page of another site:
//
//   <div id="baton-chat"></div>
//   <script src="https://baton.example.com/embed.js" data-identity="SIGNED-CLAIM" data-language="de"></script>
//
// The widget's markup, style and script modules come from Baton's origin, and it calls Baton's API
// there (both allowed by BATON_CORS_ORIGINS). data-identity, optional, is the site's signed claim
// of who the customer is (docs/security.md); without it the customer is anonymous, of the standard
// tier. data-language, optional, is the customer's language as the site knows it; without it the
// browser's languages choose the widget's copy (docs/widget.md).
'use strict';

(() => {
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  window.BATON_API = origin;
  window.BATON_IDENTITY = script.dataset.identity || undefined;
  window.BATON_LANGUAGE = script.dataset.language || undefined;

  // The widget is a module (its parts import each other): fetched with CORS from Baton's origin,
  // which allows the origins in BATON_CORS_ORIGINS.
  const load = (src) =>
    new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.type = 'module';
      tag.src = `${origin}/${src}`;
      tag.onload = resolve;
      tag.onerror = () => reject(new Error(`${src} did not load`));
      document.head.append(tag);
    });

  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = `${origin}/baton.css`;
  document.head.append(style);

  // One copy of the markup: the widget page's own, read from Baton (parsed, never run).
  fetch(`${origin}/widget.html`)
    .then((response) => response.text())
    .then((html) => {
      const widget = new DOMParser().parseFromString(html, 'text/html').querySelector('main.widget');
      const target = document.getElementById('baton-chat') || document.body;
      target.append(document.importNode(widget, true));
    })
    .then(() => load('widget.js'))
    .catch((error) => console.error('Baton chat could not start:', error));
})();

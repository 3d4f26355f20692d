// The customer's chat window: start a conversation, talk to the bot, ask for a person, see every
// reply live from the conversation's stream, end the chat and rate it. The copy comes from
// widget-i18n/<language>.json (docs/widget.md): a language is one file. Each concern is a module
// of widget/; embed.js loads this one on another site's page.

import { $ } from './baton/dom.js';
import { endChat, newChat, resume, send, start, talkToPerson, typed } from './widget/chat.js';
import { translatePage } from './widget/copy.js';
import { buildStars, rate } from './widget/rating.js';
import { keptChat } from './widget/storage.js';

translatePage();
buildStars();
$('start-form').addEventListener('submit', start);
$('message-form').addEventListener('submit', send);
$('message-text').addEventListener('input', typed);
$('talk-to-person').addEventListener('click', talkToPerson);
$('end-chat').addEventListener('click', endChat);
$('rating-form').addEventListener('submit', rate);
$('new-chat').addEventListener('click', newChat);

// A later page load carries on with the conversation, while its token lasts.
const kept = keptChat();
if (!kept || !(await resume(kept))) $('customer-name').focus();

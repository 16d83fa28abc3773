// Interface language: messages, kinds and numbers in the reader's language.

import { MESSAGES } from './messages.js';
import { ui } from './ui.js';
import { KINDS } from './fields.js';

export { KINDS };

export function t(key, vars) {
  return translate(MESSAGES, key, vars);
}

// translate is t over another table of messages (a view's own).
export function translate(messages, key, vars) {
  let s = messages[ui.lang][key] ?? messages.zh[key] ?? key;
  if (vars) {
    s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  }
  return s;
}

// tNodes is t for messages with nodes in them: it returns a list of
// strings and nodes to append.
export function tNodes(key, vars) {
  const s = MESSAGES[ui.lang][key] ?? MESSAGES.zh[key] ?? key;
  return s.split(/(\{\w+\})/).filter((part) => part !== '').map((part) => {
    const m = /^\{(\w+)\}$/.exec(part);
    return m && m[1] in vars ? vars[m[1]] : part;
  });
}

export function kindLabel(kind) {
  return KINDS.includes(kind) ? t('kind_' + kind) : kind;
}

// numberFormats holds one formatter a language and number style: a
// table of thousands of cells builds none of its own.
const numberFormats = new Map();

function numberFormat(style, options) {
  const key = ui.lang + ' ' + style;
  if (!numberFormats.has(key)) numberFormats.set(key, new Intl.NumberFormat(ui.lang === 'en' ? 'en' : 'zh-CN', options));
  return numberFormats.get(key);
}

export function formatNumber(n) {
  return numberFormat('integer').format(n);
}

// formatDecimal shows at most two decimals: rates, log-likelihoods.
export function formatDecimal(n) {
  return numberFormat('decimal', { maximumFractionDigits: 2 }).format(n);
}

// applyStaticText translates the parts of index.html marked with data-i18n.
export function applyStaticText() {
  document.documentElement.lang = ui.lang === 'en' ? 'en' : 'zh-CN';
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  }
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = t('langToggle');
  toggle.lang = ui.lang === 'en' ? 'zh-CN' : 'en';
  toggle.setAttribute('aria-label', t('langToggleLabel'));
}

// sessionsearch web UI: a single page over the JSON API, with no build step
// and no dependencies. This module starts the page and draws the view of
// the URL; the others are ES modules it imports: messages.js and i18n.js
// (the interface language), ui.js (state outside the URL), state.js (the
// URL), nav.js, api.js, dom.js, search-box.js, and views/ (home, results,
// reader, kwic, distribution, keywords, collocates, and what they share in
// common.js).
//
// Rules these modules keep:
//   - The URL is the whole state (path for the view; q, filters, page, sort
//     and concordance order in the query string; #p{n} for the passage), so
//     every screen can be bookmarked, shared, and reached with back/forward.
//   - Only two strings from the server are inserted as HTML: a hit's
//     snippet and a passage's html, which the server escapes and marks up
//     with <mark>. Everything else goes through textContent (see h()).
//   - The Content-Security-Policy forbids inline scripts and style
//     attributes, so presentation lives in app.css and is switched with
//     classes.


import { announce } from './dom.js';
import { applyStaticText, t } from './i18n.js';
import { focusItem, navigableItems, navigate, onNavigate } from './nav.js';
import { box, closeSuggestions, setupSearchBox, syncSearchBox } from './search-box.js';
import { hasFilters, parseLocation } from './state.js';
import { LANG_KEY, ui } from './ui.js';
import { errorView } from './views/common.js';
import { distributionView } from './views/distribution.js';
import { homeView } from './views/home.js';
import { keywordsView } from './views/keywords.js';
import { collocatesView } from './views/collocates.js';
import { kwicView } from './views/kwic.js';
import { readerView } from './views/reader.js';
import { resultsView } from './views/results.js';

export async function render({ scrollY } = {}) {
  const st = parseLocation();
  const seq = ++ui.seq;
  if (ui.controller) ui.controller.abort();
  ui.controller = new AbortController();
  const { signal } = ui.controller;
  ui.readerNav = null;
  syncSearchBox(st);
  closeSuggestions();

  const main = document.getElementById('main');
  main.setAttribute('aria-busy', 'true');
  document.body.classList.add('is-loading');
  try {
    let view;
    if (st.view === 'doc') view = await readerView(st, signal);
    else if (st.view === 'kwic') view = await kwicView(st, signal);
    else if (st.view === 'distribution') view = await distributionView(st, signal);
    else if (st.view === 'keywords') view = await keywordsView(st, signal);
    else if (st.view === 'collocates') view = await collocatesView(st, signal);
    else if (!st.q && !hasFilters(st)) view = await homeView(signal);
    else view = await resultsView(st, signal);
    if (seq !== ui.seq) return;
    main.replaceChildren(view.node);
    ui.rendered = window.location.pathname + window.location.search;
    document.title = view.title ? `${view.title} · ${t('titleSuffix')}` : `${t('titleSuffix')} · sessionsearch`;
    if (view.after) view.after();
    else if (scrollY !== undefined) window.scrollTo(0, scrollY);
  } catch (err) {
    if (err.name === 'AbortError' || seq !== ui.seq) return;
    main.replaceChildren(errorView(err, st));
    document.title = `${t('errorTitle')} · ${t('titleSuffix')}`;
    announce(err.message);
  } finally {
    if (seq === ui.seq) {
      main.removeAttribute('aria-busy');
      document.body.classList.remove('is-loading');
    }
  }
}

function isTyping(el) {
  return el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

function onKeydown(e) {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  const typing = isTyping(document.activeElement);
  if (e.key === '/' && !typing) {
    e.preventDefault();
    box.input.focus();
    box.input.select();
    return;
  }
  if (typing) return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const items = navigableItems();
    if (items.length === 0) return;
    e.preventDefault();
    const cur = items.indexOf(document.activeElement);
    let i;
    if (cur < 0) i = e.key === 'ArrowDown' ? 0 : items.length - 1;
    else i = e.key === 'ArrowDown' ? Math.min(cur + 1, items.length - 1) : cur - 1;
    if (i < 0) { box.input.focus(); return; }
    focusItem(items, i);
    return;
  }
  if ((e.key === 'n' || e.key === 'N') && ui.readerNav) {
    e.preventDefault();
    ui.readerNav.step(e.key === 'n' ? 1 : -1);
  }
}

function onClick(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[data-route]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href);
  if (url.origin !== window.location.origin) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

function onPopState(e) {
  const here = window.location.pathname + window.location.search;
  if (here === ui.rendered && parseLocation().view === 'doc') {
    // Only the #p{n} fragment changed: stay in the document.
    const target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
    if (target || !window.location.hash) {
      if (target) target.scrollIntoView({ block: 'start' });
      return;
    }
    // A permalink's #p{n}-{fingerprint}: the reader checks it.
  }
  render({ scrollY: (e.state && e.state.scrollY) || 0 });
}

function setupLanguage() {
  document.getElementById('lang-toggle').addEventListener('click', () => {
    ui.lang = ui.lang === 'en' ? 'zh' : 'en';
    try {
      localStorage.setItem(LANG_KEY, ui.lang);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
    applyStaticText();
    const y = window.scrollY;
    render({ scrollY: y });
  });
}

function start() {
  onNavigate(render);
  history.scrollRestoration = 'manual';
  applyStaticText();
  setupSearchBox();
  setupLanguage();
  document.addEventListener('keydown', onKeydown);
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', onPopState);
  render();
}

start();

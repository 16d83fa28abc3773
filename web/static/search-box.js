// The search box and its suggestions.

import { getJSON } from './api.js';
import { h } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { focusItem, navigableItems, navigate } from './nav.js';
import { parseLocation, queryView, urlFor, withState } from './state.js';

const SUGGEST_DELAY = 150; // ms of quiet typing before asking for suggestions

export const box = {
  input: null,
  list: null,
  items: [],
  active: -1,
  timer: 0,
  controller: null,
};

export function syncSearchBox(st) {
  if (box.input.value.trim() !== st.q) box.input.value = st.q;
}

function currentToken(value) {
  const m = /(\S*)$/.exec(value);
  return m ? m[1] : '';
}

async function fetchSuggestions() {
  const token = currentToken(box.input.value);
  const plain = token.replace(/^[-"“「『]+/, '');
  if (!plain || /[:：]/.test(plain)) { closeSuggestions(); return; }
  if (box.controller) box.controller.abort();
  box.controller = new AbortController();
  let data;
  try {
    data = await getJSON('/api/suggest?q=' + encodeURIComponent(plain), box.controller.signal);
  } catch {
    closeSuggestions(); // suggestions are optional: the search still works
    return;
  }
  const list = Array.isArray(data) ? data : (data && Array.isArray(data.suggestions) ? data.suggestions : []);
  if (document.activeElement !== box.input || currentToken(box.input.value).replace(/^[-"“「『]+/, '') !== plain) return;
  showSuggestions(list.slice(0, 10));
}

function showSuggestions(list) {
  box.items = list;
  box.active = -1;
  box.input.removeAttribute('aria-activedescendant');
  if (list.length === 0) { closeSuggestions(); return; }
  box.list.replaceChildren(...list.map((s, i) => h('li', {
    id: 'suggestion-' + i, role: 'option', class: 'suggestion', 'aria-selected': 'false',
    onmousedown: (e) => e.preventDefault(), // keep the focus in the box
    onclick: () => applySuggestion(s),
  },
  h('span', { class: 'suggestion-text' }, s.text),
  h('span', { class: 'suggestion-type type-' + s.type }, t('sugg_' + s.type) === 'sugg_' + s.type ? s.type : t('sugg_' + s.type)),
  s.count ? h('span', { class: 'suggestion-count' }, formatNumber(s.count)) : null)));
  box.list.hidden = false;
  box.input.setAttribute('aria-expanded', 'true');
}

export function closeSuggestions() {
  if (!box.list) return;
  // A request still on its way must not reopen the list afterwards.
  clearTimeout(box.timer);
  if (box.controller) box.controller.abort();
  box.list.hidden = true;
  box.list.replaceChildren();
  box.items = [];
  box.active = -1;
  box.input.setAttribute('aria-expanded', 'false');
  box.input.removeAttribute('aria-activedescendant');
}

function moveSuggestion(d) {
  const n = box.items.length;
  if (n === 0) return;
  const opts = box.list.children;
  if (box.active >= 0) opts[box.active].setAttribute('aria-selected', 'false');
  // Positions 0..n-1 are the options; n is the box itself, between the
  // last option and the first.
  const pos = ((box.active < 0 ? n : box.active) + d + n + 1) % (n + 1);
  if (pos === n) {
    box.active = -1;
    box.input.removeAttribute('aria-activedescendant');
    return;
  }
  box.active = pos;
  opts[pos].setAttribute('aria-selected', 'true');
  box.input.setAttribute('aria-activedescendant', opts[pos].id);
  opts[pos].scrollIntoView({ block: 'nearest' });
}

// applySuggestion puts a chosen suggestion to work: a phrase replaces the
// word being typed; a speaker, topic or session becomes a filter.
function applySuggestion(s) {
  const value = box.input.value;
  const token = currentToken(value);
  const rest = value.slice(0, value.length - token.length);
  closeSuggestions();
  if (['speaker', 'topic', 'session'].includes(s.type)) {
    const st = parseLocation();
    const q = rest.trim();
    box.input.value = q;
    const cur = st.filters[s.type];
    navigate(urlFor(withState({
      view: queryView(st.view), q, page: '1',
      filters: { [s.type]: cur.includes(s.text) ? cur : [...cur, s.text] },
    })));
    return;
  }
  const neg = token.startsWith('-') ? '-' : '';
  const text = /\s/.test(s.text) ? `"${s.text}"` : s.text;
  box.input.value = rest + neg + text;
  submitSearch();
}

function submitSearch() {
  const st = parseLocation();
  const q = box.input.value.trim();
  closeSuggestions();
  navigate(urlFor(withState({ view: queryView(st.view), q, page: '1' })));
}

export function setupSearchBox() {
  box.input = document.getElementById('q');
  box.list = document.getElementById('suggestions');
  document.getElementById('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (box.active >= 0 && box.items[box.active]) applySuggestion(box.items[box.active]);
    else submitSearch();
  });
  box.input.addEventListener('input', () => {
    clearTimeout(box.timer);
    box.timer = setTimeout(fetchSuggestions, SUGGEST_DELAY);
  });
  box.input.addEventListener('keydown', (e) => {
    const open = !box.list.hidden;
    if (e.key === 'ArrowDown' && open) { e.preventDefault(); moveSuggestion(1); }
    else if (e.key === 'ArrowUp' && open) { e.preventDefault(); moveSuggestion(-1); }
    else if (e.key === 'Escape' && open) { e.preventDefault(); closeSuggestions(); }
    else if (e.key === 'ArrowDown' && !open && !e.isComposing) {
      const items = navigableItems();
      if (items.length) { e.preventDefault(); focusItem(items, 0); }
    }
  });
  box.input.addEventListener('blur', () => setTimeout(() => {
    if (document.activeElement !== box.input) closeSuggestions();
  }, 100));
}

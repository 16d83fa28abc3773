// What the result, concordance and research views share: the toolbar with
// the view tabs, the facet sidebar, active filters, interpretation, pager.

import { APIError } from '../api.js';
import { append, h } from '../dom.js';
import { formatNumber, kindLabel, t } from '../i18n.js';
import { navigate } from '../nav.js';
import { FILTERS, countFilters, parseLocation, queryView, urlFor, withState } from '../state.js';
import { ui } from '../ui.js';
import { customKeys, facetTitle, orderFacetValues } from '../fields.js';

const FACET_PREVIEW = 8; // facet values shown before "show all"

// emptyPanel is the panel a view shows instead of its table: text, such
// as what it needs or that nothing was found.
export function emptyPanel(text) {
  return h('div', { class: 'panel empty' }, h('p', {}, text));
}

export function formatMs(ms) {
  if (typeof ms !== 'number') return '–';
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

export function toolbar(st, view, count) {
  const base = { ...st, hash: '', page: '1' };
  // A tab keeps the view's own parameters (extra) only on its own view.
  const tab = (v, label) => h('a', {
    href: urlFor({ ...base, view: v, extra: view === v ? base.extra : [] }), 'data-route': '', class: 'tab', 'aria-current': view === v ? 'page' : null,
  }, t(label));
  const tabs = h('nav', { class: 'view-tabs', 'aria-label': t('viewLabel') },
    tab('search', 'viewResults'), tab('kwic', 'viewKwic'), tab('distribution', 'viewDistribution'),
    tab('keywords', 'viewKeywords'), tab('collocates', 'viewCollocates'));
  let sort = null;
  if (view === 'search') {
    const select = h('select', { id: 'sort', class: 'select' },
      h('option', { value: 'relevance' }, t('sortRelevance')),
      h('option', { value: 'date' }, t('sortDate')));
    select.value = st.sort;
    select.addEventListener('change', () => navigate(urlFor(withState({ sort: select.value, page: '1' }))));
    sort = h('div', { class: 'sort' }, h('label', { for: 'sort' }, t('sortLabel')), select);
  }
  return h('div', { class: 'toolbar' }, h('div', { class: 'toolbar-count' }, count), tabs, sort);
}

// hitTags shows the speaker and the first topics; a passage that touches
// many topics keeps the rest behind a "+N" button, to keep the list calm.
export function hitTags(speaker, topics) {
  const shown = 5;
  const tags = h('div', { class: 'hit-tags' }, speaker, topics.slice(0, shown));
  if (topics.length > shown) {
    const rest = topics.slice(shown);
    const more = h('button', {
      type: 'button', class: 'chip chip-more', 'aria-label': t('moreTopics', { n: rest.length }),
      onclick: () => { more.replaceWith(...rest); },
    }, '+' + rest.length);
    tags.append(more);
  }
  return tags;
}

// escapeText is only for the fallback of a hit without a snippet.
export function escapeText(s) {
  const div = document.createElement('div');
  div.textContent = s || '';
  return div.innerHTML;
}

export function addFilter(name, value) {
  const st = parseLocation();
  const cur = st.filters[name] || []; // a custom field is absent until filtered on
  if (cur.includes(value)) return;
  navigate(urlFor(withState({ view: queryView(st.view), page: '1', filters: { [name]: [...cur, value] } })));
}

function toggleFilter(name, value) {
  const st = parseLocation();
  const cur = st.filters[name] || [];
  const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
  navigate(urlFor(withState({ page: '1', filters: { [name]: next } })));
}

function filterLabel(name, value) {
  if (name === 'doc') return ui.docLabels.get(value) || value;
  if (name === 'kind') return kindLabel(value);
  return value;
}

export function interpretation(ip) {
  if (!ip) return null;
  const parts = [];
  const add = (key, values, fmt = (v) => v) => {
    if (values && values.length) parts.push(h('span', { class: 'interp-part' }, h('span', { class: 'interp-key' }, t(key)), ' ', values.map((v) => h('code', {}, fmt(v)))));
  };
  add('interpTerms', ip.terms);
  add('interpPhrases', ip.phrases, (v) => `"${v}"`);
  add('interpAny', ip.any, (g) => g.join(' | '));
  add('interpExclusions', ip.exclusions, (v) => '-' + v);
  add('interpProximity', ip.proximity, (o) => `${o.left.join(' | ')} ${o.operator} ${o.right.join(' | ')}`);
  if (ip.filters && Object.keys(ip.filters).length) {
    add('interpFilters', Object.entries(ip.filters).map(([k, v]) => `${k}:${v}`));
  }
  if (ip.expansions && Object.keys(ip.expansions).length) {
    add('interpExpansions', Object.entries(ip.expansions).map(([k, v]) => `${k} → ${v.join('、')}`));
  }
  if (parts.length === 0 && !(ip.notes && ip.notes.length)) return null;
  return h('div', { class: 'interpretation' },
    parts.length ? h('p', { class: 'interp-line' }, h('span', { class: 'interp-label' }, t('interpreted')), parts) : null,
    (ip.notes || []).map((n) => h('p', { class: 'interp-note', role: 'note' }, n)));
}

export function activeFilters(st) {
  const chips = [];
  for (const f of Object.keys(st.filters)) {
    for (const v of st.filters[f]) {
      const label = t('filterChip', { facet: facetTitle(f, t), value: filterLabel(f, v) });
      chips.push(h('li', {}, h('button', {
        type: 'button', class: 'chip active-chip', 'aria-label': t('removeFilter', { label }),
        onclick: () => toggleFilter(f, v),
      }, label, h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'))));
    }
  }
  for (const [k, v] of [['dateFrom', st.from], ['dateTo', st.to]]) {
    if (!v) continue;
    const label = t('filterChip', { facet: t(k), value: v });
    chips.push(h('li', {}, h('button', {
      type: 'button', class: 'chip active-chip', 'aria-label': t('removeFilter', { label }),
      onclick: () => navigate(urlFor(withState({ page: '1', [k === 'dateFrom' ? 'from' : 'to']: '' }))),
    }, label, h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'))));
  }
  if (chips.length === 0) return null;
  return h('div', { class: 'active-filters', role: 'region', 'aria-label': t('activeFilters') },
    h('ul', { class: 'chip-list' }, chips),
    h('button', { type: 'button', class: 'link-button clear-all', onclick: clearAll }, t('clearAll')));
}

export function clearAll() {
  navigate(urlFor(withState({ page: '1', from: '', to: '', filters: Object.fromEntries(Object.keys(parseLocation().filters).map((f) => [f, []])) })));
}

export function facetSidebar(st, facets) {
  const names = [...FILTERS, ...customKeys(st.filters, facets)];
  const sections = names.map((name) => facetSection(name, facets[name] || [], st));
  const count = countFilters(st);
  const any = count > 0;
  const aside = h('aside', { class: 'facets', 'aria-labelledby': 'facets-title' });
  const toggle = h('button', {
    type: 'button', class: 'facets-toggle', 'aria-expanded': 'false', 'aria-controls': 'facets-body',
    onclick: () => {
      const open = aside.classList.toggle('is-open');
      toggle.setAttribute('aria-expanded', String(open));
    },
  }, t('filtersToggle'), any ? h('span', { class: 'badge' }, String(count)) : null);
  append(aside, [
    h('div', { class: 'facets-head' },
      h('h2', { id: 'facets-title', class: 'facets-title' }, t('filtersTitle')),
      toggle,
      any ? h('button', { type: 'button', class: 'link-button clear-all', onclick: clearAll }, t('clearAll')) : null),
    h('div', { class: 'facets-body', id: 'facets-body' }, sections, dateSection(st)),
  ]);
  return aside;
}

function facetSection(name, values, st) {
  values = orderFacetValues(name, values);
  const active = st.filters[name] || [];
  // Active values stay visible even when the current results lack them.
  const seen = new Set(values.map((v) => v.value));
  const all = [...values, ...active.filter((v) => !seen.has(v)).map((v) => ({ value: v, count: 0 }))];
  if (all.length === 0) return null;
  const expanded = ui.expandedFacets.has(name);
  const shown = expanded ? all : all.slice(0, FACET_PREVIEW);
  for (const v of all) if (active.includes(v.value) && !shown.includes(v)) shown.push(v);
  const id = 'facet-' + name;
  const items = shown.map((v) => {
    const on = active.includes(v.value);
    const label = v.label || (name === 'kind' ? kindLabel(v.value) : v.value);
    return h('li', {}, h('button', {
      type: 'button', class: 'facet-option', 'aria-pressed': on ? 'true' : 'false',
      dataset: { facet: name, value: v.value }, title: label,
      onclick: () => toggleFilter(name, v.value),
    },
    h('span', { class: 'facet-check', 'aria-hidden': 'true' }),
    h('span', { class: 'facet-label' }, label),
    h('span', { class: 'facet-count' }, formatNumber(v.count))));
  });
  let more = null;
  if (all.length > FACET_PREVIEW) {
    more = h('button', {
      type: 'button', class: 'link-button facet-more', 'aria-expanded': expanded ? 'true' : 'false', 'aria-controls': id,
      onclick: () => {
        if (expanded) ui.expandedFacets.delete(name); else ui.expandedFacets.add(name);
        const fresh = facetSection(name, values, st);
        section.replaceWith(fresh);
        fresh.querySelector('.facet-more').focus();
      },
    }, expanded ? t('showFewer') : t('showAll', { n: all.length }));
  }
  const section = h('section', { class: 'facet', 'aria-labelledby': id + '-title' },
    h('h3', { id: id + '-title', class: 'facet-title' }, facetTitle(name, t)),
    h('ul', { id, class: 'facet-list' }, items),
    more);
  return section;
}

function dateSection(st) {
  const from = h('input', { type: 'date', id: 'date-from', class: 'date-input', value: st.from });
  const to = h('input', { type: 'date', id: 'date-to', class: 'date-input', value: st.to });
  return h('section', { class: 'facet facet-dates', 'aria-labelledby': 'facet-date-title' },
    h('h3', { id: 'facet-date-title', class: 'facet-title' }, t('dateTitle')),
    h('form', {
      class: 'date-form',
      onsubmit: (e) => {
        e.preventDefault();
        navigate(urlFor(withState({ page: '1', from: from.value, to: to.value })));
      },
    },
    h('label', { for: 'date-from' }, t('dateFrom')), from,
    h('label', { for: 'date-to' }, t('dateTo')), to,
    h('button', { type: 'submit', class: 'button-secondary' }, t('dateApply'))));
}

export function pager(st, page, size, total) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  const link = (n, label, extra = {}) => h('a', {
    href: urlFor({ ...st, view: 'search', page: String(n), hash: '' }), 'data-route': '', class: 'page-link', ...extra,
  }, label);
  const items = [];
  items.push(page > 1 ? link(page - 1, '‹ ' + t('prev'), { rel: 'prev' }) : h('span', { class: 'page-link is-disabled', 'aria-disabled': 'true' }, '‹ ' + t('prev')));
  const nums = new Set([1, pages]);
  for (let n = page - 2; n <= page + 2; n++) if (n >= 1 && n <= pages) nums.add(n);
  let last = 0;
  for (const n of [...nums].sort((a, b) => a - b)) {
    if (n - last > 1) items.push(h('span', { class: 'page-gap', 'aria-hidden': 'true' }, '…'));
    items.push(n === page
      ? h('a', { class: 'page-link is-current', 'aria-current': 'page', href: urlFor({ ...st, view: 'search', page: String(n), hash: '' }), 'data-route': '', 'aria-label': t('pageN', { n }) }, String(n))
      : link(n, String(n), { 'aria-label': t('pageN', { n }) }));
    last = n;
  }
  items.push(page < pages ? link(page + 1, t('next') + ' ›', { rel: 'next' }) : h('span', { class: 'page-link is-disabled', 'aria-disabled': 'true' }, t('next') + ' ›'));
  return h('nav', { class: 'pager', 'aria-label': t('pagerLabel') }, h('ul', {}, items.map((it) => h('li', {}, it))));
}

// downloadLinks offers the answer of an API path to params as a CSV and
// a JSON file named stem.
export function downloadLinks(path, params, stem) {
  const csv = new URLSearchParams(params);
  csv.set('format', 'csv');
  return h('div', { class: 'dist-downloads' },
    h('a', { class: 'button-secondary csv-link', href: path + '?' + csv.toString(), download: stem + '.csv' }, '⤓ ', t('downloadCsv')),
    h('a', { class: 'button-secondary json-link', href: path + '?' + params.toString(), download: stem + '.json' }, '⤓ ', t('downloadJson')));
}

export function errorView(err, st) {
  const msg = err instanceof APIError ? err.message : String(err.message || err);
  return h('section', { class: 'panel error-panel', role: 'alert', 'aria-labelledby': 'error-title' },
    h('h1', { id: 'error-title', class: 'error-title' }, t('errorTitle'),
      err.status ? h('span', { class: 'error-status' }, t('errorStatus', { status: err.status })) : null),
    h('p', { class: 'error-message' }, msg),
    h('p', {},
      st.q ? h('a', { href: urlFor({ ...st, view: 'search', page: '1', hash: '' }), 'data-route': '' }, t('resultsTitle') + '：' + st.q) : null,
      st.q ? ' · ' : null,
      h('a', { href: '/', 'data-route': '' }, t('backHome'))));
}

// citeButton is the 引用 button of a hit, a concordance line or a reader
// passage: a small menu that copies the passage's citation (GB/T 7714 or
// the plain form) or its permalink. load gives { citation, permalink } as
// the API has them; it is called when the menu first opens, so that the
// reader's passages need not fetch their citations before one is asked
// for. The text last copied stays in the element's data-copied, and in
// the menu's preview for copying by hand when the clipboard refuses.
export function citeButton(n, load) {
  const status = h('span', { class: 'cite-status', role: 'status' });
  const preview = h('p', { class: 'cite-preview', lang: 'zh-CN' });
  const box = h('div', { class: 'cite' });
  let forms = null;
  const text = (form) => {
    if (form === 'link') return new URL(forms.permalink, window.location.origin).href;
    if (form === 'plain') return ui.lang === 'en' ? forms.citation.plain_en : forms.citation.plain;
    return forms.citation.gbt7714;
  };
  const item = (form, label) => h('button', {
    type: 'button', class: 'cite-item', role: 'menuitem', dataset: { form },
    onclick: async () => {
      const s = text(form);
      preview.textContent = s;
      box.dataset.copied = s;
      status.textContent = (await copyText(s)) ? t('citeCopied') : t('citeCopyFailed');
    },
  }, label);
  const menu = h('div', { class: 'cite-menu', role: 'menu', 'aria-label': t('citeLabel', { n }), hidden: true },
    item('gbt7714', t('citeGbt')), item('plain', t('citePlain')), item('link', t('citeLink')), preview);
  const outside = (e) => {
    if (!box.contains(e.target)) close();
  };
  const close = () => {
    menu.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    document.removeEventListener('click', outside, true);
  };
  const toggle = h('button', {
    type: 'button', class: 'link-button cite-toggle', 'aria-haspopup': 'true', 'aria-expanded': 'false',
    'aria-label': t('citeLabel', { n }),
    onclick: async () => {
      if (!menu.hidden) {
        close();
        return;
      }
      menu.hidden = false;
      toggle.setAttribute('aria-expanded', 'true');
      document.addEventListener('click', outside, true);
      try {
        forms = forms || await load();
        preview.textContent = forms.citation.gbt7714;
        menu.querySelector('.cite-item').focus();
      } catch (err) {
        status.textContent = err.message;
      }
    },
  }, t('cite'));
  menu.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    close();
    toggle.focus();
  });
  append(box, [toggle, menu, status]);
  return box;
}

// copyText puts s on the clipboard: the Clipboard API where the page may
// use it, else a selected textarea and the copy command.
async function copyText(s) {
  try {
    await navigator.clipboard.writeText(s);
    return true;
  } catch {
    const area = h('textarea', { class: 'visually-hidden', readonly: true });
    area.value = s;
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

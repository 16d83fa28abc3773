// The concordance view (语境索引): one line per occurrence, sortable by
// either context, with a CSV download.

import { getJSON } from '../api.js';
import { announce, h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { docURL, parseLocation, queryParams, urlFor } from '../state.js';
import { activeFilters, citeButton, emptyPanel, toolbar } from './common.js';

const KWIC_WIDTH = 30; // characters of context on each side

const KWIC_LIMIT = 1000;

export async function kwicView(st, signal) {
  if (!st.q) {
    return {
      node: emptyPanel(t('kwicNeedQuery')),
      title: t('viewKwic'),
      after: () => document.getElementById('q').focus(),
    };
  }
  const params = queryParams(st, { withPage: false });
  params.delete('sort');
  params.set('width', String(KWIC_WIDTH));
  params.set('limit', String(KWIC_LIMIT));
  const res = await getJSON('/api/kwic?' + params.toString(), signal);
  const lines = (res.lines || []).map((l, i) => ({ ...l, order: i }));
  const csv = new URLSearchParams(params);
  csv.set('format', 'csv');

  const tbody = h('tbody', {});
  const order = h('select', { id: 'kwic-sort', class: 'select' },
    h('option', { value: '' }, t('kwicSortText')),
    h('option', { value: 'left' }, t('kwicSortLeft')),
    h('option', { value: 'right' }, t('kwicSortRight')));
  order.value = st.ksort;
  const sortButtons = [];
  const setOrder = (ksort) => {
    order.value = ksort;
    for (const b of sortButtons) {
      b.closest('th').setAttribute('aria-sort', b.dataset.ksort === ksort ? 'ascending' : 'none');
    }
    tbody.replaceChildren(...sortLines(lines, ksort).map((l) => kwicRow(l, st.q)));
    const url = urlFor({ ...parseLocation(), ksort, hash: '' });
    if (url !== window.location.pathname + window.location.search) history.replaceState(history.state, '', url);
  };
  order.addEventListener('change', () => setOrder(order.value));
  const sortHead = (key, label) => {
    const b = h('button', { type: 'button', class: 'th-sort', dataset: { ksort: key }, onclick: () => setOrder(order.value === key ? '' : key) }, label);
    sortButtons.push(b);
    return b;
  };

  const matchWidth = Math.min(12, Math.max(2, ...lines.map((l) => [...l.match].length)));
  const table = h('table', { class: 'kwic' },
    h('caption', { class: 'visually-hidden' }, t('kwicCaption', { q: st.q })),
    h('colgroup', {},
      h('col', { class: 'col-left' }), h('col', { class: 'col-match kw-' + matchWidth }), h('col', { class: 'col-right' }), h('col', { class: 'col-source' })),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'kwic-left-h', 'aria-sort': 'none' }, sortHead('left', t('kwicLeft'))),
      h('th', { scope: 'col', class: 'kwic-match-h' }, t('kwicMatch')),
      h('th', { scope: 'col', class: 'kwic-right-h', 'aria-sort': 'none' }, sortHead('right', t('kwicRight'))),
      h('th', { scope: 'col', class: 'kwic-source-h' }, t('kwicSource')))),
    tbody);
  setOrder(st.ksort);

  const count = h('p', { class: 'result-count' },
    t('kwicCount', { total: formatNumber(res.total || 0) }),
    res.truncated ? t('kwicTruncated', { n: formatNumber(lines.length) }) : null);
  const controls = h('div', { class: 'kwic-controls' },
    h('div', { class: 'sort' }, h('label', { for: 'kwic-sort' }, t('kwicSortLabel')), order),
    h('a', { class: 'button-secondary csv-link', href: '/api/kwic?' + csv.toString(), download: true }, '⤓ ', t('downloadCsv')));

  const node = h('section', { class: 'kwic-view', 'aria-labelledby': 'kwic-title' },
    h('h1', { id: 'kwic-title', class: 'visually-hidden' }, t('kwicCaption', { q: st.q })),
    toolbar(st, 'kwic', count),
    activeFilters(st),
    controls,
    lines.length ? h('div', { class: 'kwic-scroll' }, table) : emptyPanel(t('kwicNone')));
  announce(count.textContent);
  return { node, title: `${st.q} · ${t('viewKwic')}` };
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

function reversed(s) {
  return [...s].reverse().join('');
}

// sortLines orders concordance lines. Left context sorts by its reversed
// string, so that the characters nearest the keyword decide, as in a
// concordancer; ties fall back to the other side and then text order.
function sortLines(lines, ksort) {
  const out = [...lines];
  if (ksort === 'left') {
    const keys = new Map(out.map((l) => [l, reversed(l.left)]));
    out.sort((a, b) => collator.compare(keys.get(a), keys.get(b)) || collator.compare(a.right, b.right) || a.order - b.order);
  } else if (ksort === 'right') {
    out.sort((a, b) => collator.compare(a.right, b.right) || collator.compare(reversed(a.left), reversed(b.left)) || a.order - b.order);
  }
  return out;
}

function kwicRow(l, q) {
  return h('tr', {},
    h('td', { class: 'kwic-left', lang: 'zh-CN' }, h('div', { class: 'kwic-clip kwic-clip-left' }, h('span', {}, l.left))),
    h('td', { class: 'kwic-match' }, h('a', { href: docURL(l.doc_id, q, l.n), 'data-route': '' }, h('mark', {}, l.match))),
    h('td', { class: 'kwic-right', lang: 'zh-CN' }, h('div', { class: 'kwic-clip' }, h('span', {}, l.right))),
    h('td', { class: 'kwic-source' },
      h('a', {
        href: docURL(l.doc_id, q, l.n), 'data-route': '', tabindex: '-1',
        title: [l.doc_title, l.date, l.speaker && (l.speaker + (l.speaker_role ? '（' + l.speaker_role + '）' : ''))].filter(Boolean).join(' · '),
      },
      h('span', { class: 'kwic-source-meta' }, t('passageN', { n: l.n })),
      ' ',
      h('span', { class: 'kwic-source-title' }, l.doc_title || l.doc_id)),
      l.citation ? citeButton(l.n, async () => l) : null));
}

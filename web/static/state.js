// State in the URL: the path is the view; q, filters, page, sort and the
// views' own parameters are in the query string, #p{n} is the passage.

import { distributionExtra, distributionState } from './views/distribution.js';
import { keywordsExtra } from './views/keywords.js';
import { collocatesExtra, collocatesState } from './views/collocates.js';
import { DOC_FILTERS, appendCustomFilters, readCustomFilters } from './fields.js';

export const FILTERS = ['speaker', 'topic', 'session', 'doc', 'kind', 'year', ...DOC_FILTERS];

export function parseLocation(href = window.location.href) {
  const url = new URL(href);
  const p = url.searchParams;
  const st = {
    view: 'search',
    doc: '',
    q: (p.get('q') || '').trim(),
    filters: {},
    from: p.get('from') || '',
    to: p.get('to') || '',
    sort: p.get('sort') === 'date' ? 'date' : 'relevance',
    page: p.get('page') || '1', // kept as text: the server judges it
    ksort: ['left', 'right'].includes(p.get('ksort')) ? p.get('ksort') : '',
    hash: url.hash,
  };
  for (const f of FILTERS) st.filters[f] = unique(p.getAll(f).filter((v) => v !== ''));
  readCustomFilters(p, st.filters);
  if (url.pathname === '/kwic') st.view = 'kwic';
  else if (url.pathname === '/distribution') {
    st.view = 'distribution';
    st.extra = distributionExtra(distributionState(p));
  } else if (url.pathname === '/keywords') {
    st.view = 'keywords';
    st.extra = keywordsExtra((p.get('vs') || '').trim());
  } else if (url.pathname === '/collocates') {
    st.view = 'collocates';
    st.extra = collocatesExtra(collocatesState(p));
  }
  else if (url.pathname.startsWith('/doc/')) {
    st.view = 'doc';
    st.doc = decodeURIComponent(url.pathname.slice('/doc/'.length));
  } else if (url.pathname.startsWith('/d/')) {
    st.view = 'doc'; // a permalink, /d/{doc}#p{n}
    st.doc = decodeURIComponent(url.pathname.slice('/d/'.length));
  }
  return st;
}

function unique(list) {
  return [...new Set(list)];
}

// countFilters is how many filter values and date bounds st has.
export function countFilters(st) {
  return Object.values(st.filters).reduce((n, vs) => n + vs.length, 0) + (st.from ? 1 : 0) + (st.to ? 1 : 0);
}

export function hasFilters(st) {
  return countFilters(st) > 0;
}

// queryParams are the search parameters shared by the URL and the API.
export function queryParams(st, { withPage = true } = {}) {
  const p = new URLSearchParams();
  if (st.q) p.set('q', st.q);
  for (const f of FILTERS) for (const v of st.filters[f] || []) p.append(f, v);
  appendCustomFilters(p, st.filters);
  if (st.from) p.set('from', st.from);
  if (st.to) p.set('to', st.to);
  if (st.sort === 'date') p.set('sort', 'date');
  if (withPage && st.page && st.page !== '1') p.set('page', st.page);
  return p;
}

export function urlFor(st) {
  let path = '/';
  let p;
  if (st.view === 'doc') {
    path = '/doc/' + encodeURIComponent(st.doc);
    p = new URLSearchParams();
    if (st.q) p.set('q', st.q);
  } else if (st.view === 'kwic') {
    path = '/kwic';
    p = queryParams(st, { withPage: false });
    if (st.ksort) p.set('ksort', st.ksort);
  } else if (st.view === 'distribution' || st.view === 'keywords' || st.view === 'collocates') {
    path = '/' + st.view;
    p = queryParams(st, { withPage: false });
    p.delete('sort');
    for (const [k, v] of st.extra || []) p.append(k, v);
  } else {
    p = queryParams(st);
  }
  const qs = p.toString();
  return path + (qs ? '?' + qs : '') + (st.hash || '');
}

// queryView is the view a new query or filter opens from view: the
// concordance, the distribution and the collocations count the query and
// keep it; from any other view it opens the results.
export function queryView(view) {
  return ['kwic', 'distribution', 'collocates'].includes(view) ? view : 'search';
}

export function withState(changes) {
  const st = parseLocation();
  const next = { ...st, hash: '', ...changes };
  next.filters = { ...st.filters, ...(changes.filters || {}) };
  return next;
}

export function docURL(docId, q, n) {
  return urlFor({ view: 'doc', doc: docId, q, hash: n ? '#p' + n : '' });
}

export function emptyFilters() {
  return Object.fromEntries(FILTERS.map((f) => [f, []]));
}

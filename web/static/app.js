// sessionsearch web UI: a single page over the JSON API, with no build step
// and no dependencies.
//
// Rules this file keeps:
//   - The URL is the whole state (path for the view; q, filters, page, sort
//     and concordance order in the query string; #p{n} for the passage), so
//     every screen can be bookmarked, shared, and reached with back/forward.
//   - Only two strings from the server are inserted as HTML: a hit's
//     snippet and a passage's html, which the server escapes and marks up
//     with <mark>. Everything else goes through textContent (see h()).
//   - The Content-Security-Policy forbids inline scripts and style
//     attributes, so presentation lives in app.css and is switched with
//     classes.

import { distributionView, distributionState, distributionExtra } from './views/distribution.js';
import { keywordsView, keywordsExtra } from './views/keywords.js';

const FILTERS = ['speaker', 'topic', 'session', 'doc', 'kind', 'year'];
const KINDS = ['headline', 'subheadline', 'lead', 'body', 'list', 'caption', 'credit'];
const FACET_PREVIEW = 8; // facet values shown before "show all"
const SUGGEST_DELAY = 150; // ms of quiet typing before asking for suggestions
const KWIC_WIDTH = 30; // characters of context on each side
const KWIC_LIMIT = 1000;
const LANG_KEY = 'sessionsearch.lang';
const EXAMPLES = ['算力之城', '四个自信', '民生实事', '十四五'];

// ---------------------------------------------------------------------------
// Interface language

const MESSAGES = {
  zh: {
    appName: '会议文献检索',
    skip: '跳到主要内容',
    searchLabel: '检索会议文献',
    placeholder: '输入检索词，如 算力之城',
    searchButton: '检索',
    searchHint: '按 / 键聚焦检索框，上下方向键选择建议。',
    suggestionsLabel: '检索建议',
    footer: '全文检索人大、政协会议文献。',
    apiLink: 'API 文档',
    langToggle: 'English',
    langToggleLabel: 'Switch to English',
    homeTitle: '检索人大、政协会议文献',
    homeLede: '在会议报道与政府工作报告的全文中检索：按发言人、主题、会议和文档筛选，在原文中阅读每一处匹配，或把所有用例按语境排列成索引。',
    homeStats: '已收录 {docs} 篇文档、{passages} 个段落。',
    examplesTitle: '试试这些检索',
    syntaxTitle: '检索语法',
    syntaxCol1: '写法',
    syntaxCol2: '含义',
    syntaxTerms: '同时包含两个词，顺序不限',
    syntaxPhrase: '精确短语',
    syntaxExclude: '排除包含该词的段落',
    syntaxOr: '任一词出现即可',
    syntaxSpeaker: '只看某位发言人',
    syntaxTopic: '只看某个主题',
    syntaxKind: '段落类型：headline、lead、body、list、caption…',
    syntaxDoc: '只在某篇文档内检索',
    syntaxDate: '日期范围（也可写 date:2025 或 date:2025-02）',
    keysTitle: '快捷键',
    keySlash: '聚焦检索框',
    keyArrows: '在结果之间移动',
    keyEnter: '打开所选结果',
    keyMatch: '阅读视图中跳到下一处／上一处匹配',
    resultsTitle: '检索结果',
    resultCount: '找到 {total} 条结果',
    took: '用时 {ms} 毫秒',
    liveCount: '找到 {total} 条结果，第 {page} 页',
    noResults: '没有找到相符的段落。',
    noResultsHint: '试试更短的检索词、去掉引号，或清除筛选条件。',
    viewResults: '结果',
    viewKwic: '语境索引',
    viewDistribution: '分布',
    viewKeywords: '关键词',
    viewLabel: '视图',
    sortLabel: '排序',
    sortRelevance: '相关度',
    sortDate: '日期（新→旧）',
    filtersTitle: '筛选',
    filtersToggle: '筛选条件',
    clearAll: '清除全部',
    activeFilters: '当前筛选',
    removeFilter: '移除筛选：{label}',
    filterChip: '{facet}：{value}',
    showAll: '显示全部 {n} 项',
    showFewer: '收起',
    moreTopics: '再显示 {n} 个主题',
    facet_speaker: '发言人',
    facet_topic: '主题',
    facet_session: '会议',
    facet_doc: '文档',
    facet_kind: '段落类型',
    facet_year: '年份',
    dateTitle: '日期范围',
    dateFrom: '起',
    dateTo: '止',
    dateApply: '应用',
    filterBy: '按{facet}筛选：{value}',
    passageN: '第 {n} 段',
    interpreted: '检索式',
    interpTerms: '词',
    interpPhrases: '短语',
    interpAny: '任一',
    interpExclusions: '排除',
    interpExpansions: '同义扩展',
    interpFilters: '条件',
    interpNotes: '说明',
    pagerLabel: '分页',
    prev: '上一页',
    next: '下一页',
    pageN: '第 {n} 页',
    kind_headline: '标题',
    kind_subheadline: '副标题',
    kind_lead: '导语',
    kind_body: '正文',
    kind_list: '名单',
    kind_caption: '图片说明',
    kind_credit: '署名',
    backToResults: '返回结果',
    openKwic: '语境索引',
    metaDate: '日期',
    metaSource: '来源',
    metaReporters: '记者',
    metaPhotographers: '摄影',
    metaSessions: '会议',
    metaMainSession: '报道会议',
    metaPassages: '段落',
    matchesIn: '本文共 {n} 处匹配「{q}」',
    noMatchesIn: '本文中没有「{q}」的匹配',
    matchPos: '第 {i} / {n} 处',
    prevMatch: '上一处',
    nextMatch: '下一处',
    matchNav: '匹配导航',
    passagesLabel: '正文段落',
    speakerLabel: '发言人',
    kwicCount: '共 {total} 处用例',
    kwicTruncated: '（仅显示前 {n} 处）',
    kwicLeft: '左侧语境',
    kwicMatch: '关键词',
    kwicRight: '右侧语境',
    kwicSource: '出处',
    kwicSortLabel: '排列',
    kwicSortText: '文中顺序',
    kwicSortLeft: '按左侧语境',
    kwicSortRight: '按右侧语境',
    kwicCsv: '下载 CSV',
    kwicCaption: '「{q}」的语境索引',
    kwicNeedQuery: '语境索引需要检索词。请在上方输入。',
    kwicNone: '没有找到用例。',
    loading: '正在加载…',
    errorTitle: '出错了',
    errorStatus: '（HTTP {status}）',
    networkError: '无法连接服务器，请检查网络后重试。',
    badResponse: '服务器返回了无法识别的内容。',
    backHome: '返回首页',
    sugg_phrase: '短语',
    sugg_speaker: '发言人',
    sugg_topic: '主题',
    sugg_session: '会议',
    titleSuffix: '会议文献检索',
  },
  en: {
    appName: 'Session Search',
    skip: 'Skip to main content',
    searchLabel: 'Search session documents',
    placeholder: 'Search, e.g. 算力之城',
    searchButton: 'Search',
    searchHint: 'Press / to focus the search box; arrow keys choose a suggestion.',
    suggestionsLabel: 'Suggestions',
    footer: 'Full-text search over people\'s congress and CPPCC session documents.',
    apiLink: 'API reference',
    langToggle: '中文',
    langToggleLabel: '切换到中文',
    homeTitle: 'Search people\'s congress and CPPCC session documents',
    homeLede: 'Search the full text of session reports and government work reports: filter by speaker, topic, session and document, read every match in its document, or line up every occurrence in a concordance.',
    homeStats: '{docs} documents, {passages} passages indexed.',
    examplesTitle: 'Try these searches',
    syntaxTitle: 'Search syntax',
    syntaxCol1: 'Write',
    syntaxCol2: 'To find',
    syntaxTerms: 'passages with both words, in any order',
    syntaxPhrase: 'an exact phrase',
    syntaxExclude: 'leave out passages with a word',
    syntaxOr: 'either word',
    syntaxSpeaker: 'one speaker only',
    syntaxTopic: 'one topic only',
    syntaxKind: 'passage kind: headline, lead, body, list, caption…',
    syntaxDoc: 'within one document',
    syntaxDate: 'a date range (or date:2025, date:2025-02)',
    keysTitle: 'Keyboard',
    keySlash: 'focus the search box',
    keyArrows: 'move through the results',
    keyEnter: 'open the selected result',
    keyMatch: 'next / previous match in the reader',
    resultsTitle: 'Results',
    resultCount: '{total} results',
    took: '{ms} ms',
    liveCount: '{total} results, page {page}',
    noResults: 'No passage matches.',
    noResultsHint: 'Try a shorter query, drop the quotes, or clear the filters.',
    viewResults: 'Results',
    viewKwic: 'Concordance',
    viewDistribution: 'Distribution',
    viewKeywords: 'Keywords',
    viewLabel: 'View',
    sortLabel: 'Sort',
    sortRelevance: 'Relevance',
    sortDate: 'Date (newest first)',
    filtersTitle: 'Filters',
    filtersToggle: 'Filters',
    clearAll: 'Clear all',
    activeFilters: 'Active filters',
    removeFilter: 'Remove filter: {label}',
    filterChip: '{facet}: {value}',
    showAll: 'Show all {n}',
    showFewer: 'Show fewer',
    moreTopics: 'Show {n} more topics',
    facet_speaker: 'Speaker',
    facet_topic: 'Topic',
    facet_session: 'Session',
    facet_doc: 'Document',
    facet_kind: 'Passage kind',
    facet_year: 'Year',
    dateTitle: 'Date range',
    dateFrom: 'From',
    dateTo: 'To',
    dateApply: 'Apply',
    filterBy: 'Filter by {facet}: {value}',
    passageN: '¶ {n}',
    interpreted: 'Query',
    interpTerms: 'terms',
    interpPhrases: 'phrases',
    interpAny: 'any of',
    interpExclusions: 'excluded',
    interpExpansions: 'synonyms',
    interpFilters: 'filters',
    interpNotes: 'notes',
    pagerLabel: 'Pages',
    prev: 'Previous',
    next: 'Next',
    pageN: 'Page {n}',
    kind_headline: 'Headline',
    kind_subheadline: 'Subheadline',
    kind_lead: 'Lead',
    kind_body: 'Body',
    kind_list: 'List',
    kind_caption: 'Caption',
    kind_credit: 'Credit',
    backToResults: 'Back to results',
    openKwic: 'Concordance',
    metaDate: 'Date',
    metaSource: 'Source',
    metaReporters: 'Reporters',
    metaPhotographers: 'Photographers',
    metaSessions: 'Sessions',
    metaMainSession: 'Reports on',
    metaPassages: 'Passages',
    matchesIn: '{n} matches for “{q}” in this document',
    noMatchesIn: 'No match for “{q}” in this document',
    matchPos: '{i} of {n}',
    prevMatch: 'Previous',
    nextMatch: 'Next',
    matchNav: 'Match navigation',
    passagesLabel: 'Passages',
    speakerLabel: 'Speaker',
    kwicCount: '{total} occurrences',
    kwicTruncated: ' (first {n} shown)',
    kwicLeft: 'Left context',
    kwicMatch: 'Keyword',
    kwicRight: 'Right context',
    kwicSource: 'Source',
    kwicSortLabel: 'Order',
    kwicSortText: 'Text order',
    kwicSortLeft: 'By left context',
    kwicSortRight: 'By right context',
    kwicCsv: 'Download CSV',
    kwicCaption: 'Concordance of “{q}”',
    kwicNeedQuery: 'A concordance needs a query: type one above.',
    kwicNone: 'No occurrences found.',
    loading: 'Loading…',
    errorTitle: 'Something went wrong',
    errorStatus: ' (HTTP {status})',
    networkError: 'Cannot reach the server. Check the connection and try again.',
    badResponse: 'The server sent a response that could not be read.',
    backHome: 'Back to the start page',
    sugg_phrase: 'phrase',
    sugg_speaker: 'speaker',
    sugg_topic: 'topic',
    sugg_session: 'session',
    titleSuffix: 'Session Search',
  },
};

function storedLang() {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage disabled: fall back to Chinese
  }
}

const ui = {
  lang: storedLang(),
  seq: 0, // number of the render in progress; older ones drop their results
  controller: null, // aborts the fetches of a superseded render
  inAppNavigations: 0, // entries this page pushed, so "back" can use history
  rendered: '', // path+search of the view on screen
  expandedFacets: new Set(),
  docLabels: new Map(), // doc id -> title, learnt from facets and hits
  readerNav: null, // match navigation of the reader view, when shown
};

function t(key, vars) {
  let s = MESSAGES[ui.lang][key] ?? MESSAGES.zh[key] ?? key;
  if (vars) {
    s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  }
  return s;
}

// tNodes is t for messages with nodes in them: it returns a list of
// strings and nodes to append.
function tNodes(key, vars) {
  const s = MESSAGES[ui.lang][key] ?? MESSAGES.zh[key] ?? key;
  return s.split(/(\{\w+\})/).filter((part) => part !== '').map((part) => {
    const m = /^\{(\w+)\}$/.exec(part);
    return m && m[1] in vars ? vars[m[1]] : part;
  });
}

function kindLabel(kind) {
  return KINDS.includes(kind) ? t('kind_' + kind) : kind;
}

function formatNumber(n) {
  return new Intl.NumberFormat(ui.lang === 'en' ? 'en' : 'zh-CN').format(n);
}

// applyStaticText translates the parts of index.html marked with data-i18n.
function applyStaticText() {
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

// ---------------------------------------------------------------------------
// DOM helpers

// h builds an element. Attributes are set as properties or attributes;
// children are nodes or strings, and strings become text nodes, never HTML.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// setServerHTML inserts HTML that the server escaped and marked up with
// <mark>: a hit's snippet or a passage's html, and nothing else.
function setServerHTML(el, html) {
  el.innerHTML = html || '';
  return el;
}

function $(sel) {
  return document.querySelector(sel);
}

function announce(text) {
  const live = document.getElementById('live');
  live.textContent = '';
  // A fresh text node after a tick makes screen readers repeat even an
  // unchanged message.
  setTimeout(() => { live.textContent = text; }, 30);
}

// ---------------------------------------------------------------------------
// State in the URL

function parseLocation(href = window.location.href) {
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
  if (url.pathname === '/kwic') st.view = 'kwic';
  else if (url.pathname === '/distribution') {
    st.view = 'distribution';
    st.extra = distributionExtra(distributionState(p));
  } else if (url.pathname === '/keywords') {
    st.view = 'keywords';
    st.extra = keywordsExtra((p.get('vs') || '').trim());
  }
  else if (url.pathname.startsWith('/doc/')) {
    st.view = 'doc';
    st.doc = decodeURIComponent(url.pathname.slice('/doc/'.length));
  }
  return st;
}

function unique(list) {
  return [...new Set(list)];
}

function hasFilters(st) {
  return FILTERS.some((f) => st.filters[f].length > 0) || st.from !== '' || st.to !== '';
}

// queryParams are the search parameters shared by the URL and the API.
function queryParams(st, { withPage = true } = {}) {
  const p = new URLSearchParams();
  if (st.q) p.set('q', st.q);
  for (const f of FILTERS) for (const v of st.filters[f]) p.append(f, v);
  if (st.from) p.set('from', st.from);
  if (st.to) p.set('to', st.to);
  if (st.sort === 'date') p.set('sort', 'date');
  if (withPage && st.page && st.page !== '1') p.set('page', st.page);
  return p;
}

function urlFor(st) {
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
  } else if (st.view === 'distribution' || st.view === 'keywords') {
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

function withState(changes) {
  const st = parseLocation();
  const next = { ...st, hash: '', ...changes };
  next.filters = { ...st.filters, ...(changes.filters || {}) };
  return next;
}

function docURL(docId, q, n) {
  return urlFor({ view: 'doc', doc: docId, q, hash: n ? '#p' + n : '' });
}

function navigate(url, { replace = false } = {}) {
  // Remember where the reader was, for when they come back.
  history.replaceState({ ...(history.state || {}), scrollY: window.scrollY }, '');
  if (replace) history.replaceState({}, '', url);
  else {
    history.pushState({}, '', url);
    ui.inAppNavigations++;
  }
  render({ scrollY: 0 });
}

// ---------------------------------------------------------------------------
// The API

class APIError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'APIError';
    this.status = status;
  }
}

// getJSON fetches an API URL. A problem document (RFC 9457) becomes an
// APIError carrying its detail, so the page can say what was wrong.
async function getJSON(url, signal) {
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new APIError(t('networkError'), 0);
  }
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    if (err.name === 'AbortError') throw err;
  }
  if (!res.ok) {
    const detail = body && (body.detail || body.title);
    throw new APIError(detail || `${res.status} ${res.statusText}`, res.status);
  }
  if (body === null) throw new APIError(t('badResponse'), res.status);
  return body;
}

// ---------------------------------------------------------------------------
// Rendering

async function render({ scrollY } = {}) {
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
    else if (st.view === 'distribution') view = await distributionView(st, signal, viewHelpers());
    else if (st.view === 'keywords') view = await keywordsView(st, signal, viewHelpers());
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

// viewHelpers are what the view modules (views/*.js) use of this page.
function viewHelpers() {
  return {
    h, lang: ui.lang, FILTERS, urlFor, queryParams, getJSON, navigate, formatNumber, formatMs, kindLabel, toolbar, activeFilters,
  };
}

function errorView(err, st) {
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

// --- Start page -----------------------------------------------------------

async function homeView(signal) {
  const stats = h('p', { class: 'home-stats' });
  // The stats are a courtesy: the page works without them.
  getJSON('/api/stats', signal).then((s) => {
    if (s && typeof s.documents === 'number') {
      stats.textContent = t('homeStats', { docs: formatNumber(s.documents), passages: formatNumber(s.passages) });
    }
  }).catch(() => {});

  const syntax = [
    ['算力之城 数字经济', 'syntaxTerms'],
    ['"四个自信"', 'syntaxPhrase'],
    ['民生 -实事', 'syntaxExclude'],
    ['能源 OR 算力', 'syntaxOr'],
    ['speaker:刘俊义', 'syntaxSpeaker'],
    ['topic:民生', 'syntaxTopic'],
    ['kind:lead', 'syntaxKind'],
    ['doc:…', 'syntaxDoc'],
    ['date:2025-01-01..2025-12-31', 'syntaxDate'],
  ];
  const keys = [['/', 'keySlash'], ['↑ ↓', 'keyArrows'], ['Enter', 'keyEnter'], ['n / N', 'keyMatch']];
  const node = h('div', { class: 'home' },
    h('section', { class: 'home-intro' },
      h('h1', { class: 'home-title' }, t('homeTitle')),
      h('p', { class: 'home-lede' }, t('homeLede')),
      stats),
    h('section', { class: 'home-examples', 'aria-labelledby': 'examples-title' },
      h('h2', { id: 'examples-title' }, t('examplesTitle')),
      h('ul', { class: 'example-list' },
        EXAMPLES.map((q) => h('li', {}, h('a', { class: 'example', href: urlFor({ view: 'search', q, filters: emptyFilters(), page: '1' }), 'data-route': '' }, q))))),
    h('div', { class: 'home-columns' },
      h('section', { class: 'home-syntax', 'aria-labelledby': 'syntax-title' },
        h('h2', { id: 'syntax-title' }, t('syntaxTitle')),
        h('table', { class: 'syntax-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('syntaxCol1')), h('th', { scope: 'col' }, t('syntaxCol2')))),
          h('tbody', {}, syntax.map(([code, key]) => h('tr', {},
            h('td', {}, code.includes('…') ? h('code', {}, code)
              : h('a', { href: urlFor({ view: 'search', q: code, filters: emptyFilters(), page: '1' }), 'data-route': '' }, h('code', {}, code))),
            h('td', {}, t(key))))))),
      h('section', { class: 'home-keys', 'aria-labelledby': 'keys-title' },
        h('h2', { id: 'keys-title' }, t('keysTitle')),
        h('dl', { class: 'keys' }, keys.map(([k, key]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, t(key))])))));
  return { node, title: '' };
}

function emptyFilters() {
  return Object.fromEntries(FILTERS.map((f) => [f, []]));
}

// --- Results --------------------------------------------------------------

async function resultsView(st, signal) {
  const params = queryParams(st);
  const res = await getJSON('/api/search?' + params.toString(), signal);
  for (const d of (res.facets && res.facets.doc) || []) if (d.label) ui.docLabels.set(d.value, d.label);
  for (const hit of res.hits || []) ui.docLabels.set(hit.doc_id, hit.doc_title);

  const total = res.total || 0;
  const hits = res.hits || [];
  const size = res.size || hits.length || 10;
  const page = res.page || 1;

  const list = h('ol', { class: 'hits', start: (page - 1) * size + 1 },
    hits.map((hit, i) => hitItem(hit, st, i)));

  const body = hits.length > 0 ? [list, pager(st, page, size, total)]
    : h('div', { class: 'panel empty' },
      h('p', { class: 'empty-title' }, t('noResults')),
      h('p', {}, t('noResultsHint')));

  const node = h('div', { class: 'results-layout' },
    facetSidebar(st, res.facets || {}),
    h('section', { class: 'results', 'aria-labelledby': 'results-title' },
      h('h1', { id: 'results-title', class: 'visually-hidden' }, t('resultsTitle')),
      toolbar(st, 'search',
        h('p', { class: 'result-count' },
          tNodes('resultCount', { total: h('strong', { class: 'count-number' }, formatNumber(total)) }),
          h('span', { class: 'took' }, ' · ' + t('took', { ms: formatMs(res.took_ms) })))),
      interpretation(res.interpreted),
      activeFilters(st),
      body));
  announce(t('liveCount', { total: formatNumber(total), page }));
  return { node, title: st.q || t('resultsTitle') };
}

function formatMs(ms) {
  if (typeof ms !== 'number') return '–';
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

function toolbar(st, view, count) {
  const base = { ...st, hash: '', page: '1' };
  const tabs = h('nav', { class: 'view-tabs', 'aria-label': t('viewLabel') },
    h('a', { href: urlFor({ ...base, view: 'search' }), 'data-route': '', class: 'tab', 'aria-current': view === 'search' ? 'page' : null }, t('viewResults')),
    h('a', { href: urlFor({ ...base, view: 'kwic' }), 'data-route': '', class: 'tab', 'aria-current': view === 'kwic' ? 'page' : null }, t('viewKwic')),
    h('a', { href: urlFor({ ...base, view: 'distribution', extra: view === 'distribution' ? base.extra : [] }), 'data-route': '', class: 'tab', 'aria-current': view === 'distribution' ? 'page' : null }, t('viewDistribution')),
    h('a', { href: urlFor({ ...base, view: 'keywords', extra: view === 'keywords' ? base.extra : [] }), 'data-route': '', class: 'tab', 'aria-current': view === 'keywords' ? 'page' : null }, t('viewKeywords')));
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

function hitItem(hit, st, i) {
  const href = docURL(hit.doc_id, st.q, hit.n);
  const speaker = hit.speaker ? h('button', {
    type: 'button', class: 'speaker',
    'aria-pressed': st.filters.speaker.includes(hit.speaker) ? 'true' : 'false',
    'aria-label': t('filterBy', { facet: t('facet_speaker'), value: hit.speaker }),
    onclick: () => addFilter('speaker', hit.speaker),
  }, h('span', { class: 'speaker-name' }, hit.speaker), hit.speaker_role ? h('span', { class: 'speaker-role' }, hit.speaker_role) : null) : null;
  // Topics being filtered on come first, so they are never folded away.
  const ordered = [...(hit.topics || [])].sort((a, b) => Number(st.filters.topic.includes(b)) - Number(st.filters.topic.includes(a)));
  const topics = ordered.map((topic) => h('button', {
    type: 'button', class: 'chip topic',
    'aria-pressed': st.filters.topic.includes(topic) ? 'true' : 'false',
    'aria-label': t('filterBy', { facet: t('facet_topic'), value: topic }),
    onclick: () => addFilter('topic', topic),
  }, topic));
  return h('li', { class: 'hit', dataset: { index: String(i) } },
    h('div', { class: 'hit-head' },
      h('a', { class: 'hit-title', href, 'data-route': '' }, hit.doc_title || hit.doc_id),
      h('span', { class: 'hit-meta' },
        hit.date ? h('time', { datetime: hit.date }, hit.date) : null,
        h('span', { class: 'hit-n' }, t('passageN', { n: hit.n })),
        h('span', { class: 'kind kind-' + hit.kind }, kindLabel(hit.kind)))),
    setServerHTML(h('p', { class: 'snippet', lang: 'zh-CN' }), hit.snippet || escapeText(hit.text)),
    (speaker || topics.length) ? hitTags(speaker, topics) : null);
}

// hitTags shows the speaker and the first topics; a passage that touches
// many topics keeps the rest behind a "+N" button, to keep the list calm.
function hitTags(speaker, topics) {
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
function escapeText(s) {
  const div = document.createElement('div');
  div.textContent = s || '';
  return div.innerHTML;
}

function addFilter(name, value) {
  const st = parseLocation();
  if (st.filters[name].includes(value)) return;
  navigate(urlFor(withState({ view: ['kwic', 'distribution'].includes(st.view) ? st.view : 'search', page: '1', filters: { [name]: [...st.filters[name], value] } })));
}

function toggleFilter(name, value) {
  const st = parseLocation();
  const cur = st.filters[name];
  const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
  navigate(urlFor(withState({ page: '1', filters: { [name]: next } })));
}

function filterLabel(name, value) {
  if (name === 'doc') return ui.docLabels.get(value) || value;
  if (name === 'kind') return kindLabel(value);
  return value;
}

function interpretation(ip) {
  if (!ip) return null;
  const parts = [];
  const add = (key, values, fmt = (v) => v) => {
    if (values && values.length) parts.push(h('span', { class: 'interp-part' }, h('span', { class: 'interp-key' }, t(key)), ' ', values.map((v) => h('code', {}, fmt(v)))));
  };
  add('interpTerms', ip.terms);
  add('interpPhrases', ip.phrases, (v) => `"${v}"`);
  add('interpAny', ip.any, (g) => g.join(' | '));
  add('interpExclusions', ip.exclusions, (v) => '-' + v);
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

function activeFilters(st) {
  const chips = [];
  for (const f of FILTERS) {
    for (const v of st.filters[f]) {
      const label = t('filterChip', { facet: t('facet_' + f), value: filterLabel(f, v) });
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

function clearAll() {
  navigate(urlFor(withState({ page: '1', from: '', to: '', filters: emptyFilters() })));
}

function facetSidebar(st, facets) {
  const sections = FILTERS.map((name) => facetSection(name, facets[name] || [], st));
  const any = hasFilters(st);
  const aside = h('aside', { class: 'facets', 'aria-labelledby': 'facets-title' });
  const toggle = h('button', {
    type: 'button', class: 'facets-toggle', 'aria-expanded': 'false', 'aria-controls': 'facets-body',
    onclick: () => {
      const open = aside.classList.toggle('is-open');
      toggle.setAttribute('aria-expanded', String(open));
    },
  }, t('filtersToggle'), any ? h('span', { class: 'badge' }, String(countFilters(st))) : null);
  append(aside, [
    h('div', { class: 'facets-head' },
      h('h2', { id: 'facets-title', class: 'facets-title' }, t('filtersTitle')),
      toggle,
      any ? h('button', { type: 'button', class: 'link-button clear-all', onclick: clearAll }, t('clearAll')) : null),
    h('div', { class: 'facets-body', id: 'facets-body' }, sections, dateSection(st)),
  ]);
  return aside;
}

function countFilters(st) {
  return FILTERS.reduce((n, f) => n + st.filters[f].length, 0) + (st.from ? 1 : 0) + (st.to ? 1 : 0);
}

function facetSection(name, values, st) {
  const active = st.filters[name];
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
    h('h3', { id: id + '-title', class: 'facet-title' }, t('facet_' + name)),
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

function pager(st, page, size, total) {
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

// --- Reader ---------------------------------------------------------------

async function readerView(st, signal) {
  const params = new URLSearchParams();
  if (st.q) params.set('q', st.q);
  const qs = params.toString();
  const doc = await getJSON('/api/documents/' + encodeURIComponent(st.doc) + (qs ? '?' + qs : ''), signal);
  ui.docLabels.set(doc.id, doc.title);

  const back = h('a', {
    class: 'back-link', href: urlFor({ view: 'search', q: st.q, filters: emptyFilters(), page: '1' }), 'data-route': '',
    onclick: (e) => {
      if (ui.inAppNavigations > 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey) {
        e.preventDefault();
        e.stopPropagation();
        history.back();
      }
    },
  }, '← ', t('backToResults'));
  const kwic = st.q ? h('a', { class: 'tab', href: urlFor({ view: 'kwic', q: st.q, filters: emptyFilters(), hash: '' }), 'data-route': '' }, t('openKwic')) : null;

  const meta = [];
  const addMeta = (key, value) => {
    if (value && (!Array.isArray(value) || value.length)) meta.push(h('dt', {}, t(key)), h('dd', {}, Array.isArray(value) ? value.join('、') : value));
  };
  addMeta('metaDate', doc.date);
  addMeta('metaSource', doc.source);
  addMeta('metaReporters', doc.reporters);
  addMeta('metaPhotographers', doc.photographers);
  addMeta('metaMainSession', doc.main_session && doc.main_session.name);
  addMeta('metaSessions', (doc.sessions || []).map((s) => s.name).filter((n) => !doc.main_session || n !== doc.main_session.name));
  addMeta('metaPassages', String((doc.passages || []).length));

  const passages = (doc.passages || []).map((p) => passageItem(p, doc.id, st.q));
  const list = h('ol', { class: 'passages', 'aria-label': t('passagesLabel') }, passages);

  let bar = null;
  let pos = null;
  if (st.q) {
    const total = doc.matches || 0;
    pos = h('span', { class: 'match-pos', 'aria-live': 'polite' });
    const prev = h('button', { type: 'button', class: 'button-secondary match-prev', title: t('prevMatch') + ' (N)', onclick: () => ui.readerNav && ui.readerNav.step(-1) }, '↑ ', t('prevMatch'));
    const next = h('button', { type: 'button', class: 'button-secondary match-next', title: t('nextMatch') + ' (n)', onclick: () => ui.readerNav && ui.readerNav.step(1) }, '↓ ', t('nextMatch'));
    if (total === 0) { prev.disabled = true; next.disabled = true; }
    bar = h('div', { class: 'match-bar', role: 'toolbar', 'aria-label': t('matchNav') },
      h('span', { class: 'match-summary' }, total ? t('matchesIn', { n: formatNumber(total), q: st.q }) : t('noMatchesIn', { q: st.q })),
      h('span', { class: 'match-controls' }, prev, pos, next));
  }

  const node = h('article', { class: 'reader', 'aria-labelledby': 'doc-title' },
    h('div', { class: 'reader-nav' }, back, kwic),
    h('header', { class: 'doc-header' },
      h('p', { class: 'doc-kicker' }, [doc.date, doc.source].filter(Boolean).join(' · ')),
      h('h1', { id: 'doc-title', class: 'doc-title' }, doc.title || doc.id),
      (doc.subtitles || []).map((s) => h('p', { class: 'doc-subtitle' }, s)),
      meta.length ? h('dl', { class: 'doc-meta' }, meta) : null),
    bar,
    list);

  const after = () => {
    const marks = [...list.querySelectorAll('mark')];
    const target = st.hash && st.hash.startsWith('#p') ? document.getElementById(st.hash.slice(1)) : null;
    ui.readerNav = matchNavigator(marks, pos);
    if (target) {
      const first = marks.findIndex((m) => target.contains(m) || (target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING));
      ui.readerNav.select(first >= 0 ? first : 0, { scroll: false });
      target.classList.add('is-target');
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    } else {
      ui.readerNav.select(0, { scroll: false });
      window.scrollTo(0, 0);
    }
    announce(bar ? bar.querySelector('.match-summary').textContent : doc.title);
  };
  return { node, title: doc.title, after };
}

function passageItem(p, docId, q) {
  const body = h('div', { class: 'passage-text', lang: 'zh-CN' });
  setServerHTML(body, p.html || escapeText(p.text));
  const speaker = p.speaker ? h('p', { class: 'passage-speaker' },
    h('span', { class: 'visually-hidden' }, t('speakerLabel') + '：'),
    h('span', { class: 'speaker-name' }, p.speaker),
    p.speaker_role ? h('span', { class: 'speaker-role' }, p.speaker_role) : null) : null;
  const topics = (p.topics || []).length ? h('p', { class: 'passage-topics' },
    p.topics.map((topic) => h('a', { class: 'chip topic', href: urlFor({ view: 'search', q, filters: { ...emptyFilters(), topic: [topic] }, page: '1' }), 'data-route': '' }, topic))) : null;
  return h('li', { id: 'p' + p.n, class: 'passage kind-' + p.kind + (p.matches ? ' has-match' : ''), tabindex: '-1' },
    h('a', { class: 'passage-n', href: '#p' + p.n, 'aria-label': t('passageN', { n: p.n }) }, String(p.n)),
    h('div', { class: 'passage-body' },
      h('span', { class: 'passage-kind' }, kindLabel(p.kind)),
      speaker, body, topics));
}

// matchNavigator steps through the <mark>s of the reader view.
function matchNavigator(marks, pos) {
  let cur = -1;
  const show = () => {
    if (pos) pos.textContent = marks.length ? t('matchPos', { i: cur + 1, n: marks.length }) : '';
  };
  const nav = {
    select(i, { scroll = true } = {}) {
      if (marks.length === 0) { show(); return; }
      if (cur >= 0) marks[cur].classList.remove('is-current');
      cur = ((i % marks.length) + marks.length) % marks.length;
      marks[cur].classList.add('is-current');
      if (scroll) marks[cur].scrollIntoView({ block: 'center' });
      show();
    },
    step(d) { nav.select(cur + d); },
  };
  return nav;
}

// --- Concordance ----------------------------------------------------------

async function kwicView(st, signal) {
  if (!st.q) {
    return {
      node: h('div', { class: 'panel empty' }, h('p', {}, t('kwicNeedQuery'))),
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
    h('a', { class: 'button-secondary csv-link', href: '/api/kwic?' + csv.toString(), download: true }, '⤓ ', t('kwicCsv')));

  const node = h('section', { class: 'kwic-view', 'aria-labelledby': 'kwic-title' },
    h('h1', { id: 'kwic-title', class: 'visually-hidden' }, t('kwicCaption', { q: st.q })),
    toolbar(st, 'kwic', count),
    activeFilters(st),
    controls,
    lines.length ? h('div', { class: 'kwic-scroll' }, table) : h('div', { class: 'panel empty' }, h('p', {}, t('kwicNone'))));
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
      h('span', { class: 'kwic-source-title' }, l.doc_title || l.doc_id))));
}

// ---------------------------------------------------------------------------
// Search box and suggestions

const box = {
  input: null,
  list: null,
  items: [],
  active: -1,
  timer: 0,
  controller: null,
};

function syncSearchBox(st) {
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

function closeSuggestions() {
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
      view: ['kwic', 'distribution'].includes(st.view) ? st.view : 'search', q, page: '1',
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
  navigate(urlFor(withState({ view: ['kwic', 'distribution'].includes(st.view) ? st.view : 'search', q, page: '1' })));
}

function setupSearchBox() {
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

// ---------------------------------------------------------------------------
// Keyboard and links

// navigableItems are what the arrow keys move through in the current view.
function navigableItems() {
  return [...document.querySelectorAll('#main .hit .hit-title, #main .kwic td.kwic-match a')];
}

function focusItem(items, i) {
  for (const el of document.querySelectorAll('#main .is-selected')) el.classList.remove('is-selected');
  const el = items[i];
  const row = el.closest('.hit, tr');
  if (row) row.classList.add('is-selected');
  el.focus();
  (row || el).scrollIntoView({ block: 'nearest' });
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
    if (target) target.scrollIntoView({ block: 'start' });
    return;
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

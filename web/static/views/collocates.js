// The 搭配 view: what occurs near the query's occurrences (in N characters
// on each side, the same sentence or the same passage), ranked by logDice,
// log-likelihood, MI or frequency. State in the URL, beside q and the
// filters: window, measure, min. A column of a measure sorts by it (the
// server ranks, so that the list is the best of that measure, not a
// reordering of another's); each collocate opens the concordance of the
// two together.

import { getJSON } from '../api.js';
import { h } from '../dom.js';
import { formatDecimal, formatNumber, t, translate } from '../i18n.js';
import { navigate } from '../nav.js';
import { queryParams, urlFor } from '../state.js';
import { activeFilters, downloadLinks, emptyPanel, formatMs, toolbar } from './common.js';

const MEASURES = ['logdice', 'll', 'mi', 'freq'];
const WINDOWS = ['sentence', 'passage', '2', '3', '5', '10', '20'];
const DEFAULT_MIN = 3;

const MESSAGES = {
  zh: {
    title: '搭配',
    caption: '「{q}」的搭配词',
    needQuery: '搭配需要检索词：在上方或下面的框中输入。',
    query: '检索词',
    window: '范围',
    w_sentence: '同一句',
    w_passage: '同一段落',
    w_chars: '前后各 {n} 字',
    measure: '排序',
    m_logdice: 'logDice',
    m_ll: '对数似然',
    m_mi: 'MI',
    m_freq: '共现频次',
    min: '最低共现频次',
    go: '计算',
    collocate: '搭配词',
    freq: '共现频次',
    corpusFreq: '语料频次',
    docs: '文档',
    logdice: 'logDice',
    ll: '对数似然',
    mi: 'MI',
    folded: '已并入',
    sortBy: '按{m}排序',
    none: '没有达到门槛的搭配词。',
    sizes: '「{q}」出现 {fx} 次；范围内 {w} 个汉字；子语料 {n} 个汉字。',
    basis: '搭配词为 2–8 字的汉字串（不跨标点、空白、数字和拉丁字母），在检索词每处出现的范围内计数（每处只计一次，不与检索词重叠），共现频次不低于 {min}；检索词本身及其片段不列出，只出现在更长搭配词之内的片段并入该词。logDice = 14 + log₂(2·f_xy/(f_x+f_y))，MI = log₂(f_xy·N/(f_x·f_y))，对数似然比较范围与子语料其余部分；f_x 为检索词出现次数，f_y 为该词在子语料中的频次，f_xy 为范围内的频次，N 为子语料汉字数。',
    openKwic: '「{q}」与「{k}」同现的语境索引',
  },
  en: {
    title: 'Collocations',
    caption: 'Collocates of “{q}”',
    needQuery: 'Collocations need a query: type one above or below.',
    query: 'Query',
    window: 'Window',
    w_sentence: 'same sentence',
    w_passage: 'same passage',
    w_chars: '{n} characters each side',
    measure: 'Rank by',
    m_logdice: 'logDice',
    m_ll: 'log-likelihood',
    m_mi: 'MI',
    m_freq: 'co-occurrences',
    min: 'Min. co-occurrences',
    go: 'Count',
    collocate: 'Collocate',
    freq: 'Co-occurrences',
    corpusFreq: 'Corpus freq.',
    docs: 'Docs',
    logdice: 'logDice',
    ll: 'Log-likelihood',
    mi: 'MI',
    folded: 'Folded in',
    sortBy: 'Rank by {m}',
    none: 'No collocate reaches the floor.',
    sizes: '“{q}” occurs {fx} times; {w} Chinese characters in its windows; {n} in the subcorpus.',
    basis: 'Collocates are runs of 2–8 Chinese characters (not crossing punctuation, white space, digits or Latin letters) counted in the window of each occurrence of the query (each once, none overlapping the query), at least {min} times; the query and its fragments are left out, and fragments found only inside a longer collocate are folded into it. logDice = 14 + log₂(2·f_xy/(f_x+f_y)), MI = log₂(f_xy·N/(f_x·f_y)), log-likelihood compares the windows with the rest of the subcorpus; f_x is the occurrences of the query, f_y the collocate’s frequency in the subcorpus, f_xy its frequency in the windows, N the subcorpus’ Chinese characters.',
    openKwic: 'Concordance of “{q}” with “{k}”',
  },
};

const m = (key, vars) => translate(MESSAGES, key, vars);

// collocatesState reads the view's own parameters from the URL.
export function collocatesState(params) {
  const w = (params.get('window') || '').trim();
  const min = parseInt(params.get('min') || '', 10);
  return {
    window: w === 'passage' || /^\d+$/.test(w) ? w : 'sentence',
    measure: MEASURES.includes(params.get('measure')) ? params.get('measure') : 'logdice',
    min: min >= 1 ? min : DEFAULT_MIN,
  };
}

// collocatesExtra is the view's state as URL parameters.
export function collocatesExtra(cs) {
  const p = [];
  if (cs.window !== 'sentence') p.push(['window', cs.window]);
  if (cs.measure !== 'logdice') p.push(['measure', cs.measure]);
  if (cs.min !== DEFAULT_MIN) p.push(['min', String(cs.min)]);
  return p;
}

function windowLabel(w) {
  return w === 'sentence' || w === 'passage' ? m('w_' + w) : m('w_chars', { n: w });
}

export async function collocatesView(st, signal) {
  const cs = collocatesState(new URL(window.location.href).searchParams);
  const go = (q, changes) => navigate(urlFor({ ...st, view: 'collocates', q, hash: '', extra: collocatesExtra({ ...cs, ...changes }) }));

  // The form: the query, the window, the measure, the floor.
  const qInput = h('input', { id: 'co-q', type: 'search', class: 'dist-cmp-input', spellcheck: 'false', value: st.q, lang: 'zh-CN' });
  const windows = WINDOWS.includes(cs.window) ? WINDOWS : [...WINDOWS, cs.window];
  const wSelect = h('select', { id: 'co-window', class: 'select' }, windows.map((w) => h('option', { value: w }, windowLabel(w))));
  wSelect.value = cs.window;
  const mSelect = h('select', { id: 'co-measure', class: 'select' }, MEASURES.map((k) => h('option', { value: k }, m('m_' + k))));
  mSelect.value = cs.measure;
  const minInput = h('input', { id: 'co-min', type: 'number', class: 'co-min', min: '1', step: '1', value: String(cs.min) });
  const submit = () => {
    const q = qInput.value.trim();
    if (!q) return;
    go(q, { window: wSelect.value, measure: mSelect.value, min: Math.max(1, parseInt(minInput.value, 10) || DEFAULT_MIN) });
  };
  wSelect.addEventListener('change', submit);
  mSelect.addEventListener('change', submit);
  const form = h('form', { class: 'kw-form co-form', onsubmit: (e) => { e.preventDefault(); submit(); } },
    h('label', { for: 'co-q' }, m('query')), qInput,
    h('div', { class: 'sort' }, h('label', { for: 'co-window' }, m('window')), wSelect),
    h('div', { class: 'sort' }, h('label', { for: 'co-measure' }, m('measure')), mSelect),
    h('div', { class: 'sort' }, h('label', { for: 'co-min' }, m('min')), minInput),
    h('button', { type: 'submit', class: 'search-button co-submit' }, m('go')));

  if (!st.q) {
    return {
      node: h('section', { class: 'co-view' }, h('h1', { class: 'visually-hidden' }, m('title')),
        toolbar(st, 'collocates', h('p', { class: 'result-count' }, m('title'))), form,
        emptyPanel(m('needQuery'))),
      title: m('title'),
      after: () => qInput.focus(),
    };
  }
  const params = queryParams(st, { withPage: false });
  params.delete('sort');
  params.set('window', cs.window);
  params.set('measure', cs.measure);
  params.set('min', String(cs.min));
  const res = await getJSON('/api/collocates?' + params.toString(), signal);
  const fmt = formatNumber;
  const kwicURL = (c) => urlFor({ ...st, view: 'kwic', q: c.kwic, page: '1', hash: '', extra: [] });

  // A measure's column header ranks by it.
  const head = (key, label, measure) => {
    const cls = key === 'collocate' || key === 'folded' ? null : 'num';
    if (!measure) return h('th', { scope: 'col', class: cls }, label);
    const on = cs.measure === measure;
    return h('th', { scope: 'col', class: cls, 'aria-sort': on ? 'descending' : 'none' },
      h('button', {
        type: 'button', class: 'th-sort co-sort', dataset: { measure }, 'aria-label': m('sortBy', { m: label }),
        onclick: () => go(st.q, { measure }),
      }, label));
  };
  const table = h('table', { class: 'kw-table co-table' },
    h('caption', { class: 'visually-hidden' }, m('caption', { q: st.q })),
    h('thead', {}, h('tr', {},
      head('collocate', m('collocate')), head('freq', m('freq'), 'freq'), head('corpusFreq', m('corpusFreq')), head('docs', m('docs')),
      head('logdice', m('logdice'), 'logdice'), head('ll', m('ll'), 'll'), head('mi', m('mi'), 'mi'), head('folded', m('folded')))),
    h('tbody', {}, res.collocates.map((c) => h('tr', {},
      h('th', { scope: 'row', lang: 'zh-CN' }, h('a', { class: 'co-link', href: kwicURL(c), 'data-route': '', 'aria-label': m('openKwic', { q: st.q, k: c.text }) }, c.text)),
      h('td', { class: 'num' }, fmt(c.freq)), h('td', { class: 'num' }, fmt(c.corpus_freq)), h('td', { class: 'num' }, fmt(c.docs)),
      h('td', { class: 'num' }, formatDecimal(c.log_dice)), h('td', { class: 'num' }, formatDecimal(c.log_likelihood)),
      h('td', { class: 'num' }, formatDecimal(c.mi)),
      h('td', { class: 'kw-folded', lang: 'zh-CN' }, c.folded.join('、'))))));
  const stem = 'collocates-' + st.q.replace(/[^\p{L}\p{N}]+/gu, '_').slice(0, 40) + '-' + cs.window;
  const node = h('section', { class: 'co-view', 'aria-labelledby': 'co-title' },
    h('h1', { id: 'co-title', class: 'visually-hidden' }, m('caption', { q: st.q })),
    toolbar(st, 'collocates', h('p', { class: 'result-count' },
      m('sizes', { q: st.q, fx: fmt(res.nodes), w: fmt(res.window_characters), n: fmt(res.han_characters) }),
      h('span', { class: 'took' }, ' · ' + t('took', { ms: formatMs(res.took_ms) })))),
    activeFilters(st),
    form,
    downloadLinks('/api/collocates', params, stem),
    res.collocates.length ? h('div', { class: 'dist-table-scroll' }, table) : emptyPanel(m('none')),
    h('p', { class: 'dist-basis' }, m('basis', { min: res.min })));
  return { node, title: m('caption', { q: st.q }) };
}

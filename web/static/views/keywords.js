// The 关键词 view: the n-grams typical of subcorpus A against B, each
// chosen from the facets (a field and a value; B may be the rest of the
// corpus). A is the usual filters in the URL; B is vs, in the search box's
// filter syntax (vs=year:2014). Each keyword opens its concordance in A.

import { getJSON } from '../api.js';
import { h } from '../dom.js';
import { formatDecimal, formatNumber, kindLabel, t, translate } from '../i18n.js';
import { navigate } from '../nav.js';
import { FILTERS, emptyFilters, queryParams, urlFor } from '../state.js';
import { downloadLinks, emptyPanel, formatMs, toolbar } from './common.js';

const FIELDS = ['year', 'speaker', 'session', 'topic', 'kind', 'doc', 'place', 'level'];

const MESSAGES = {
  zh: {
    title: '关键词',
    caption: '子语料 A 相对 B 的关键词',
    a: '子语料 A',
    b: '对照 B',
    rest: '语料库其余部分',
    field: '字段',
    value: '取值',
    compare: '比较',
    needA: '请选择子语料 A：一个字段和它的取值。',
    keyword: '关键词',
    freqA: 'A 中频次',
    freqB: 'B 中频次',
    docsA: 'A 中文档',
    docsB: 'B 中文档',
    ll: '对数似然',
    lr: 'Log Ratio',
    folded: '已并入',
    none: '没有达到门槛的关键词。',
    sizes: 'A：{a} 个汉字、{pa} 个段落；B：{b} 个汉字、{pb} 个段落。',
    basis: '2–8 字的汉字串（不跨标点、空白、数字和拉丁字母），A 中至少出现 {min} 次、对数似然不小于 {ll}，按对数似然排列；Log Ratio 为效应量（1 表示频率是 B 的两倍）。只出现在更长关键词之内的片段并入该词。',
    openKwic: '「{k}」在 A 中的语境索引',
  },
  en: {
    title: 'Keywords',
    caption: 'Keywords of subcorpus A against B',
    a: 'Subcorpus A',
    b: 'Against B',
    rest: 'the rest of the corpus',
    field: 'Field',
    value: 'Value',
    compare: 'Compare',
    needA: 'Choose subcorpus A: a field and one of its values.',
    keyword: 'Keyword',
    freqA: 'Freq. in A',
    freqB: 'Freq. in B',
    docsA: 'Docs in A',
    docsB: 'Docs in B',
    ll: 'Log-likelihood',
    lr: 'Log Ratio',
    folded: 'Folded in',
    none: 'No keyword reaches the floor.',
    sizes: 'A: {a} Chinese characters, {pa} passages; B: {b} Chinese characters, {pb} passages.',
    basis: 'Runs of 2–8 Chinese characters (not crossing punctuation, white space, digits or Latin letters) occurring at least {min} times in A with a log-likelihood of at least {ll}, ranked by log-likelihood; Log Ratio is the effect size (1: twice as frequent as in B). Fragments found only inside a longer keyword are folded into it.',
    openKwic: 'Concordance of “{k}” in A',
  },
};

// keywordsExtra is vs as a URL parameter.
export function keywordsExtra(vs) {
  return vs ? [['vs', vs]] : [];
}

// boxValue quotes a filter value for the search box's syntax when needed.
function boxValue(v) {
  return /[\s"“”]/.test(v) ? `"${v.replace(/"/g, '')}"` : v;
}

const m = (key, vars) => translate(MESSAGES, key, vars);

export async function keywordsView(st, signal) {
  const vs = (new URL(window.location.href).searchParams.get('vs') || '').trim();
  // The facets of the whole corpus give the values to choose from.
  const all = await getJSON('/api/search?size=1', signal);
  const facets = all.facets || {};
  const aField = FIELDS.find((f) => st.filters[f] && st.filters[f].length) || 'year';
  const aValue = (st.filters[aField] || [])[0] || '';
  const vm = /^(\w+):(.+)$/.exec(vs);
  const bField = vm && FIELDS.includes(vm[1]) ? vm[1] : '';
  const bValue = vm ? vm[2].replace(/^"|"$/g, '') : '';

  const valueOptions = (field, selected) => [
    h('option', { value: '' }, '—'),
    ((facets[field] || []).map((v) => h('option', { value: v.value, selected: v.value === selected ? true : null },
      `${field === 'kind' ? kindLabel(v.value) : v.label || v.value} (${formatNumber(v.count)})`)))];
  const side = (id, field, value, withRest) => {
    const f = h('select', { id: id + '-field', class: 'select' },
      withRest ? h('option', { value: '' }, m('rest')) : null,
      FIELDS.map((x) => h('option', { value: x, selected: x === field ? true : null }, t('facet_' + x))));
    const v = h('select', { id: id + '-value', class: 'select', disabled: withRest && !field ? true : null }, valueOptions(field, value));
    f.addEventListener('change', () => {
      v.replaceChildren(...valueOptions(f.value, '').flat());
      v.disabled = !f.value;
    });
    return { f, v };
  };
  const A = side('kw-a', aField, aValue, false);
  const B = side('kw-b', bField, bValue, true);
  const form = h('form', {
    class: 'kw-form',
    onsubmit: (e) => {
      e.preventDefault();
      if (!A.v.value) return;
      const filters = emptyFilters();
      filters[A.f.value] = [A.v.value];
      const nextVs = B.f.value && B.v.value ? `${B.f.value}:${boxValue(B.v.value)}` : '';
      navigate(urlFor({ ...st, view: 'keywords', q: '', filters, from: '', to: '', hash: '', extra: keywordsExtra(nextVs) }));
    },
  },
  h('fieldset', { class: 'kw-side' }, h('legend', {}, m('a')),
    h('label', { for: 'kw-a-field', class: 'visually-hidden' }, m('field')), A.f,
    h('label', { for: 'kw-a-value', class: 'visually-hidden' }, m('value')), A.v),
  h('fieldset', { class: 'kw-side' }, h('legend', {}, m('b')),
    h('label', { for: 'kw-b-field', class: 'visually-hidden' }, m('field')), B.f,
    h('label', { for: 'kw-b-value', class: 'visually-hidden' }, m('value')), B.v),
  h('button', { type: 'submit', class: 'search-button kw-submit' }, m('compare')));

  const head = toolbar(st, 'keywords', h('p', { class: 'result-count' }, m('caption')));
  const hasA = FILTERS.some((f) => st.filters[f].length) || st.q || st.from || st.to;
  if (!hasA) {
    return {
      node: h('section', { class: 'kw-view' }, h('h1', { class: 'visually-hidden' }, m('title')), head, form,
        emptyPanel(m('needA'))),
      title: m('title'),
    };
  }
  const params = queryParams(st, { withPage: false });
  params.delete('sort');
  if (vs) params.set('vs', vs);
  const res = await getJSON('/api/keywords?' + params.toString(), signal);
  const fmt = formatNumber;
  const kwicURL = (k) => urlFor({ ...st, view: 'kwic', q: `"${k}"`, page: '1', hash: '', extra: [] });
  const table = h('table', { class: 'kw-table' },
    h('caption', { class: 'visually-hidden' }, m('caption')),
    h('thead', {}, h('tr', {}, ['keyword', 'freqA', 'freqB', 'docsA', 'docsB', 'll', 'lr', 'folded'].map((k) =>
      h('th', { scope: 'col', class: ['keyword', 'folded'].includes(k) ? null : 'num' }, m(k))))),
    h('tbody', {}, res.keywords.map((k) => h('tr', {},
      h('th', { scope: 'row', lang: 'zh-CN' }, h('a', { class: 'kw-link', href: kwicURL(k.text), 'data-route': '', 'aria-label': m('openKwic', { k: k.text }) }, k.text)),
      h('td', { class: 'num' }, fmt(k.freq_a)), h('td', { class: 'num' }, fmt(k.freq_b)),
      h('td', { class: 'num' }, fmt(k.docs_a)), h('td', { class: 'num' }, fmt(k.docs_b)),
      h('td', { class: 'num' }, formatDecimal(k.log_likelihood)), h('td', { class: 'num' }, formatDecimal(k.log_ratio)),
      h('td', { class: 'kw-folded', lang: 'zh-CN' }, k.folded.join('、'))))));
  const node = h('section', { class: 'kw-view', 'aria-labelledby': 'kw-title' },
    h('h1', { id: 'kw-title', class: 'visually-hidden' }, m('title')),
    head, form,
    h('p', { class: 'kw-sizes' }, m('sizes', { a: fmt(res.a.han_characters), pa: fmt(res.a.size.passages), b: fmt(res.b.han_characters), pb: fmt(res.b.size.passages) }),
      h('span', { class: 'took' }, ' · ' + t('took', { ms: formatMs(res.took_ms) }))),
    downloadLinks('/api/keywords', params, 'keywords'),
    res.keywords.length ? h('div', { class: 'dist-table-scroll' }, table) : emptyPanel(m('none')),
    h('p', { class: 'dist-basis' }, m('basis', { min: res.min, ll: res.min_ll })));
  return { node, title: m('title') };
}

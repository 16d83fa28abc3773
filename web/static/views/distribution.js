// The 分布 view: how often the query (and the queries compared with it)
// occurs in each year, session, speaker, document, topic or kind of the
// subcorpus set by the filters. The chart is inline SVG drawn here; the
// table under it holds the same numbers for screen readers and copying.
//
// State in the URL, beside the usual q and filters: cmp (more queries,
// repeated), by (the field), measure (rate or count).

import { getJSON } from '../api.js';
import { append, h } from '../dom.js';
import { formatDecimal, formatNumber, kindLabel, t, translate } from '../i18n.js';
import { navigate } from '../nav.js';
import { FILTERS, queryParams, urlFor } from '../state.js';
import { activeFilters, downloadLinks, emptyPanel, formatMs, toolbar } from './common.js';

const FIELDS = ['year', 'session', 'speaker', 'doc', 'topic', 'kind', 'place', 'level'];
const MAX_QUERIES = 8;
const W = 760; // chart width in SVG units
const H = 300;
const PAD = { left: 56, right: 16, top: 16, bottom: 64 };

const MESSAGES = {
  zh: {
    title: '分布',
    caption: '「{q}」的分布',
    needQuery: '分布需要检索词。请在上方输入。',
    by: '按',
    by_year: '年份', by_session: '会议', by_speaker: '发言人', by_doc: '文档', by_topic: '主题', by_kind: '段落类型', by_place: '地点', by_level: '级别',
    measure: '显示',
    rate: '每万字频次',
    count: '出现次数',
    compare: '对比检索词',
    compareAdd: '加入对比',
    remove: '移除「{q}」',
    bucket: '分组',
    size: '字数',
    passages: '段落',
    documents: '文档',
    occurrences: '次数',
    holding: '含该词段落',
    holdingDocs: '含该词文档',
    rateCol: '每万字',
    rest: '其余 {n} 组',
    none: '（无）',
    total: '合计',
    corpus: '子语料：{chars} 字、{passages} 个段落、{docs} 篇文档。',
    basis: '频次按每一万字计（段落全文，标点、空白均计入）。',
    openBucket: '打开「{value}」中的结果',
    chartLabel: '{q} 按{by}的分布图',
  },
  en: {
    title: 'Distribution',
    caption: 'Distribution of “{q}”',
    needQuery: 'A distribution needs a query: type one above.',
    by: 'By',
    by_year: 'year', by_session: 'session', by_speaker: 'speaker', by_doc: 'document', by_topic: 'topic', by_kind: 'passage kind', by_place: 'place', by_level: 'level',
    measure: 'Show',
    rate: 'per 10,000 characters',
    count: 'occurrences',
    compare: 'Compare with',
    compareAdd: 'Add',
    remove: 'Remove “{q}”',
    bucket: 'Bucket',
    size: 'Characters',
    passages: 'Passages',
    documents: 'Documents',
    occurrences: 'Occurrences',
    holding: 'Passages with it',
    holdingDocs: 'Documents with it',
    rateCol: 'Per 10,000',
    rest: '{n} more',
    none: '(none)',
    total: 'Total',
    corpus: 'Subcorpus: {chars} characters, {passages} passages, {docs} documents.',
    basis: 'Rates are per 10,000 characters of passage text, punctuation and white space included.',
    openBucket: 'Open the results in “{value}”',
    chartLabel: 'Chart of {q} by {by}',
  },
};

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  }
  return append(el, children);
}

// distributionState reads the view's own parameters from the URL.
export function distributionState(params) {
  const by = params.get('by');
  return {
    cmp: [...new Set(params.getAll('cmp').map((s) => s.trim()).filter((s) => s !== ''))].slice(0, MAX_QUERIES - 1),
    by: by || 'year',
    measure: params.get('measure') === 'count' ? 'count' : 'rate',
  };
}

// distributionExtra is the view's state as URL parameters.
export function distributionExtra(ds) {
  const p = [];
  for (const c of ds.cmp) p.push(['cmp', c]);
  if (ds.by !== 'year') p.push(['by', ds.by]);
  if (ds.measure !== 'rate') p.push(['measure', ds.measure]);
  return p;
}

const m = (key, vars) => translate(MESSAGES, key, vars);

// distributionView renders the view for the app state st.
export async function distributionView(st, signal) {
  if (!st.q) {
    return {
      node: emptyPanel(m('needQuery')),
      title: m('title'),
      after: () => document.getElementById('q').focus(),
    };
  }
  const ds = distributionState(new URL(window.location.href).searchParams);
  const queries = [st.q, ...ds.cmp.filter((c) => c !== st.q)];
  const params = queryParams(st, { withPage: false });
  params.delete('sort');
  params.delete('q');
  for (const q of queries) params.append('q', q);
  params.set('by', ds.by);
  const res = await getJSON('/api/distribution?' + params.toString(), signal);
  const go = (changes) => navigate(urlFor({ ...st, hash: '', extra: distributionExtra({ ...ds, ...changes }) }));
  const fmt = formatNumber;
  const value = (c) => (ds.measure === 'rate' ? c.rate : c.occurrences);
  const label = (b) => {
    if (b.none) return m('none');
    if (b.rest) return m('rest', { n: b.buckets });
    if (ds.by === 'kind') return kindLabel(b.value);
    return b.label || b.value;
  };

  const buckets = res.buckets.map((b) => ({ ...b }));
  if (res.rest) buckets.push({ ...res.rest, rest: true, value: '' });
  if (res.none) buckets.push({ ...res.none, none: true, value: '' });

  // Controls: the field, the measure, the queries compared.
  const bySelect = h('select', { id: 'dist-by', class: 'select' }, FIELDS.map((f) => h('option', { value: f }, m('by_' + f))));
  bySelect.value = ds.by;
  bySelect.addEventListener('change', () => go({ by: bySelect.value }));
  const measure = h('div', { class: 'dist-measure', role: 'group', 'aria-label': m('measure') },
    ['rate', 'count'].map((k) => h('button', {
      type: 'button', class: 'button-secondary dist-measure-' + k, 'aria-pressed': ds.measure === k ? 'true' : 'false',
      onclick: () => go({ measure: k }),
    }, m(k))));
  const cmpInput = h('input', { id: 'dist-cmp', type: 'search', class: 'dist-cmp-input', spellcheck: 'false', placeholder: m('compare') });
  const cmpForm = h('form', {
    class: 'dist-cmp',
    onsubmit: (e) => {
      e.preventDefault();
      const q = cmpInput.value.trim();
      if (q && !queries.includes(q) && queries.length < MAX_QUERIES) go({ cmp: [...ds.cmp, q] });
    },
  }, h('label', { for: 'dist-cmp', class: 'visually-hidden' }, m('compare')), cmpInput,
  h('button', { type: 'submit', class: 'button-secondary' }, m('compareAdd')));
  const legend = h('ul', { class: 'dist-legend' }, queries.map((q, i) => h('li', { class: 'dist-legend-item' },
    h('span', { class: 'dist-swatch series-' + i, 'aria-hidden': 'true' }), q,
    i > 0 ? h('button', { type: 'button', class: 'dist-remove', 'aria-label': m('remove', { q }), onclick: () => go({ cmp: ds.cmp.filter((c) => c !== q) }) }, '×') : null)));

  const stem = 'distribution-' + queries.join('_').replace(/[^\p{L}\p{N}]+/gu, '_').slice(0, 40) + '-' + ds.by;
  const downloads = downloadLinks('/api/distribution', params, stem);

  // A bucket opens the results filtered to it; the rest, none and the
  // empty years between others do not.
  const bucketURL = (b) => (b.rest || b.none || b.size.passages === 0 || !FILTERS.includes(ds.by) ? null
    : urlFor({ ...st, view: 'search', page: '1', hash: '', extra: [], filters: { ...st.filters, [ds.by]: [...new Set([...(st.filters[ds.by] || []), b.value])] } }));

  // The tooltip: every figure of the bucket.
  const tip = h('div', { class: 'dist-tooltip', role: 'tooltip', id: 'dist-tooltip', hidden: true });
  const showTip = (b, x) => {
    tip.replaceChildren(
      h('p', { class: 'dist-tip-title' }, label(b)),
      h('p', { class: 'dist-tip-size' }, `${m('size')} ${fmt(b.size.characters)} · ${m('passages')} ${fmt(b.size.passages)} · ${m('documents')} ${fmt(b.size.documents)}`),
      h('table', { class: 'dist-tip-table' }, h('tbody', {}, queries.map((q, i) => h('tr', {},
        h('th', { scope: 'row' }, h('span', { class: 'dist-swatch series-' + i, 'aria-hidden': 'true' }), q),
        h('td', {}, `${m('occurrences')} ${fmt(b.counts[i].occurrences)}`),
        h('td', {}, `${m('holding')} ${fmt(b.counts[i].passages)}`),
        h('td', {}, `${m('holdingDocs')} ${fmt(b.counts[i].documents)}`),
        h('td', {}, `${m('rateCol')} ${formatDecimal(b.counts[i].rate)}`))))));
    // Placed by class (the page sets no style from script): above the
    // chart, at the nearest twentieth of its width to the bucket.
    tip.className = 'dist-tooltip dist-at-' + Math.max(0, Math.min(20, Math.round(x * 20)));
    tip.hidden = false;
  };
  const hideTip = () => { tip.hidden = true; };

  // The chart.
  const n = buckets.length;
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  let top = 0;
  for (const b of buckets) for (const c of b.counts) top = Math.max(top, value(c));
  const ticks = niceTicks(top);
  const ymax = ticks[ticks.length - 1] || 1;
  const y = (v) => PAD.top + ih - (v / ymax) * ih;
  const slot = iw / Math.max(n, 1);
  const cx = (i) => PAD.left + slot * (i + 0.5);
  const chart = svg('svg', { class: 'dist-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': m('chartLabel', { q: queries.join('、'), by: m('by_' + ds.by) }) });
  for (const t of ticks) {
    chart.append(svg('line', { class: 'dist-grid', x1: PAD.left, x2: W - PAD.right, y1: y(t), y2: y(t) }),
      svg('text', { class: 'dist-axis', x: PAD.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, ds.measure === 'rate' ? formatDecimal(t) : fmt(t)));
  }
  const lines = ds.by === 'year' && n > 1;
  if (lines) {
    queries.forEach((q, qi) => {
      const pts = buckets.filter((b) => !b.none).map((b, i) => `${cx(i).toFixed(1)},${y(value(b.counts[qi])).toFixed(1)}`);
      chart.append(svg('polyline', { class: 'dist-line series-' + qi, points: pts.join(' ') }));
    });
  }
  buckets.forEach((b, i) => {
    const g = svg('g', { class: 'dist-bucket', 'data-value': b.value, 'data-index': i });
    if (lines && !b.none) {
      queries.forEach((q, qi) => g.append(svg('circle', { class: 'dist-point series-' + qi, cx: cx(i), cy: y(value(b.counts[qi])), r: 3.5 })));
    } else {
      const bw = Math.min(36, (slot * 0.8) / queries.length);
      queries.forEach((q, qi) => {
        const v = value(b.counts[qi]);
        const x0 = cx(i) - (bw * queries.length) / 2 + qi * bw;
        g.append(svg('rect', { class: 'dist-bar series-' + qi, x: x0, y: y(v), width: Math.max(bw - 1, 1), height: Math.max(PAD.top + ih - y(v), 0) }));
      });
    }
    const every = Math.ceil(n / 24);
    if (i % every === 0) {
      const text = String(label(b));
      g.append(svg('text', {
        class: 'dist-axis dist-xlabel', x: cx(i), y: H - PAD.bottom + 14,
        'text-anchor': ds.by === 'year' ? 'middle' : 'end',
        transform: ds.by === 'year' ? null : `rotate(-35 ${cx(i)} ${H - PAD.bottom + 14})`,
      }, text.length > 10 ? text.slice(0, 9) + '…' : text));
    }
    const hit = svg('rect', { class: 'dist-hit', x: PAD.left + slot * i, y: PAD.top, width: slot, height: ih, tabindex: '0', 'aria-label': label(b) });
    g.append(hit);
    const url = bucketURL(b);
    if (url) g.classList.add('is-link');
    const place = () => showTip(b, cx(i) / W);
    hit.addEventListener('mouseenter', place);
    hit.addEventListener('focus', place);
    hit.addEventListener('mouseleave', hideTip);
    hit.addEventListener('blur', hideTip);
    if (url) {
      hit.addEventListener('click', () => navigate(url));
      hit.addEventListener('keydown', (e) => { if (e.key === 'Enter') navigate(url); });
    }
    chart.append(g);
  });
  chart.append(svg('line', { class: 'dist-baseline', x1: PAD.left, x2: W - PAD.right, y1: PAD.top + ih, y2: PAD.top + ih }));
  const wrap = h('div', { class: 'dist-chart-wrap' }, chart, tip);

  // The table of the same numbers.
  const head = h('tr', {}, h('th', { scope: 'col' }, m('by_' + ds.by)), h('th', { scope: 'col', class: 'num' }, m('size')),
    h('th', { scope: 'col', class: 'num' }, m('passages')), h('th', { scope: 'col', class: 'num' }, m('documents')),
    queries.map((q) => [
      h('th', { scope: 'col', class: 'num' }, `${q} · ${m('occurrences')}`),
      h('th', { scope: 'col', class: 'num' }, `${q} · ${m('holding')}`),
      h('th', { scope: 'col', class: 'num' }, `${q} · ${m('holdingDocs')}`),
      h('th', { scope: 'col', class: 'num' }, `${q} · ${m('rateCol')}`)]));
  const row = (b, name, url) => h('tr', {},
    h('th', { scope: 'row' }, url ? h('a', { href: url, 'data-route': '', 'aria-label': m('openBucket', { value: name }) }, name) : name),
    h('td', { class: 'num' }, fmt(b.size.characters)), h('td', { class: 'num' }, fmt(b.size.passages)), h('td', { class: 'num' }, fmt(b.size.documents)),
    b.counts.map((c) => [h('td', { class: 'num' }, fmt(c.occurrences)), h('td', { class: 'num' }, fmt(c.passages)),
      h('td', { class: 'num' }, fmt(c.documents)), h('td', { class: 'num' }, formatDecimal(c.rate))]));
  const table = h('table', { class: 'dist-table' },
    h('caption', {}, m('caption', { q: queries.join('、') })),
    h('thead', {}, head),
    h('tbody', {}, buckets.map((b) => row(b, label(b), bucketURL(b)))),
    h('tfoot', {}, row({ size: res.corpus, counts: res.totals }, m('total'), null)));

  const node = h('section', { class: 'dist-view', 'aria-labelledby': 'dist-title' },
    h('h1', { id: 'dist-title', class: 'visually-hidden' }, m('caption', { q: queries.join('、') })),
    toolbar(st, 'distribution', h('p', { class: 'result-count' },
      m('corpus', { chars: fmt(res.corpus.characters), passages: fmt(res.corpus.passages), docs: fmt(res.corpus.documents) }),
      h('span', { class: 'took' }, ' · ' + t('took', { ms: formatMs(res.took_ms) })))),
    activeFilters(st),
    h('div', { class: 'dist-controls' },
      h('div', { class: 'sort' }, h('label', { for: 'dist-by' }, m('by')), bySelect),
      measure, cmpForm, downloads),
    legend,
    wrap,
    h('p', { class: 'dist-basis' }, m('basis')),
    h('div', { class: 'dist-table-scroll' }, table));
  return { node, title: m('caption', { q: queries.join('、') }) };
}

// niceTicks returns 4–6 round axis values from 0 to at least top.
function niceTicks(top) {
  if (!(top > 0)) return [0, 1];
  const raw = top / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * mag).find((s) => s >= raw);
  const out = [];
  for (let v = 0; v < top + step / 2; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < top) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

// The results view: hits with snippets, facets, pages.

import { getJSON } from '../api.js';
import { announce, h, setServerHTML } from '../dom.js';
import { formatNumber, kindLabel, t, tNodes } from '../i18n.js';
import { docURL, queryParams } from '../state.js';
import { ui } from '../ui.js';
import { activeFilters, addFilter, citeButton, escapeText, facetSidebar, formatMs, hitTags, interpretation, pager, toolbar } from './common.js';

export async function resultsView(st, signal) {
  const params = queryParams(st);
  const res = await getJSON('/api/search?' + params.toString(), signal);
  for (const d of (res.facets && res.facets.doc) || []) if (d.label) ui.docLabels.set(d.value, d.label);
  for (const hit of res.hits || []) ui.docLabels.set(hit.doc_id, hit.doc_label || hit.doc_title);

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
        hit.permalink ? h('a', { class: 'hit-n permalink', href: hit.permalink, 'data-route': '', title: t('permalink') }, t('passageN', { n: hit.n }))
          : h('span', { class: 'hit-n' }, t('passageN', { n: hit.n })),
        h('span', { class: 'kind kind-' + hit.kind }, kindLabel(hit.kind)),
        hit.citation ? citeButton(hit.n, async () => hit) : null)),
    setServerHTML(h('p', { class: 'snippet', lang: 'zh-CN' }), hit.snippet || escapeText(hit.text)),
    (speaker || topics.length) ? hitTags(speaker, topics) : null);
}

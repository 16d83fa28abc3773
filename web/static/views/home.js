// The start page: what the corpus holds, examples and the query syntax.

import { getJSON } from '../api.js';
import { h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { emptyFilters, urlFor } from '../state.js';

const EXAMPLES = ['算力之城', '四个自信', '民生实事', '十四五'];

export async function homeView(signal) {
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
    ['地点:大同市', 'syntaxPlace'],
    ['总理:…', 'syntaxField'],
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

// The reader view: one document with every match marked.

import { APIError, getJSON } from '../api.js';
import { announce, h, setServerHTML } from '../dom.js';
import { formatNumber, kindLabel, t } from '../i18n.js';
import { emptyFilters, urlFor } from '../state.js';
import { ui } from '../ui.js';
import { citeButton, escapeText } from './common.js';
import { provenanceText } from '../fields.js';

export async function readerView(st, signal) {
  const params = new URLSearchParams();
  if (st.q) params.set('q', st.q);
  const qs = params.toString();
  let doc;
  try {
    doc = await getJSON('/api/documents/' + encodeURIComponent(st.doc) + (qs ? '?' + qs : ''), signal);
  } catch (err) {
    // A permalink to a document removed or renamed since: say so, not
    // the API's bare "no document".
    if (err.status === 404) throw new APIError(t('docGone'), 404);
    throw err;
  }
  ui.docLabels.set(doc.id, doc.label || doc.title);

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
  addMeta('metaPlace', doc.place);
  addMeta('metaLevel', doc.level);
  addMeta('metaSpeaker', doc.speaker);
  for (const [name, value] of Object.entries(doc.fields || {}).sort()) meta.push(h('dt', {}, name), h('dd', {}, value));
  addMeta('metaPassages', String((doc.passages || []).length));
  addMeta('metaProvenance', provenanceText(doc, t));

  const passages = (doc.passages || []).map((p) => passageItem(p, doc.id, st.q));
  const list = h('ol', { class: 'passages', 'aria-label': t('passagesLabel') }, passages);
  const link = linkedPassage(st.hash, doc.passages || []);
  const notice = link && link.notice ? h('p', { class: 'permalink-notice', role: 'status' }, link.notice) : null;

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
    notice,
    list);

  const after = () => {
    const marks = [...list.querySelectorAll('mark')];
    const target = link && link.n ? document.getElementById('p' + link.n) : null;
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
    announce(notice ? notice.textContent : bar ? bar.querySelector('.match-summary').textContent : doc.title);
  };
  return { node, title: doc.title, after };
}

// linkedPassage reads the passage a URL's fragment points at: #p{n}, or a
// permalink's #p{n}-{fingerprint}. With a fingerprint, a passage whose
// text is no longer the one the link was made for is told: found where it
// moved to when another passage has its fingerprint, else the passage at
// n with a note that it changed. { n, notice }, n 0 when there is none.
function linkedPassage(hash, passages) {
  const m = /^#p(\d+)(?:-([0-9a-f]+))?$/.exec(hash || '');
  if (!m) return null;
  const n = Number(m[1]);
  const fp = m[2];
  const at = passages.find((p) => p.n === n);
  if (fp && (!at || at.fingerprint !== fp)) {
    const moved = passages.find((p) => p.fingerprint === fp);
    if (moved) return { n: moved.n, notice: t('permalinkMoved', { from: n, to: moved.n }) };
    if (at) return { n, notice: t('permalinkChanged', { n }) };
  }
  if (!at) return { n: 0, notice: t('permalinkMissing', { n, total: passages.length }) };
  return { n, notice: '' };
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
      h('div', { class: 'passage-head' },
        h('span', { class: 'passage-kind' }, kindLabel(p.kind)),
        citeButton(p.n, () => getJSON('/api/documents/' + encodeURIComponent(docId) + '/cite?n=' + p.n))),
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

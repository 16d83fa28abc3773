// In-page navigation: pushing a URL and drawing its view, and the items
// the arrow keys move through.

import { ui } from './ui.js';

let renderer = () => {};

// onNavigate sets what navigate calls to draw the new URL's view.
export function onNavigate(render) {
  renderer = render;
}

export function navigate(url, { replace = false } = {}) {
  // Remember where the reader was, for when they come back.
  history.replaceState({ ...(history.state || {}), scrollY: window.scrollY }, '');
  if (replace) history.replaceState({}, '', url);
  else {
    history.pushState({}, '', url);
    ui.inAppNavigations++;
  }
  renderer({ scrollY: 0 });
}

// navigableItems are what the arrow keys move through in the current view.
export function navigableItems() {
  return [...document.querySelectorAll('#main .hit .hit-title, #main .kwic td.kwic-match a')];
}

export function focusItem(items, i) {
  for (const el of document.querySelectorAll('#main .is-selected')) el.classList.remove('is-selected');
  const el = items[i];
  const row = el.closest('.hit, tr');
  if (row) row.classList.add('is-selected');
  el.focus();
  (row || el).scrollIntoView({ block: 'nearest' });
}

// The page's shared state that is not in the URL: the interface language
// and what the render in progress and the views remember.

export const LANG_KEY = 'sessionsearch.lang';

function storedLang() {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage disabled: fall back to Chinese
  }
}

export const ui = {
  lang: storedLang(),
  seq: 0, // number of the render in progress; older ones drop their results
  controller: null, // aborts the fetches of a superseded render
  inAppNavigations: 0, // entries this page pushed, so "back" can use history
  rendered: '', // path+search of the view on screen
  expandedFacets: new Set(),
  docLabels: new Map(), // doc id -> title, learnt from facets and hits
  readerNav: null, // match navigation of the reader view, when shown
};

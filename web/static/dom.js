// DOM helpers. Strings become text nodes, never HTML, except through
// setServerHTML.

// h builds an element. Attributes are set as properties or attributes;
// children are nodes or strings, and strings become text nodes, never HTML.
export function h(tag, attrs, ...children) {
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

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// setServerHTML inserts HTML that the server escaped and marked up with
// <mark>: a hit's snippet or a passage's html, and nothing else.
export function setServerHTML(el, html) {
  el.innerHTML = html || '';
  return el;
}

export function announce(text) {
  const live = document.getElementById('live');
  live.textContent = '';
  // A fresh text node after a tick makes screen readers repeat even an
  // unchanged message.
  setTimeout(() => { live.textContent = text; }, 30);
}

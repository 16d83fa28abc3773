// The API client: JSON over fetch, RFC 9457 problems as APIError.

import { t } from './i18n.js';

export class APIError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'APIError';
    this.status = status;
  }
}

// getJSON fetches an API URL. A problem document (RFC 9457) becomes an
// APIError carrying its detail, so the page can say what was wrong.
export async function getJSON(url, signal) {
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

// HTTP to the service on this origin (API.md): JSON in and out, HTTP Basic for writes, problem+json errors.
import { el } from './dom.js';

/** A failed call: the problem body's title, detail and errors, and which call it was. */
export class ApiError extends Error {
  constructor(status, title, detail, errors, where) {
    super(title + (detail ? ': ' + detail : ''));
    Object.assign(this, { status, title, detail, errors: errors || [], where });
  }
}

let creds = null; // {user, token}: what writes are sent with

/** The signed-in user, or null. */
export function credentials() {
  return creds;
}
export function setCredentials(c) {
  creds = c && c.user && c.token ? { user: c.user, token: c.token } : null;
}

/** The token of an HTTP Basic header, UTF-8 safe. */
export function basicToken(user, pass) {
  const bytes = new TextEncoder().encode(user + ':' + pass);
  let s = '';
  bytes.forEach(b => {
    s += String.fromCharCode(b);
  });
  return btoa(s);
}

/**
 * Calls path (relative to the board, so the board works under any prefix); the parsed JSON, or throws ApiError.
 * A string body goes as it is with contentType (a CSV import); any other body as JSON.
 */
export async function api(path, { method = 'GET', body, auth = false, contentType } = {}) {
  return (await json(path, { method, body, auth, contentType })).data;
}

/**
 * A page of a list that the service pages (GET /operators): {items, next}, next being the path of the following
 * page as its Link header (rel="next") names it, or null after the last; or throws ApiError.
 */
export async function apiPage(path) {
  const { data, res } = await json(path, { method: 'GET' });
  return { items: Array.isArray(data) ? data : [], next: nextPage(res.headers.get('Link'), path) };
}

/**
 * The next page's path from a Link header, relative like path: the service writes the link from its root
 * ("</operators?after=X&limit=100>"), which is wrong for a board served under a prefix, so only its query is taken.
 */
export function nextPage(link, path) {
  const m = link ? /<([^>]*)>\s*;\s*rel="?next"?/i.exec(link) : null;
  if (!m) return null;
  const q = m[1].indexOf('?');
  return path.split('?')[0] + (q >= 0 ? m[1].slice(q) : '');
}

async function json(path, { method, body, auth, contentType }) {
  const res = await send(path, {
    method,
    body,
    auth,
    contentType,
    accept: 'application/json, application/problem+json',
  });
  const data = parsed(await res.text());
  if (!res.ok) throw problemOf(res, data, method, path);
  return { data, res };
}

/** The JSON of a body, or null for an empty or unreadable one. */
function parsed(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * A spreadsheet: GET path with Accept: text/csv. {blob, text, name}: the file as the service sent it, its text, and
 * the name its Content-Disposition gives (else fallbackName); or throws ApiError.
 */
export async function fetchCsv(path, fallbackName) {
  const res = await send(path, { method: 'GET', accept: 'text/csv' });
  if (!res.ok) throw problemOf(res, parsed(await res.text()), 'GET', path);
  const type = res.headers.get('Content-Type') || '';
  if (!/^text\/csv\b/i.test(type)) {
    throw new ApiError(
      res.status,
      'Not a spreadsheet',
      `the service answered ${type || 'no content type'}`,
      [],
      'GET /' + path,
    );
  }
  const blob = await res.blob();
  return { blob, text: await blob.text(), name: fileName(res.headers.get('Content-Disposition')) || fallbackName };
}

/** The filename of a Content-Disposition header (filename* or filename), or null. */
export function fileName(header) {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed percent-encoding: the plain filename below, if any
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header);
  const name = plain ? (plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]) : null;
  // a name only, never a path
  return name ? name.split(/[\\/]/).pop() || null : null;
}

async function send(path, { method, body, auth, contentType, accept }) {
  const headers = { Accept: accept };
  const raw = typeof body === 'string';
  if (body !== undefined) headers['Content-Type'] = raw ? contentType || 'text/plain' : 'application/json';
  if (auth && creds) headers.Authorization = 'Basic ' + creds.token;
  try {
    // credentials 'omit': our own Authorization header still goes out, but the browser never pops its login dialog
    return await fetch(path, {
      method,
      headers,
      cache: 'no-store',
      credentials: 'omit',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'No answer from the service', 'network error', [], method + ' /' + path);
  }
}

function problemOf(res, data, method, path) {
  const p = data && typeof data === 'object' && !Array.isArray(data) ? data : {};
  return new ApiError(
    res.status,
    p.title || res.statusText || 'HTTP ' + res.status,
    p.detail || '',
    Array.isArray(p.errors) ? p.errors : [],
    method + ' /' + path,
  );
}

/**
 * A problem as the board shows it: status and title, detail, the call, and each field or file:line with its
 * message.
 */
export function problemNode(e) {
  const head = e.status ? `${e.status} ${e.title}` : e.title;
  return el(
    'div',
    { class: 'problem' },
    el('strong', {}, head),
    e.detail ? el('span', {}, ' — ' + e.detail) : null,
    e.where ? el('span', { class: 'where' }, ' (' + e.where + ')') : null,
    e.errors && e.errors.length
      ? el(
          'ul',
          {},
          e.errors.map(x =>
            el(
              'li',
              {},
              x && typeof x === 'object'
                ? [
                    x.field || x.file
                      ? el(
                          'code',
                          {},
                          x.field || [x.file, x.line, x.column].filter(v => v !== undefined && v !== null).join(':'),
                        )
                      : null,
                    x.field || x.file ? ' ' : null,
                    x.message || JSON.stringify(x),
                  ]
                : String(x),
            ),
          ),
        )
      : null,
  );
}

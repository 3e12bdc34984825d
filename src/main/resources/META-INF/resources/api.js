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
export function credentials() { return creds; }
export function setCredentials(c) { creds = c && c.user && c.token ? { user: c.user, token: c.token } : null; }

/** The token of an HTTP Basic header, UTF-8 safe. */
export function basicToken(user, pass) {
  const bytes = new TextEncoder().encode(user + ':' + pass);
  let s = '';
  bytes.forEach(b => { s += String.fromCharCode(b); });
  return btoa(s);
}

/** Calls path (relative to the board, so the board works under any prefix); the parsed JSON, or throws ApiError. */
export async function api(path, { method = 'GET', body, auth = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && creds) headers.Authorization = 'Basic ' + creds.token;
  let res;
  try {
    // credentials 'omit': our own Authorization header still goes out, but the browser never pops its login dialog
    res = await fetch(path, {
      method, headers, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'No answer from the service', 'network error', [], method + ' /' + path);
  }
  const text = await res.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch (e) { data = null; } }
  if (!res.ok) {
    const p = data && typeof data === 'object' && !Array.isArray(data) ? data : {};
    throw new ApiError(res.status, p.title || res.statusText || 'HTTP ' + res.status,
      p.detail || '', Array.isArray(p.errors) ? p.errors : [], method + ' /' + path);
  }
  return data;
}

/** A problem as the board shows it: status and title, detail, the call, and each field or file:line with its message. */
export function problemNode(e) {
  const head = e.status ? `${e.status} ${e.title}` : e.title;
  return el('div', { class: 'problem' },
    el('strong', {}, head),
    e.detail ? el('span', {}, ' — ' + e.detail) : null,
    e.where ? el('span', { class: 'where' }, ' (' + e.where + ')') : null,
    e.errors && e.errors.length
      ? el('ul', {}, e.errors.map(x => el('li', {},
        x && typeof x === 'object'
          ? [x.field || x.file ? el('code', {}, x.field || [x.file, x.line, x.column].filter(v => v !== undefined && v !== null).join(':')) : null,
            x.field || x.file ? ' ' : null, x.message || JSON.stringify(x)]
          : String(x))))
      : null);
}

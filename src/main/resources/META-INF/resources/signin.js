// Signing in: the popover, the account corner, and the credentials kept for this tab (sessionStorage).
import { $, el, fill } from './dom.js';
import { basicToken, credentials, setCredentials } from './api.js';

const AUTH_KEY = 'tierboard.auth';

let changed = () => {};

/**
 * Loads stored credentials, wires the popover and draws the account corner; onChange runs after each sign-in or
 * sign-out.
 */
export function initSignin({ onChange } = {}) {
  if (onChange) changed = onChange;
  try {
    const raw = sessionStorage.getItem(AUTH_KEY);
    setCredentials(raw ? JSON.parse(raw) : null);
  } catch {
    setCredentials(null);
  }
  const f = $('#signin');
  f.addEventListener('submit', e => {
    e.preventDefault();
    const user = f.elements.username.value.trim();
    const pass = f.elements.password.value;
    if (!user || !pass) return;
    setCredentials({ user, token: basicToken(user, pass) });
    try {
      sessionStorage.setItem(AUTH_KEY, JSON.stringify(credentials()));
    } catch {
      // the browser keeps no session storage (a private window): signed in for this page only
    }
    f.elements.password.value = '';
    f.hidden = true;
    renderAccount();
  });
  $('#signin-cancel').addEventListener('click', () => {
    f.hidden = true;
  });
  renderAccount();
}

function renderAccount() {
  const a = $('#account');
  const c = credentials();
  if (c) {
    fill(
      a,
      el('span', { class: 'who', title: 'Changes are sent with these credentials' }, '● ', c.user),
      el('button', { type: 'button', class: 'btn ghost small', id: 'signout', onclick: signOut }, 'Sign out'),
    );
  } else {
    fill(a, el('button', { type: 'button', class: 'btn small', id: 'signin-open', onclick: openSignin }, 'Sign in'));
  }
  changed();
}

export function openSignin() {
  const f = $('#signin');
  f.hidden = false;
  (f.elements.username.value ? f.elements.password : f.elements.username).focus();
}

/** Closes the popover; false when it was not open. */
export function closeSignin() {
  const f = $('#signin');
  if (f.hidden) return false;
  f.hidden = true;
  return true;
}

/**
 * Words for a refused write's problem: a wrong password signs out and says so; a missing role says what the user
 * may not do and which role it needs.
 */
export function explainRefusal(e, toDo, role) {
  if (e.status === 401) {
    signOut();
    e.detail = 'Wrong username or password; sign in again.';
  } else if (e.status === 403) {
    const c = credentials();
    e.detail = `User ${c ? c.user : ''} may not ${toDo} (${role} role needed).`;
  }
}

export function signOut() {
  setCredentials(null);
  try {
    sessionStorage.removeItem(AUTH_KEY);
  } catch {
    // the browser keeps no session storage (a private window): nothing to remove
  }
  renderAccount();
}

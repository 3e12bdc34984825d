// Spreadsheets: the stored operators, every deal and an operator's history downloaded as CSV, and deals imported
// from one (analysts). A download is a fetch with Accept: text/csv (GET /operators answers JSON without it) saved
// under the name of the answer's Content-Disposition; an import posts the file's text as text/csv, all or nothing.
import { $, el, fill } from './dom.js';
import { api, credentials, fetchCsv, problemNode } from './api.js';
import { tierPill } from './board.js';
import { openSignin, explainRefusal } from './signin.js';

let refreshAll = async () => {};
let openOperator = () => {};
/** What to do after an import stored deals (main.js: reload the board), and when an imported ticker is picked. */
export function onSheets({ stored, open }) {
  if (stored) refreshAll = stored;
  if (open) openOperator = open;
}

/** The records of a CSV text (RFC 4180: a quoted cell may hold line breaks), the header included. */
export function csvRecords(text) {
  let records = 0,
    quoted = false,
    any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      quoted = !quoted;
      any = true;
    } else if (!quoted && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (any) records++;
      any = false;
    } else any = true;
  }
  return records + (any ? 1 : 0);
}

/**
 * Downloads path as a CSV file: saved under the answer's file name; status says which file and how many rows (or
 * the problem). The button is busy meanwhile.
 */
export async function downloadCsv(path, fallbackName, { button, status }) {
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
  }
  if (status) {
    status.classList.remove('bad');
    fill(status, 'Preparing ' + fallbackName + '…');
  }
  try {
    const file = await fetchCsv(path, fallbackName);
    const rows = Math.max(0, csvRecords(file.text) - 1);
    saveFile(file.blob, file.name);
    if (status) {
      Object.assign(status.dataset, { file: file.name, rows: String(rows), bytes: String(file.blob.size) });
      fill(
        status,
        el('span', { class: 'ok' }, '✓ '),
        el('code', {}, file.name),
        ` saved: ${rows} row${rows === 1 ? '' : 's'}`,
      );
    }
  } catch (e) {
    if (status) {
      status.classList.add('bad');
      delete status.dataset.file;
      fill(status, problemNode(e));
    }
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// ---------------------------------------------------------------- import

let opener = null;

/** Wires the spreadsheet bar and the import dialog of index.html. */
export function initSheets() {
  const status = $('#sheets-status');
  $('#csv-operators').addEventListener('click', e =>
    downloadCsv('operators', 'operators.csv', { button: e.currentTarget, status }),
  );
  $('#csv-deals').addEventListener('click', e =>
    downloadCsv('deals', 'deals.csv', { button: e.currentTarget, status }),
  );
  $('#import-open').addEventListener('click', openImport);
  const d = $('#import');
  const form = $('form', d);
  form.addEventListener('submit', submitImport);
  $('#import-close').addEventListener('click', () => d.close());
  form.elements.file.addEventListener('change', () => {
    fill($('#import-result'));
    delete $('#import-result').dataset.outcome;
  });
  d.addEventListener('close', () => {
    const back = opener && opener.isConnected ? opener : $('#import-open');
    if (back && back.focus) back.focus();
    opener = null;
  });
  renderImportAccount();
}

export function openImport() {
  const d = $('#import');
  if (d.open) return;
  opener = document.activeElement;
  const form = $('form', d);
  form.reset();
  fill($('#import-result'));
  delete $('#import-result').dataset.outcome;
  renderImportAccount();
  d.showModal();
  (credentials() ? form.elements.file : $('#import-signin') || $('#import-close')).focus();
}

/** The dialog for who is signed in: the form for anyone signed in, a sign-in hint otherwise. */
export function renderImportAccount() {
  const form = $('#import form');
  const signed = !!credentials();
  form.elements.file.disabled = !signed;
  $('button[type=submit]', form).disabled = !signed;
  fill(
    $('#import-account'),
    signed
      ? null
      : el(
          'div',
          { class: 'signin-hint' },
          el('span', { class: 'muted' }, 'Sign in as analyst to import deals.'),
          el(
            'button',
            {
              type: 'button',
              class: 'btn small',
              id: 'import-signin',
              onclick: () => {
                $('#import').close();
                openSignin();
              },
            },
            'Sign in',
          ),
        ),
  );
}

async function submitImport(ev) {
  ev.preventDefault();
  const form = ev.currentTarget;
  const box = $('#import-result');
  const file = form.elements.file.files && form.elements.file.files[0];
  if (!file) {
    box.dataset.outcome = 'none';
    fill(box, el('p', { class: 'form-error', role: 'alert' }, 'Choose a CSV file first.'));
    form.elements.file.focus();
    return;
  }
  const btn = $('button[type=submit]', form);
  btn.disabled = true;
  btn.textContent = 'Importing…';
  box.setAttribute('aria-busy', 'true');
  try {
    const text = await file.text();
    const result = await api('deals/import', { method: 'POST', body: text, contentType: 'text/csv', auth: true });
    box.dataset.outcome = 'imported';
    fill(box, importedNode(Array.isArray(result) ? result : [], file.name));
    await refreshAll();
  } catch (e) {
    explainRefusal(e, 'import deals', 'analyst');
    box.dataset.outcome = 'refused';
    fill(box, refusedNode(e, file.name));
  } finally {
    btn.disabled = !credentials();
    btn.textContent = 'Import';
    box.removeAttribute('aria-busy');
  }
}

function importedNode(result, name) {
  const moved = result.filter(r => r.tierChanged).length;
  return el(
    'div',
    { class: 'import-done', role: 'status' },
    el(
      'p',
      {},
      el('strong', {}, `Imported ${name}: `),
      `${result.length} operator${result.length === 1 ? '' : 's'} touched, ${moved} changed tier.`,
    ),
    result.length
      ? el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            { class: 'imported' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ['Operator', 'Before', '', 'After', ''].map(h => el('th', {}, h)),
              ),
            ),
            el(
              'tbody',
              {},
              result.map(r =>
                el(
                  'tr',
                  { class: r.tierChanged ? 'moved' : '', 'data-ticker': r.ticker },
                  el(
                    'td',
                    {},
                    el(
                      'button',
                      {
                        type: 'button',
                        class: 'link',
                        onclick: () => {
                          $('#import').close();
                          openOperator(r.ticker);
                        },
                      },
                      r.ticker,
                    ),
                  ),
                  el('td', {}, tierPill(r.before && r.before.tier)),
                  el('td', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
                  el('td', {}, tierPill(r.after && r.after.tier)),
                  el('td', { class: 'verdict' }, r.tierChanged ? 'tier changed' : ''),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}

function refusedNode(e, name) {
  const errors = Array.isArray(e.errors) ? e.errors : [];
  return el(
    'div',
    { class: 'import-refused form-error', role: 'alert' },
    el(
      'p',
      {},
      el('strong', {}, `${name} was not imported: nothing was stored.`),
      errors.length
        ? ` Fix ${errors.length === 1 ? 'this row' : 'these rows'} and import the file again (the header is row 1).`
        : null,
    ),
    errors.length ? el('p', { class: 'small' }, `${e.status} ${e.title}`) : null,
    errors.length
      ? el(
          'ul',
          { class: 'import-errors' },
          errors.map(x =>
            el('li', {}, x && x.field ? [el('code', {}, x.field), ' '] : null, (x && x.message) || String(x)),
          ),
        )
      : problemNode(e),
  );
}

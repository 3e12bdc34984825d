// The deal form of index.html's #deal-form template, shared by the add-deal form and the what-if panel: its
// choices in the rules' words, reading a deal from it, and problems shown beside the fields they name.
import { $, el, fill } from './dom.js';
import { today } from './format.js';
import { problemNode } from './api.js';
import * as words from './words.js';

/** A fresh copy of the template's form. */
export function cloneDealForm() {
  return $('#deal-form').content.firstElementChild.cloneNode(true);
}

// The form's lists of customer types and services: the codes of the template, each with the rules' word, and any
// further code the rules have a word for.
const CHOICES = { counterpartyType: 'counterpartyTypes', guarantorType: 'counterpartyTypes', service: 'services' };

export function labelChoices(form) {
  for (const [name, group] of Object.entries(CHOICES)) {
    const select = form.elements[name];
    if (!select) continue;
    const known = new Set([...select.options].map(o => o.value));
    // "infer from density" stays last
    const tail = [...select.options].find(o => o.value === '' && o.index > 0) || null;
    for (const code of words.codes(group)) {
      if (!known.has(code)) select.insertBefore(el('option', { value: code }), tail);
    }
    for (const o of select.options) {
      if (o.value === '') continue;
      const text = words.label(group, o.value);
      if (o.textContent !== text) o.textContent = text;
    }
  }
}

/** A signing date of today where none is typed. */
export function defaults(form) {
  if (!form.elements.signed.value) form.elements.signed.value = today();
}

export function clearFormErrors(form) {
  form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
  form.querySelectorAll('.field-error').forEach(x => x.remove());
  const box = $('.form-error', form);
  box.hidden = true;
  box.replaceChildren();
}

function slug(s) {
  return (
    String(s || 'deal')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'deal'
  );
}

/** Whether any field of the deal itself (not its unit or the form's other parts) holds something. */
export function dealTyped(form) {
  const f = form.elements;
  return ['counterparty', 'value', 'termYears', 'mw', 'id', 'guarantor', 'prepayment'].some(
    n => f[n] && f[n].value.trim() !== '',
  );
}

/** An id for a deal typed without one: counterparty and signing date, and a suffix that tells two such apart. */
function madeUpId(counterparty, signed) {
  return `${slug(counterparty)}-${signed.replace(/-/g, '')}-${Date.now().toString(36).slice(-4)}`;
}

/** The deal the form describes, as API.md's deal; an id made up from counterparty and date where none is typed. */
export function readDeal(form) {
  const f = form.elements;
  const n = name => (f[name].value.trim() === '' ? undefined : Number(f[name].value));
  const unit = Number(f.unit.value);
  const deal = {
    id: f.id.value.trim() || madeUpId(f.counterparty.value, f.signed.value || today()),
    counterparty: f.counterparty.value.trim(),
    counterpartyType: f.counterpartyType.value,
    status: f.status.value,
    valueUsd: n('value') === undefined ? undefined : Math.round(n('value') * unit),
  };
  if (f.service.value) deal.service = f.service.value;
  if (n('termYears') !== undefined) deal.termYears = n('termYears');
  if (n('mw') !== undefined) deal.mw = n('mw');
  if (n('prepayment') !== undefined) deal.prepaymentUsd = Math.round(n('prepayment') * unit);
  if (f.takeOrPay.checked) deal.takeOrPay = true;
  if (f.tripleNet.checked) deal.tripleNet = true;
  if (f.signed.value) deal.signed = f.signed.value;
  if (f.guarantor.value.trim()) deal.guarantor = f.guarantor.value.trim();
  if (f.guarantorType.value) deal.guarantorType = f.guarantorType.value;
  return deal;
}

/** What the form lacks before it is worth sending: [{field, message}]. */
export function localDealErrors(deal) {
  const out = [];
  if (!deal.counterparty) out.push({ field: 'counterparty', message: 'required' });
  if (deal.valueUsd === undefined || Number.isNaN(deal.valueUsd)) out.push({ field: 'valueUsd', message: 'required' });
  return out;
}

// a deal's field as the API names it → the form's input
const FIELD_TO_INPUT = { valueUsd: 'value', prepaymentUsd: 'prepayment' };

/** The input of a deal's field in an error's path: deals[2].valueUsd, addDeals[0].valueUsd, valueUsd → "value". */
export function dealInput(form, field) {
  const last = String(field)
    .split(/[.\]]/)
    .filter(Boolean)
    .pop()
    .replace(/^\[|\$/g, '');
  const input = form.elements[FIELD_TO_INPUT[last] || last];
  return input && input.setAttribute ? input : null;
}

/**
 * Shows a problem in the form: each error beside the input locate(field) finds (by default the deal's field of
 * that name), marked aria-invalid, and the whole problem in the form's alert box.
 */
export function showFormErrors(form, e, locate = f => dealInput(form, f)) {
  clearFormErrors(form);
  for (const x of e.errors || []) {
    if (!x || !x.field) continue;
    const input = locate(x.field);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const label = input.closest('label');
      if (label) label.append(el('span', { class: 'field-error' }, x.message || 'invalid'));
    }
  }
  const box = $('.form-error', form);
  fill(box, problemNode(e));
  box.hidden = false;
}

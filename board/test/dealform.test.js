// The deal form (dealform.js): the deal a filled-in form sends, what it lacks before it is worth sending, and
// which input a problem's field names. The form is a stand-in with the inputs of index.html's #deal-form.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dealInput,
  dealTyped,
  localDealErrors,
  readDeal,
} from '../../src/main/resources/META-INF/resources/dealform.js';

/** A deal form as index.html's template has it, empty but for its defaults, then filled with `typed`. */
function form(typed = {}) {
  const values = {
    counterparty: '',
    counterpartyType: 'HYPERSCALER',
    service: '',
    status: 'BINDING',
    value: '',
    unit: '1000000000',
    termYears: '',
    mw: '',
    signed: '',
    id: '',
    guarantor: '',
    guarantorType: '',
    prepayment: '',
    ...typed,
  };
  const elements = {};
  for (const [name, value] of Object.entries(values)) elements[name] = { name, value, setAttribute() {} };
  for (const name of ['takeOrPay', 'tripleNet']) elements[name] = { name, checked: !!typed[name], setAttribute() {} };
  return { elements };
}

describe('the deal a form sends', () => {
  test('a value in USD B or M is sent in dollars, and so is the prepayment', () => {
    const deal = readDeal(
      form({ counterparty: 'Microsoft', value: '9.7', prepayment: '0.5', id: 'msft-1', signed: '2026-05-07' }),
    );
    assert.equal(deal.valueUsd, 9_700_000_000);
    assert.equal(deal.prepaymentUsd, 500_000_000);
    const inM = readDeal(form({ counterparty: 'Fluidstack', value: '311', unit: '1000000', id: 'f-1' }));
    assert.equal(inM.valueUsd, 311_000_000);
  });

  test('the fields typed are sent as API.md names them, the empty ones not at all', () => {
    const deal = readDeal(
      form({
        counterparty: '  Anthropic ',
        counterpartyType: 'AI_LAB',
        service: 'BARE_METAL',
        value: '2',
        termYears: '5',
        mw: '200',
        signed: '2026-05-07',
        id: 'anthropic-1',
        takeOrPay: true,
      }),
    );
    assert.deepEqual(deal, {
      id: 'anthropic-1',
      counterparty: 'Anthropic',
      counterpartyType: 'AI_LAB',
      status: 'BINDING',
      valueUsd: 2_000_000_000,
      service: 'BARE_METAL',
      termYears: 5,
      mw: 200,
      takeOrPay: true,
      signed: '2026-05-07',
    });
  });

  test('a guarantor is sent with its type', () => {
    const deal = readDeal(
      form({ counterparty: 'Fluidstack', value: '1', id: 'x', guarantor: ' Google ', guarantorType: 'HYPERSCALER' }),
    );
    assert.equal(deal.guarantor, 'Google');
    assert.equal(deal.guarantorType, 'HYPERSCALER');
  });

  test('a deal typed without an id gets one made of its counterparty and signing date', () => {
    const { id } = readDeal(form({ counterparty: 'Core Scientific, Inc.', value: '1', signed: '2026-05-07' }));
    assert.match(id, /^core-scientific-inc-20260507-[0-9a-z]{1,4}$/);
  });

  test('a made-up id stays within what the service takes for an id', () => {
    // index.html's id input and the service take [A-Za-z0-9._-]{1,64}
    const long = readDeal(form({ counterparty: 'Hyperscale Partners Worldwide '.repeat(4), value: '1' })).id;
    assert.match(long, /^[A-Za-z0-9._-]{1,64}$/);
    const odd = readDeal(form({ counterparty: '«Ünïcode» & Co.', value: '1', signed: '2026-05-07' })).id;
    assert.match(odd, /^[A-Za-z0-9._-]{1,64}$/);
    const none = readDeal(form({ counterparty: '***', value: '1', signed: '2026-05-07' })).id;
    assert.match(none, /^deal-20260507-/);
  });

  test('a form without counterparty or value is not sent, and says which fields lack', () => {
    assert.deepEqual(localDealErrors(readDeal(form({ id: 'x' }))), [
      { field: 'counterparty', message: 'required' },
      { field: 'valueUsd', message: 'required' },
    ]);
    assert.deepEqual(localDealErrors(readDeal(form({ id: 'x', counterparty: 'A', value: 'abc' }))), [
      { field: 'valueUsd', message: 'required' },
    ]);
    assert.deepEqual(localDealErrors(readDeal(form({ id: 'x', counterparty: 'A', value: '0' }))), []);
  });

  test('a form counts as typed in once a field of the deal holds something, not for its unit or status', () => {
    assert.equal(dealTyped(form({ unit: '1000000', status: 'NON_BINDING' })), false);
    assert.equal(dealTyped(form({ mw: '20' })), true);
    assert.equal(dealTyped(form({ counterparty: '   ' })), false);
  });
});

describe('problems beside their inputs', () => {
  test('a field of a problem, wherever the deal sits in the request, finds its input', () => {
    const f = form();
    assert.equal(dealInput(f, 'valueUsd'), f.elements.value);
    assert.equal(dealInput(f, 'deals[2].valueUsd'), f.elements.value);
    assert.equal(dealInput(f, 'addDeals[0].termYears'), f.elements.termYears);
    assert.equal(dealInput(f, 'prepaymentUsd'), f.elements.prepayment);
  });

  test('a field the form has no input for finds none', () => {
    assert.equal(dealInput(form(), 'deals[0].ended'), null);
    assert.equal(dealInput(form(), 'ticker'), null);
  });
});

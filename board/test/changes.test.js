// The Changes panel's words for a move: the tier it left and the tier it went to, a new or a deleted operator, and
// what else moved where the tier stayed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { moveText, movesTier } from '../../src/main/resources/META-INF/resources/changes.js';

const tier = t => ({ TIER_1: 'Tier 1', TIER_2: 'Tier 2', TIER_3: 'Tier 3', UNTIERED: 'Untiered' })[t];
const stage = s => (s ? { COLOCATION: 'Colocation', BARE_METAL: 'Bare metal' }[s] : 'none');
const outline = (t, extra = {}) => ({ tier: t, stage: null, fullStack: false, risks: [], ...extra });

describe('a change in words', () => {
  test('a tier move reads from → to', () => {
    const c = { before: outline('TIER_3'), after: outline('TIER_2') };
    assert.equal(moveText(c, tier, stage), 'Tier 3 → Tier 2');
    assert.equal(movesTier(c), true);
  });

  test('a new operator and a deleted one', () => {
    assert.equal(moveText({ before: null, after: outline('TIER_2') }, tier, stage), 'New in Tier 2');
    assert.equal(moveText({ before: outline('TIER_1'), after: null }, tier, stage), 'Deleted (was Tier 1)');
    assert.equal(movesTier({ before: null, after: outline('TIER_2') }), true);
  });

  test('where the tier stayed, the stage, full stack and risks that moved are named', () => {
    const c = {
      before: outline('TIER_2', { stage: 'COLOCATION', risks: ['MINING_DEPENDENCE'] }),
      after: outline('TIER_2', { stage: 'BARE_METAL', fullStack: true, risks: ['COUNTERPARTY_CONCENTRATION'] }),
    };
    assert.equal(
      moveText(c, tier, stage),
      'Tier 2 · stage Colocation → Bare metal · now full stack · risk COUNTERPARTY_CONCENTRATION' +
        ' · no longer MINING_DEPENDENCE',
    );
    assert.equal(movesTier(c), false);
  });
});

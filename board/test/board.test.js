// What a card says beside its figures (board.js): the screen's picks with the screen rules' reasons, and the
// risk chips' words.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { picksFor, riskText } from '../../src/main/resources/META-INF/resources/board.js';
import { state } from '../../src/main/resources/META-INF/resources/state.js';
import * as words from '../../src/main/resources/META-INF/resources/words.js';

beforeEach(() => {
  state.screen = null;
});

describe('picks', () => {
  test('the leaders and high-potential picks of GET /screen are marked on their cards', () => {
    state.screen = { fullStackLeader: 'IREN', contractQualityLeader: 'GLXY', highPotential: ['BTDR', 'HUT'] };
    assert.deepEqual(
      picksFor('IREN').map(p => p.label),
      ['★ Full-stack leader'],
    );
    assert.deepEqual(
      picksFor('GLXY').map(p => p.label),
      ['★ Contract-quality leader'],
    );
    assert.deepEqual(
      picksFor('HUT').map(p => p.label),
      ['◆ High potential #2'],
    );
    assert.deepEqual(picksFor('CIFR'), []);
  });

  test('a single high-potential pick has no rank, and one operator may hold several picks', () => {
    state.screen = { fullStackLeader: 'IREN', contractQualityLeader: 'IREN', highPotential: ['IREN'] };
    assert.deepEqual(
      picksFor('IREN').map(p => p.label),
      ['★ Full-stack leader', '★ Contract-quality leader', '◆ High potential'],
    );
  });

  test('a pick explains itself with the screen reasons that name the operator', () => {
    state.screen = {
      fullStackLeader: 'IREN',
      reasons: [
        { rule: 'Full-stack leader', message: 'IREN has the largest binding backlog of the full-stack operators' },
        { rule: 'High potential', message: 'GLXY, IREN and CORZ convert colocation to bare metal' },
        { rule: 'Other', message: 'IRENX and IREN.U are other tickers' },
        { rule: 'Other', message: 'nothing about it' },
      ],
    };
    assert.equal(
      picksFor('IREN')[0].title,
      'Full-stack leader — IREN has the largest binding backlog of the full-stack operators\n' +
        'High potential — GLXY, IREN and CORZ convert colocation to bare metal',
    );
  });

  test('a ticker inside a longer ticker is not a mention of it', () => {
    state.screen = {
      highPotential: ['HUT'],
      reasons: [{ rule: 'High potential', message: 'HUT8 and SHUT are other companies' }],
    };
    assert.equal(picksFor('HUT')[0].title, null);
  });

  test('no screen answer yet is no picks', () => {
    assert.deepEqual(picksFor('IREN'), []);
  });
});

describe('risk chips', () => {
  test('a risk is named in the rules words; counterparty concentration with the largest share', () => {
    words.update({
      version: 'risks',
      words: { risks: { COUNTERPARTY_CONCENTRATION: 'one customer', POWER: 'power not yet energized' } },
    });
    assert.equal(
      riskText({ code: 'COUNTERPARTY_CONCENTRATION' }, { largestCounterpartyShare: 0.74 }),
      'One customer 74 %',
    );
    assert.equal(riskText({ code: 'COUNTERPARTY_CONCENTRATION' }, {}), 'One customer');
    assert.equal(riskText({ code: 'POWER' }, { largestCounterpartyShare: 0.74 }), 'Power not yet energized');
  });
});

// The words and numbers of GET /rules that the board draws: tier names and columns, rule sentences, stage, risk
// and customer words, the density chart's bands. Each test hands words.js an answer of its own first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as words from '../../src/main/resources/META-INF/resources/words.js';

/** A GET /rules answer as the service gives it for the shipped rules, with changes from `over`. */
function rules(over = {}) {
  return {
    version: 'v-' + JSON.stringify(over),
    thresholds: [
      { name: 'colocationRateUsd', value: 1_780_000, file: 'gaps.drl', line: 25 },
      { name: 'bareMetalLowUsd', value: 9_700_000, file: 'gaps.drl', line: 26 },
      { name: 'bareMetalHighUsd', value: 11_000_000, file: 'gaps.drl', line: 27 },
    ],
    tiers: [
      { tier: 'TIER_1', label: 'Tier 1', rule: 'Tier one: binding backlog of USD 1 B or more', file: 'tiers.drl' },
      { tier: 'TIER_2', label: 'Tier 2', rule: 'Tier two: a binding deal with an AI lab', file: 'tiers.drl' },
      { tier: 'TIER_3', label: 'Tier 3', rule: 'Tier three: AI-dedicated MW', file: 'tiers.drl' },
      { tier: 'UNTIERED', label: 'Untiered', rule: 'Untiered', file: 'tiers.drl' },
    ],
    words: {
      tiers: { TIER_1: 'tier 1', TIER_2: 'tier 2', TIER_3: 'tier 3', UNTIERED: 'untiered' },
      stages: { COLOCATION: 'colocation', BARE_METAL: 'bare metal', NEOCLOUD: 'neocloud' },
      risks: { COUNTERPARTY_CONCENTRATION: 'counterparty concentration' },
      counterpartyTypes: { HYPERSCALER: 'a hyperscaler', AI_LAB: 'an AI lab' },
      services: { COLOCATION: 'colocation', BARE_METAL: 'bare metal' },
    },
    ...over,
  };
}

describe('before the rules have answered', () => {
  test('the columns are the contract tiers and codes are shown raw', () => {
    words.update({ version: 'empty' });
    assert.deepEqual(words.tierCodes(), ['TIER_1', 'TIER_2', 'TIER_3', 'UNTIERED']);
    assert.equal(words.tierLabel('TIER_1'), 'TIER_1');
    assert.equal(words.word('stages', 'BARE_METAL'), 'BARE_METAL');
    assert.deepEqual(words.stageCodes(), ['COLOCATION', 'BARE_METAL', 'NEOCLOUD']);
    assert.deepEqual(words.densityBands(), []);
  });

  test('an answer that is not an object counts as an empty one', () => {
    words.update(rules());
    words.update('<html>');
    assert.deepEqual(words.tierCodes(), ['TIER_1', 'TIER_2', 'TIER_3', 'UNTIERED']);
    assert.equal(words.threshold('colocationRateUsd'), null);
  });
});

describe('words', () => {
  test('a code is written as the rules write it in a sentence, capitalised where it starts a line', () => {
    words.update(rules());
    assert.equal(words.word('counterpartyTypes', 'AI_LAB'), 'an AI lab');
    assert.equal(words.label('counterpartyTypes', 'AI_LAB'), 'An AI lab');
    assert.equal(words.stageLabel('BARE_METAL'), 'Bare metal');
    assert.equal(words.riskLabel('COUNTERPARTY_CONCENTRATION'), 'Counterparty concentration');
  });

  test('a code the rules have no word for is shown raw, and no code as nothing', () => {
    words.update(rules());
    assert.equal(words.word('counterpartyTypes', 'CHIPMAKER'), 'CHIPMAKER');
    assert.equal(words.word('nonsense', 'AI_LAB'), 'AI_LAB');
    assert.equal(words.word('stages', null), '');
    assert.equal(words.stageLabel(null), 'none');
  });

  test('blank words and words that are not strings are ignored', () => {
    words.update(rules({ words: { stages: { BARE_METAL: '  ', NEOCLOUD: 7 }, risks: ['x'] } }));
    assert.equal(words.word('stages', 'BARE_METAL'), 'BARE_METAL');
    assert.equal(words.word('stages', 'NEOCLOUD'), 'NEOCLOUD');
    assert.deepEqual(words.codes('risks'), []);
  });

  test('the full-stack badge names the stages in the rules words', () => {
    words.update(rules({ words: { stages: { BARE_METAL: 'bare-metal GPUs', NEOCLOUD: 'a neocloud' } } }));
    assert.equal(words.fullStackTitle(), 'Full stack: AI-dedicated power → bare-metal GPUs → a neocloud');
  });

  test('the codes of a group, in the order of the answer', () => {
    words.update(rules());
    assert.deepEqual(words.codes('counterpartyTypes'), ['HYPERSCALER', 'AI_LAB']);
  });
});

describe('tiers and columns', () => {
  test('the columns follow the order of the answer, then tiers it only has a word for', () => {
    words.update(
      rules({
        tiers: [
          { tier: 'TIER_2', rule: 'Tier two: x' },
          { tier: 'TIER_1', rule: 'Tier one: y' },
        ],
        words: { tiers: { TIER_1: 'tier 1', WATCH: 'watch list' } },
      }),
    );
    assert.deepEqual(words.tierCodes(), ['TIER_2', 'TIER_1', 'WATCH']);
  });

  test('an operator goes to the column of its tier, or to Untiered for a tier the board does not know', () => {
    words.update(rules());
    assert.equal(words.tierKey('TIER_2'), 'TIER_2');
    assert.equal(words.tierKey('TIER_9'), 'UNTIERED');
    assert.equal(words.tierKey(undefined), 'UNTIERED');
  });

  test('an unknown tier goes to Untiered even where Untiered is not the last column', () => {
    words.update(rules({ tiers: [{ tier: 'TIER_1' }, { tier: 'UNTIERED' }, { tier: 'WATCH' }], words: {} }));
    assert.equal(words.tierKey('TIER_9'), 'UNTIERED');
  });

  test('without an Untiered column an unknown tier goes to the last column', () => {
    words.update(rules({ tiers: [{ tier: 'A' }, { tier: 'B' }], words: {} }));
    assert.equal(words.tierKey('Z'), 'B');
  });

  test('a column is headed by the tier word, else its label, else its code', () => {
    words.update(
      rules({
        tiers: [{ tier: 'TIER_1', label: 'Leaders' }, { tier: 'TIER_2' }],
        words: { tiers: { TIER_1: 'tier one' } },
      }),
    );
    assert.equal(words.tierLabel('TIER_1'), 'Tier one');
    words.update(rules({ tiers: [{ tier: 'TIER_1', label: 'leaders' }, { tier: 'TIER_2' }], words: {} }));
    assert.equal(words.tierLabel('TIER_1'), 'Leaders');
    assert.equal(words.tierLabel('TIER_2'), 'TIER_2');
  });

  test('an operator without a tier is labelled as the Untiered column', () => {
    words.update(rules());
    assert.equal(words.tierLabel(null), 'Untiered');
  });

  test('a column hint is the rule sentence after its colon', () => {
    words.update(rules());
    assert.deepEqual(words.tierRule('TIER_2'), {
      rule: 'Tier two: a binding deal with an AI lab',
      hint: 'A binding deal with an AI lab',
      file: 'tiers.drl',
    });
    assert.equal(words.tierRule('UNTIERED').hint, 'Untiered');
    assert.equal(words.tierRule('TIER_9'), null);
  });

  test('a tier entry without a tier code is left out', () => {
    words.update(rules({ tiers: [{ label: 'no code' }, null, { tier: ' ' }, { tier: 'TIER_1' }], words: {} }));
    assert.deepEqual(words.tierCodes(), ['TIER_1']);
  });
});

describe('gaps', () => {
  test('the gap a card shows is the first one toward a tier, not one toward a stage', () => {
    words.update(rules());
    const toStage = { toward: 'NEOCLOUD', message: 'an in-house GPU cloud' };
    const toTier = { toward: 'TIER_1', message: 'USD 300 M more binding backlog' };
    const further = { toward: 'TIER_2', message: 'later' };
    assert.equal(words.nextTierGap({ gaps: [toStage, toTier, further] }), toTier);
    assert.equal(words.nextTierGap({ gaps: [toStage] }), null);
    assert.equal(words.nextTierGap({}), null);
    assert.equal(words.nextTierGap(null), null);
  });

  test('what a gap moves toward is named as a tier or as a stage', () => {
    words.update(rules());
    assert.equal(words.towardLabel('TIER_1'), 'Tier 1');
    assert.equal(words.towardLabel('NEOCLOUD'), 'Neocloud');
  });

  test('stages the answer adds come after the contract stages', () => {
    words.update(rules({ words: { stages: { NEOCLOUD: 'neocloud', SOVEREIGN: 'sovereign cloud' } } }));
    assert.deepEqual(words.stageCodes(), ['COLOCATION', 'BARE_METAL', 'NEOCLOUD', 'SOVEREIGN']);
  });
});

describe('the density chart bands', () => {
  test('the colocation rate is a mark and bare metal a range, labelled and traced to their rule lines', () => {
    words.update(rules());
    const [colo, metal] = words.densityBands();
    assert.deepEqual(colo, {
      mark: 1_780_000,
      cls: 'band-colo',
      thresholds: ['colocationRateUsd'],
      label: 'Colocation ≈ 1.78 M',
      title: 'Colocation ≈ USD 1.78 M/MW/yr (colocationRateUsd, gaps.drl:25)',
    });
    assert.deepEqual(metal, {
      from: 9_700_000,
      to: 11_000_000,
      cls: 'band-metal',
      thresholds: ['bareMetalLowUsd', 'bareMetalHighUsd'],
      label: 'Bare metal 9.7–11.0 M',
      title: 'Bare metal USD 9.7–11.0 M/MW/yr (bareMetalLowUsd, gaps.drl:26) (bareMetalHighUsd, gaps.drl:27)',
    });
  });

  test('a range whose ends are swapped in the rules is drawn from low to high', () => {
    words.update(
      rules({
        thresholds: [
          { name: 'bareMetalLowUsd', value: 11_000_000 },
          { name: 'bareMetalHighUsd', value: 9_700_000 },
        ],
      }),
    );
    const [metal] = words.densityBands();
    assert.equal(metal.from, 9_700_000);
    assert.equal(metal.to, 11_000_000);
  });

  test('with one end of the bare-metal range the band is a mark at it', () => {
    words.update(rules({ thresholds: [{ name: 'bareMetalHighUsd', value: 11_000_000 }] }));
    const bands = words.densityBands();
    assert.equal(bands.length, 1);
    assert.equal(bands[0].mark, 11_000_000);
    assert.equal(bands[0].label, 'Bare metal 11 M');
  });

  test('no band is drawn for a threshold the answer does not carry or that is not a number', () => {
    words.update(
      rules({
        thresholds: [
          { name: 'colocationRateUsd', value: '1780000' },
          { name: 'x', value: NaN },
        ],
      }),
    );
    assert.deepEqual(words.densityBands(), []);
    assert.equal(words.threshold('colocationRateUsd'), null);
  });

  test('a threshold without a rule line is traced to its file alone', () => {
    words.update(rules({ thresholds: [{ name: 'colocationRateUsd', value: 1_780_000, file: 'gaps.drl' }] }));
    assert.equal(words.densityBands()[0].title, 'Colocation ≈ USD 1.78 M/MW/yr (colocationRateUsd, gaps.drl)');
  });
});

describe('changes', () => {
  test('listeners run when the words change, not when the same answer comes again', () => {
    words.update(rules());
    let calls = 0;
    words.onChange(() => calls++);
    assert.equal(words.update(rules()), false);
    assert.equal(calls, 0);
    assert.equal(words.update(rules({ version: 'next' })), true);
    assert.equal(calls, 1);
  });

  test('a new word under the same version still counts as a change', () => {
    const before = rules({ version: 'same' });
    words.update(before);
    const after = rules({ version: 'same' });
    after.words.stages.NEOCLOUD = 'GPU cloud';
    assert.equal(words.update(after), true);
    assert.equal(words.stageLabel('NEOCLOUD'), 'GPU cloud');
  });
});

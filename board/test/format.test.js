// Numbers and dates as the board prints them: the research note's style (MODEL.md), USD 9.7 B, USD 311 M,
// USD 11.3 M/MW/yr, 2,150 MW, 74 %.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ago,
  amount,
  cap,
  density,
  mw,
  num,
  pct,
  range,
  shortVersion,
  tick,
  titleCase,
  usd,
  when,
} from '../../src/main/resources/META-INF/resources/format.js';

describe('amounts', () => {
  test('a million and more are written in B or M to three significant figures', () => {
    assert.equal(usd(9_700_000_000), 'USD 9.7 B');
    assert.equal(usd(13_080_000_000), 'USD 13.1 B');
    assert.equal(usd(311_400_000), 'USD 311 M');
    assert.equal(usd(1_784_000), 'USD 1.78 M');
    assert.equal(usd(42_000_000_000), 'USD 42 B');
  });

  test('trailing zeros are dropped: 11.0 M is 11 M, 2.50 B is 2.5 B', () => {
    assert.equal(amount(11_000_000), '11 M');
    assert.equal(amount(2_500_000_000), '2.5 B');
  });

  test('an amount that rounds to 1000 M is written 1 B', () => {
    assert.equal(amount(999_600_000), '1 B');
    assert.equal(amount(999_400_000), '999 M');
  });

  test('below a million the amount is written in full with thousands separators', () => {
    assert.equal(usd(450_000), 'USD 450,000');
    assert.equal(usd(999_499), 'USD 999,499');
    assert.equal(usd(1234.4), 'USD 1,234');
    assert.equal(usd(0), 'USD 0');
  });

  test('negative amounts keep their sign and their unit', () => {
    assert.equal(amount(-2_500_000), '-2.5 M');
  });

  test('numbers sent as strings are read as numbers', () => {
    assert.equal(usd('311000000'), 'USD 311 M');
  });

  test('a missing or unreadable amount is a dash, never "NaN" or "USD 0"', () => {
    for (const v of [null, undefined, '', 'n/a', NaN, Infinity]) {
      assert.equal(usd(v), '—', String(v));
      assert.equal(amount(v), '—', String(v));
      assert.equal(density(v), '—', String(v));
    }
  });

  test('a price per MW and year', () => {
    assert.equal(density(10_100_000), 'USD 10.1 M/MW/yr');
    assert.equal(density(1_780_000), 'USD 1.78 M/MW/yr');
  });
});

describe('ranges', () => {
  test('two ends of one unit share it and as many decimals', () => {
    assert.equal(range(9_700_000, 11_000_000), '9.7–11.0 M');
    assert.equal(range(1_500_000_000, 2_000_000_000), '1.5–2.0 B');
  });

  test('ends of different units are written each with its own', () => {
    assert.equal(range(900_000_000, 1_200_000_000), '900 M–1.2 B');
    assert.equal(range(500_000, 2_000_000), '500,000–2 M');
  });

  test('a range with one end missing is the other end alone', () => {
    assert.equal(range(null, 5_000_000), '5 M');
    assert.equal(range(5_000_000, undefined), '5 M');
  });
});

describe('other figures', () => {
  test('axis ticks start at a plain 0', () => {
    assert.equal(tick(0), '0');
    assert.equal(tick(2_000_000), '2 M');
    assert.equal(tick(2_500_000), '2.5 M');
  });

  test('MW with thousands separators and at most one decimal', () => {
    assert.equal(mw(2150), '2,150 MW');
    assert.equal(mw(750), '750 MW');
    assert.equal(mw(12.55), '12.6 MW');
    assert.equal(mw(null), '—');
  });

  test('a share from 0 to 1 is a whole percentage with a space before %', () => {
    assert.equal(pct(0.74), '74 %');
    assert.equal(pct(0.005), '1 %');
    assert.equal(pct(1), '100 %');
    assert.equal(pct(undefined), '—');
  });

  test('counts with thousands separators', () => {
    assert.equal(num(23_000), '23,000');
    assert.equal(num(0), '0');
    assert.equal(num(''), '—');
  });
});

describe('words', () => {
  test('a word that starts a line gets a capital', () => {
    assert.equal(cap('bare metal'), 'Bare metal');
    assert.equal(cap('an AI lab'), 'An AI lab');
    assert.equal(cap(''), '');
  });

  test('an enum code the rules have no word for is written as words', () => {
    assert.equal(titleCase('ENERGIZED'), 'Energized');
    assert.equal(titleCase('UNDER_CONSTRUCTION'), 'Under construction');
  });

  test('a rule-set version is shortened to its first 12 characters', () => {
    assert.equal(shortVersion('3f9a0c2b7d41e8aa90b1c2d3'), '3f9a0c2b7d41');
    assert.equal(shortVersion(null), '—');
  });
});

describe('dates', () => {
  test('a time is written as local date, hours and minutes', () => {
    // an ISO date-time without an offset is local time, so this holds in every time zone
    assert.equal(when('2026-05-07T14:03:59'), '2026-05-07 14:03');
    assert.equal(when('2026-01-02T03:04:00'), '2026-01-02 03:04');
  });

  test('no time is a dash; an unreadable one is shown as it came', () => {
    assert.equal(when(null), '—');
    assert.equal(when(''), '—');
    assert.equal(when('yesterday'), 'yesterday');
  });

  test('how long ago, in the largest whole unit', () => {
    const before = ms => new Date(Date.now() - ms).toISOString();
    assert.equal(ago(before(20_000)), 'just now');
    assert.equal(ago(before(5 * 60_000 + 10_000)), '5 min ago');
    assert.equal(ago(before(3 * 3_600_000 + 60_000)), '3 h ago');
    assert.equal(ago(before(2 * 86_400_000 + 3_600_000)), '2 d ago');
  });

  test('a time a little ahead of this clock is "just now", an unreadable one nothing', () => {
    assert.equal(ago(new Date(Date.now() + 90_000).toISOString()), 'just now');
    assert.equal(ago('not a date'), '');
  });
});

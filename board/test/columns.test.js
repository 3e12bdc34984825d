// The columns at any store size: a column shows the first cards of its tier in ticker order, a page at a time
// (GET /operators?tier=…&limit=…, then the page its Link header names), against a fake service.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, page, serve } from './fake-service.js';
import { collect, column, PAGE, refreshColumn, showMore } from '../../src/main/resources/META-INF/resources/columns.js';
import { state } from '../../src/main/resources/META-INF/resources/state.js';

/** A line of GET /operators as the service writes it: the card's figures inline. */
function line(ticker, tier = 'TIER_1', over = {}) {
  return {
    ticker,
    name: ticker + ' Inc.',
    tier,
    stage: 'COLOCATION',
    stages: ['COLOCATION'],
    fullStack: false,
    bindingBacklogUsd: 2_000_000_000,
    establishedBacklogUsd: 1_000_000_000,
    densityUsdPerMwYear: 1_800_000,
    northAmericaAiMw: 300,
    largestCounterpartyShare: 0.6,
    conversionUpsideUsdPerYear: 0,
    risks: ['COUNTERPARTY_CONCENTRATION'],
    gaps: [],
    ...over,
  };
}

const tickers = n => Array.from({ length: n }, (_, i) => 'T' + String(i).padStart(5, '0'));

/** A store of one tier holding the given tickers, paged as the service pages (after, limit at most 5000). */
function store(all, tier = 'TIER_1') {
  return path => {
    const [route, query] = path.split('?');
    if (route !== 'operators') return undefined;
    const q = new URLSearchParams(query);
    assert.equal(q.get('tier'), tier);
    const limit = Math.min(Number(q.get('limit')), 5000);
    const start = q.has('after') ? all.indexOf(q.get('after')) + 1 : 0;
    const items = all.slice(start, start + limit);
    const more = start + limit < all.length;
    return page(
      items.map(t => line(t, tier)),
      more ? `tier=${tier}&after=${items[items.length - 1]}&limit=${limit}` : null,
    );
  };
}

beforeEach(() => {
  state.columns.clear();
  state.ops = new Map();
});

describe('reading a column', () => {
  test('a column shows the first page of its tier, and keeps the path of the page after it', async () => {
    const requests = serve(store(tickers(250)));
    assert.equal(await refreshColumn('TIER_1', 'marker-1'), true);
    const col = column('TIER_1');
    assert.equal(col.rows.length, PAGE);
    assert.deepEqual(
      col.rows.slice(0, 2).map(r => r.ticker),
      ['T00000', 'T00001'],
    );
    assert.equal(col.next, `operators?tier=TIER_1&after=T00099&limit=${PAGE}`);
    assert.equal(col.version, 'marker-1');
    assert.deepEqual(
      requests.map(r => r.path),
      ['operators?tier=TIER_1&limit=100'],
    );
  });

  test('a card is built from the figures of its line, with no request per operator', async () => {
    const requests = serve(store(['IREN']));
    await refreshColumn('TIER_1', 'm');
    const [card] = column('TIER_1').rows;
    assert.equal(card.name, 'IREN Inc.');
    assert.equal(card.classification.tier, 'TIER_1');
    assert.equal(card.classification.metrics.bindingBacklogUsd, 2_000_000_000);
    assert.equal(card.classification.metrics.densityUsdPerMwYear, 1_800_000);
    assert.deepEqual(card.classification.risks, [{ code: 'COUNTERPARTY_CONCENTRATION' }]);
    assert.equal(column('TIER_1').next, null);
    assert.equal(requests.length, 1);
  });

  test('a bare line costs a request for its operator; one deleted meanwhile is left out', async () => {
    const requests = serve(path => {
      if (path.startsWith('operators?')) {
        return page([
          { ticker: 'GLXY', name: 'Galaxy', tier: 'TIER_2', stage: 'COLOCATION' },
          { ticker: 'GONE', name: 'Gone', tier: 'TIER_2', stage: 'COLOCATION' },
        ]);
      }
      if (path === 'operators/GLXY') {
        return answer({ profile: { name: 'Galaxy Digital' }, classification: { tier: 'TIER_2', stage: 'BARE_METAL' } });
      }
      return undefined;
    });
    await refreshColumn('TIER_2', 'm');
    assert.deepEqual(column('TIER_2').rows, [
      {
        ticker: 'GLXY',
        name: 'Galaxy',
        classification: { tier: 'TIER_2', stage: 'BARE_METAL' },
        profile: { name: 'Galaxy Digital' },
      },
    ]);
    assert.deepEqual(
      requests.map(r => r.path).sort(),
      ['operators/GLXY', 'operators/GONE', 'operators?tier=TIER_2&limit=100'].sort(),
    );
  });

  test('an operator that cannot be read shows a stale card and the column is read again at the next poll', async () => {
    serve(path => {
      if (path.startsWith('operators?')) return page([{ ticker: 'HUT', tier: 'TIER_3', stage: 'COLOCATION' }]);
      return answer({ title: 'Service Unavailable' }, { status: 503 });
    });
    await refreshColumn('TIER_3', 'm');
    const [card] = column('TIER_3').rows;
    assert.equal(card.error.status, 503);
    assert.equal(card.classification.tier, 'TIER_3');
    assert.deepEqual(card.classification.stages, ['COLOCATION']);
    assert.equal(column('TIER_3').version, null);
  });

  test('a failed page throws and leaves the column to be read again', async () => {
    serve(() => answer({ title: 'Internal Server Error', detail: 'boom' }, { status: 500 }));
    await assert.rejects(refreshColumn('TIER_1', 'm'), { status: 500, title: 'Internal Server Error' });
    assert.equal(column('TIER_1').version, null);
  });

  test('of two reads of one column, the later one counts', async () => {
    let release;
    const held = new Promise(resolve => (release = resolve));
    let calls = 0;
    serve(async () => {
      calls++;
      if (calls === 1) await held; // the first read is answered last
      return page([line(calls === 1 ? 'OLD' : 'NEW')]);
    });
    const first = refreshColumn('TIER_1', 'm1');
    const second = refreshColumn('TIER_1', 'm2');
    assert.equal(await second, true);
    release();
    assert.equal(await first, false);
    assert.deepEqual(
      column('TIER_1').rows.map(r => r.ticker),
      ['NEW'],
    );
    assert.equal(column('TIER_1').version, 'm2');
  });

  test('a column showing more than the service gives in one page is read in pages of at most 5000', async () => {
    const requests = serve(store(tickers(6200)));
    column('TIER_1').want = 6000;
    await refreshColumn('TIER_1', 'm');
    assert.equal(column('TIER_1').rows.length, 6000);
    assert.deepEqual(
      requests.map(r => r.path),
      ['operators?tier=TIER_1&limit=5000', 'operators?tier=TIER_1&after=T04999&limit=1000'],
    );
    assert.equal(column('TIER_1').next, `operators?tier=TIER_1&after=T05999&limit=${PAGE}`);
  });
});

describe('Show more', () => {
  test('appends the next page and gives the first ticker added', async () => {
    serve(store(tickers(150)));
    await refreshColumn('TIER_1', 'm');
    assert.equal(await showMore('TIER_1'), 'T00100');
    const col = column('TIER_1');
    assert.equal(col.rows.length, 150);
    assert.equal(col.next, null);
    assert.equal(col.pending, false);
  });

  test('a reread after Show more reads as many cards as were shown', async () => {
    const requests = serve(store(tickers(300)));
    await refreshColumn('TIER_1', 'm');
    await showMore('TIER_1');
    requests.length = 0;
    await refreshColumn('TIER_1', 'm2');
    assert.equal(column('TIER_1').rows.length, 200);
    assert.deepEqual(
      requests.map(r => r.path),
      ['operators?tier=TIER_1&limit=200'],
    );
  });

  test('a ticker already shown is not shown twice', async () => {
    const first = tickers(PAGE);
    const last = first[first.length - 1];
    serve(path =>
      path.includes('after=')
        ? page([line(last), line('U00000')]) // the store changed between the two reads
        : page(
            first.map(t => line(t)),
            `tier=TIER_1&after=${last}&limit=${PAGE}`,
          ),
    );
    await refreshColumn('TIER_1', 'm');
    assert.equal(await showMore('TIER_1'), 'U00000');
    const shown = column('TIER_1').rows.map(r => r.ticker);
    assert.deepEqual(shown, [...first, 'U00000']);
  });

  test('a failed page is kept on the column to show, and the cards stay', async () => {
    const first = tickers(PAGE);
    serve(path =>
      path.includes('after=')
        ? answer({ title: 'Too Many Requests' }, { status: 429 })
        : page(
            first.map(t => line(t)),
            `tier=TIER_1&after=${first[PAGE - 1]}&limit=${PAGE}`,
          ),
    );
    await refreshColumn('TIER_1', 'm');
    assert.equal(await showMore('TIER_1'), null);
    const col = column('TIER_1');
    assert.equal(col.error.status, 429);
    assert.equal(col.pending, false);
    assert.equal(col.rows.length, PAGE);
    assert.ok(col.next, 'the page can be asked for again');
  });

  test('nothing happens after the last page', async () => {
    const requests = serve(store(['A']));
    await refreshColumn('TIER_1', 'm');
    assert.equal(await showMore('TIER_1'), null);
    assert.equal(requests.length, 1);
  });
});

describe('collecting the cards', () => {
  test('the board holds the cards of every column, and names those whose tier changed', async () => {
    serve(path => (path.includes('TIER_1') ? page([line('A', 'TIER_1')]) : page([line('B', 'TIER_2')])));
    await refreshColumn('TIER_1', 'm');
    await refreshColumn('TIER_2', 'm');
    assert.deepEqual(collect(), []);
    assert.deepEqual([...state.ops.keys()].sort(), ['A', 'B']);

    serve(path => (path.includes('TIER_1') ? page([]) : page([line('A', 'TIER_2'), line('B', 'TIER_2')])));
    await refreshColumn('TIER_1', 'm2');
    await refreshColumn('TIER_2', 'm2');
    assert.deepEqual(collect(), ['A']);
    assert.equal(state.ops.get('A').classification.tier, 'TIER_2');
  });
});

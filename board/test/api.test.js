// HTTP to the service (api.js): problem+json errors as the board shows them, credentials on writes, the next
// page of a list, the file name of a download. Against a fake service.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, serve } from './fake-service.js';
import {
  api,
  ApiError,
  apiPage,
  basicToken,
  fetchCsv,
  fileName,
  nextPage,
  setCredentials,
} from '../../src/main/resources/META-INF/resources/api.js';

afterEach(() => setCredentials(null));

describe('errors', () => {
  test('a refused call carries the problem title, detail and the fields it names, and which call it was', async () => {
    serve(() =>
      answer(
        {
          title: 'Invalid profile',
          status: 400,
          detail: '1 field is invalid',
          errors: [{ field: 'deals[0].valueUsd', message: 'must be at least 0' }],
        },
        { status: 400 },
      ),
    );
    const err = await api('operators/IREN/deals', { method: 'POST', body: { id: 'd1' } }).then(
      () => assert.fail('no error'),
      e => e,
    );
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 400);
    assert.equal(err.message, 'Invalid profile: 1 field is invalid');
    assert.deepEqual(err.errors, [{ field: 'deals[0].valueUsd', message: 'must be at least 0' }]);
    assert.equal(err.where, 'POST /operators/IREN/deals');
  });

  test('an error without a problem body is named by its status', async () => {
    serve(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await assert.rejects(api('rules'), { status: 502, title: 'Bad Gateway', detail: '', errors: [] });
    serve(() => new Response('', { status: 504 }));
    await assert.rejects(api('rules'), { status: 504, title: 'HTTP 504' });
  });

  test('no answer at all is an error of status 0 that says so', async () => {
    globalThis.fetch = async () => {
      throw new TypeError('fetch failed');
    };
    await assert.rejects(api('screen'), {
      status: 0,
      title: 'No answer from the service',
      where: 'GET /screen',
    });
  });
});

describe('requests', () => {
  test('a write goes with the signed-in user’s HTTP Basic credentials, UTF-8 safe', async () => {
    const requests = serve(() => answer({ ok: true }));
    setCredentials({ user: 'analyst', token: basicToken('analyst', 'pässwörd') });
    await api('operators/IREN/deals', { method: 'POST', body: { id: 'd1' }, auth: true });
    const [req] = requests;
    const sent = Buffer.from(req.headers.Authorization.replace('Basic ', ''), 'base64').toString('utf8');
    assert.equal(sent, 'analyst:pässwörd');
    assert.equal(req.headers['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(req.body), { id: 'd1' });
  });

  test('reads and signed-out writes carry no credentials', async () => {
    const requests = serve(() => answer([]));
    await api('operators');
    await api('deals/import', { method: 'POST', body: 'a,b', contentType: 'text/csv', auth: true });
    assert.ok(requests.every(r => !('Authorization' in r.headers)));
  });

  test('a spreadsheet is posted as it is, with its own content type', async () => {
    const requests = serve(() => answer([]));
    await api('deals/import', { method: 'POST', body: 'ticker,id\nIREN,d1\n', contentType: 'text/csv' });
    assert.equal(requests[0].body, 'ticker,id\nIREN,d1\n');
    assert.equal(requests[0].headers['Content-Type'], 'text/csv');
  });

  test('credentials without a user or a token are no credentials', async () => {
    const requests = serve(() => answer({}));
    setCredentials({ user: 'analyst' });
    await api('operators/IREN', { method: 'PUT', body: {}, auth: true });
    assert.ok(!('Authorization' in requests[0].headers));
  });
});

describe('pages', () => {
  test('the next page keeps the board’s own path and takes only the query of the Link header', () => {
    // the service writes the link from its root; the board may be served under a prefix
    assert.equal(
      nextPage('</operators?tier=TIER_1&after=IREN&limit=100>; rel="next"', 'operators?tier=TIER_1&limit=100'),
      'operators?tier=TIER_1&after=IREN&limit=100',
    );
    assert.equal(nextPage('</operators?after=A>; rel=next', 'operators'), 'operators?after=A');
  });

  test('there is no next page without a link whose rel is next', () => {
    assert.equal(nextPage(null, 'operators'), null);
    assert.equal(nextPage('</operators?after=A>; rel="prev"', 'operators'), null);
  });

  test('a page is its items and the next page, or none after the last', async () => {
    serve(path =>
      path === 'operators?limit=2'
        ? answer([{ ticker: 'A' }, { ticker: 'B' }], { headers: { Link: '</operators?after=B&limit=2>; rel="next"' } })
        : answer([{ ticker: 'C' }]),
    );
    assert.deepEqual(await apiPage('operators?limit=2'), {
      items: [{ ticker: 'A' }, { ticker: 'B' }],
      next: 'operators?after=B&limit=2',
    });
    assert.deepEqual(await apiPage('operators?after=B&limit=2'), { items: [{ ticker: 'C' }], next: null });
  });
});

describe('downloads', () => {
  test('a download is saved under the name its Content-Disposition gives', () => {
    assert.equal(fileName('attachment; filename="operators-2026-05-07.csv"'), 'operators-2026-05-07.csv');
    assert.equal(fileName('attachment; filename=deals.csv'), 'deals.csv');
    assert.equal(fileName("attachment; filename*=UTF-8''B%C3%B6rse.csv"), 'Börse.csv');
    assert.equal(fileName('attachment; filename="a \\"quoted\\" name.csv"'), 'a "quoted" name.csv');
  });

  test('a file name is a name only, never a path', () => {
    assert.equal(fileName('attachment; filename="../../etc/passwd"'), 'passwd');
    assert.equal(fileName('attachment; filename="C:\\\\temp\\\\x.csv"'), 'x.csv');
    assert.equal(fileName('attachment; filename="dir/"'), null);
  });

  test('a malformed encoded name falls back to the plain one; none at all is null', () => {
    assert.equal(fileName('attachment; filename*=UTF-8\'\'%E0%A4%A; filename="plain.csv"'), 'plain.csv');
    assert.equal(fileName('attachment'), null);
    assert.equal(fileName(null), null);
  });

  test('a CSV answer gives its text and file name', async () => {
    serve(
      () =>
        new Response('ticker,name\nIREN,IREN Ltd\n', {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="ops.csv"',
          },
        }),
    );
    const file = await fetchCsv('operators', 'operators.csv');
    assert.equal(file.text, 'ticker,name\nIREN,IREN Ltd\n');
    assert.equal(file.name, 'ops.csv');
  });

  test('a CSV answer without a file name is saved under the board’s own', async () => {
    serve(() => new Response('a\n', { headers: { 'Content-Type': 'text/csv' } }));
    assert.equal((await fetchCsv('deals', 'deals.csv')).name, 'deals.csv');
  });

  test('an answer that is not a spreadsheet is refused, saying what came instead', async () => {
    serve(() => answer([{ ticker: 'IREN' }]));
    await assert.rejects(fetchCsv('operators', 'operators.csv'), {
      title: 'Not a spreadsheet',
      detail: 'the service answered application/json',
    });
  });
});

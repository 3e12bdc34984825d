// The board is native ES modules with no build step: a name imported that its module does not export (after a
// rename, say) breaks the whole page in the browser, and only there. Linking every module here catches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';

const board = new URL('../../src/main/resources/META-INF/resources/', import.meta.url);

test('every module of the board links: each name it imports is exported by its module', async () => {
  // main.js starts the board once the page has loaded: a page still loading only gets a listener
  globalThis.document = { readyState: 'loading', addEventListener() {} };
  try {
    const modules = readdirSync(board).filter(f => f.endsWith('.js'));
    assert.ok(modules.includes('main.js'), 'the entry module is among them');
    for (const file of modules) {
      await assert.doesNotReject(import(new URL(file, board).href), file);
    }
  } finally {
    delete globalThis.document;
  }
});

// Spreadsheets (sheets.js): how many rows a downloaded CSV holds, as the board reports it after a download
// ("operators.csv saved: 13 rows"), counted as RFC 4180 reads a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecords } from '../../src/main/resources/META-INF/resources/sheets.js';

test('a header and two rows are three records, with or without a last line break', () => {
  assert.equal(csvRecords('ticker,name\nIREN,IREN Ltd\nGLXY,Galaxy\n'), 3);
  assert.equal(csvRecords('ticker,name\nIREN,IREN Ltd\nGLXY,Galaxy'), 3);
});

test('Windows line breaks count once', () => {
  assert.equal(csvRecords('ticker,name\r\nIREN,IREN Ltd\r\n'), 2);
});

test('a line break inside a quoted cell does not start a record', () => {
  assert.equal(csvRecords('id,detail\nd1,"first line\nsecond line"\nd2,"a ""quoted"" word"\n'), 3);
});

test('blank lines are not records, and an empty file has none', () => {
  assert.equal(csvRecords('ticker\n\nIREN\n\n'), 2);
  assert.equal(csvRecords(''), 0);
});

test('a row of empty quoted cells is a record', () => {
  assert.equal(csvRecords('a,b\n"",""\n'), 2);
});

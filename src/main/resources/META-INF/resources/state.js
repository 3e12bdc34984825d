// What the board knows, shared by its modules: one object, changed only by main.js (polling), columns.js (the
// columns' pages) and detail.js.

export const state = {
  ops: new Map(), // ticker -> {ticker, name, classification, profile}: the cards loaded, of every column
  columns: new Map(), // tier -> the column's loaded pages (columns.js)
  counts: null, // GET /operators/counts: how many each tier holds, and the change markers
  screen: null, // GET /screen
  rules: null, // GET /rules
  rulesSig: null,
  lastOk: 0,
  loaded: false, // the first counts and pages have arrived
  open: null, // ticker whose detail is open
  detail: null, // {profile, classification, history, timeline}
  result: null, // last add-deal answer, for the open ticker
};

// globalThis is the window in a browser; the board's unit tests load this module in Node, which has no matchMedia
export const reduceMotion = !!(
  globalThis.matchMedia && globalThis.matchMedia('(prefers-reduced-motion: reduce)').matches
);

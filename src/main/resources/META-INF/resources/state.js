// What the board knows, shared by its modules: one object, changed only by main.js (polling) and detail.js.

export const state = {
  ops: new Map(),          // ticker -> {ticker, name, classification, profile}
  screen: null,            // GET /screen
  rules: null,             // GET /rules
  rulesSig: null,
  listSig: null,
  lastFull: 0,
  lastOk: 0,
  loaded: false,           // the first list has arrived
  open: null,              // ticker whose detail is open
  detail: null,            // {profile, classification, history, timeline}
  result: null,            // last add-deal answer, for the open ticker
};

export const reduceMotion = !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);

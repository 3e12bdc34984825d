// The columns at any store size. How many operators a tier holds comes from GET /operators/counts; a column holds
// only the first cards of its tier in ticker order (the order the service pages in), a page at a time: GET
// /operators?tier=…&limit=…, then the page its Link header names ("Show more"). main.js reads a column's pages
// again only when its tier's change marker in the counts moved, so a poll costs one small answer however many
// operators are stored.
import { api, apiPage } from './api.js';
import { state } from './state.js';

/** Cards a column shows at first, and how many more each "Show more" adds. */
export const PAGE = 100;
/** The largest page GET /operators gives (API.md). */
const MAX_LIMIT = 5000;

/**
 * The column of tier t, empty until read: its rows in ticker order, the path of the page after them (null after
 * the last), how many it shows (a reread reads as many again), the tier's marker its rows are as of (null: to be
 * read), whether a "Show more" is under way, and that one's failure.
 */
export function column(t) {
  let col = state.columns.get(t);
  if (!col) {
    col = { rows: [], next: null, want: PAGE, version: null, seq: 0, pending: false, error: null };
    state.columns.set(t, col);
  }
  return col;
}

/** path with its limit parameter set to n. */
function withLimit(path, n) {
  const i = path.indexOf('?');
  const q = new URLSearchParams(i >= 0 ? path.slice(i + 1) : '');
  q.set('limit', String(n));
  return (i >= 0 ? path.slice(0, i) : path) + '?' + q.toString();
}

/**
 * Reads again what column t shows, its first `want` operators (one request unless that is more than the service
 * pages), as of `version`, the tier's marker in the counts read just before. False when a later read of the column
 * started meanwhile (its answer counts, not this one); throws ApiError, and the column is read again next time.
 */
export async function refreshColumn(t, version) {
  const col = column(t);
  const seq = ++col.seq;
  col.version = null;
  const want = Math.max(PAGE, col.want);
  let items = [];
  let next = null;
  let path = withLimit('operators?tier=' + encodeURIComponent(t), Math.min(want, MAX_LIMIT));
  while (path) {
    const page = await apiPage(path);
    items = items.concat(page.items);
    next = page.next;
    path = next && items.length < want ? withLimit(next, Math.min(want - items.length, MAX_LIMIT)) : null;
  }
  const rows = await rowsOf(items);
  if (seq !== col.seq) return false;
  // a card whose operator could not be read is read again with the next poll
  Object.assign(col, {
    rows,
    next: next && withLimit(next, PAGE),
    want,
    version: rows.some(r => r.error) ? null : version,
    pending: false,
    error: null,
  });
  return true;
}

/**
 * Appends the next page of column t, the one its last page's Link header named: the first ticker added, or null
 * (nothing more, a read of the whole column overtook it, or it failed: then col.error says why).
 */
export async function showMore(t) {
  const col = column(t);
  if (!col.next || col.pending) return null;
  const seq = ++col.seq;
  col.pending = true;
  col.error = null;
  col.want = col.rows.length + PAGE; // a reread of the column meanwhile (a poll that saw a change) takes this page too
  try {
    const page = await apiPage(col.next);
    const rows = await rowsOf(page.items);
    if (seq !== col.seq) return null;
    const have = new Set(col.rows.map(r => r.ticker));
    const added = rows.filter(r => !have.has(r.ticker));
    col.rows = col.rows.concat(added);
    col.next = page.next && withLimit(page.next, PAGE);
    col.want = Math.max(PAGE, col.rows.length);
    return added.length ? added[0].ticker : null;
  } catch (e) {
    if (seq === col.seq) {
      col.error = e;
      col.want = Math.max(PAGE, col.rows.length);
    }
    return null;
  } finally {
    if (seq === col.seq) col.pending = false;
  }
}

/** Makes state.ops the cards of every column; the tickers whose tier changed since the last time. */
export function collect() {
  const moved = [];
  const next = new Map();
  for (const col of state.columns.values()) {
    for (const r of col.rows) {
      const prev = state.ops.get(r.ticker);
      if (prev && prev.classification && prev.classification.tier !== r.classification.tier) moved.push(r.ticker);
      next.set(r.ticker, r);
    }
  }
  state.ops = next;
  return moved;
}

/**
 * What a card needs, from a line of GET /operators when the line carries it: a whole classification, or the
 * summary fields (stages, fullStack, bindingBacklogUsd, densityUsdPerMwYear, conversionUpsideUsdPerYear, risk codes,
 * gaps). Null for a bare line.
 */
function summaryOf(item) {
  if (item.classification && typeof item.classification === 'object') return item.classification;
  if (item.metrics && Array.isArray(item.stages)) return item;
  if (Array.isArray(item.stages) && 'bindingBacklogUsd' in item) {
    return {
      ticker: item.ticker,
      tier: item.tier,
      stage: item.stage,
      stages: item.stages,
      fullStack: !!item.fullStack,
      metrics: {
        bindingBacklogUsd: item.bindingBacklogUsd,
        establishedBacklogUsd: item.establishedBacklogUsd,
        densityUsdPerMwYear: item.densityUsdPerMwYear,
        northAmericaAiMw: item.northAmericaAiMw,
        largestCounterpartyShare: item.largestCounterpartyShare,
        conversionUpsideUsdPerYear: item.conversionUpsideUsdPerYear,
      },
      risks: (Array.isArray(item.risks) ? item.risks : []).map(r => (typeof r === 'string' ? { code: r } : r)),
      gaps: Array.isArray(item.gaps) ? item.gaps : [],
    };
  }
  return null;
}

/** The cards of a page's lines: a bare line costs a request for its operator, one gone meanwhile is left out. */
async function rowsOf(items) {
  const rows = await Promise.all(
    items
      .filter(x => x && x.ticker)
      .map(async item => {
        // a list that carries the card's figures saves one request per operator
        const inline = summaryOf(item);
        if (inline) {
          return { ticker: item.ticker, name: item.name, classification: inline, profile: item.profile || null };
        }
        try {
          const d = await api('operators/' + encodeURIComponent(item.ticker));
          return {
            ticker: item.ticker,
            name: item.name || (d.profile && d.profile.name),
            classification: d.classification || {},
            profile: d.profile || null,
          };
        } catch (e) {
          if (e.status === 404) return null; // deleted in between
          return {
            ticker: item.ticker,
            name: item.name,
            classification: {
              tier: item.tier,
              stage: item.stage,
              stages: item.stage ? [item.stage] : [],
              risks: [],
              metrics: {},
            },
            error: e,
          };
        }
      }),
  );
  return rows.filter(Boolean);
}

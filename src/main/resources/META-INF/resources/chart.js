// The density chart: USD per MW per year of each operator's binding deals, against the rules' price bands.
import { $, el, fill } from './dom.js';
import { amount, density, tick, num } from './format.js';
import { state } from './state.js';
import * as words from './words.js';

let open = () => {};
/** What a click on a bar does (main.js: open the operator's detail). */
export function onOpen(fn) {
  open = fn;
}

function niceStep(span) {
  const raw = span / 6,
    p = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/** Bars at most: a bar is a row 24 px high, and the board may hold pages of cards. */
const MAX_BARS = 40;
/** Tickers named at most under "Not charted". */
const MAX_NAMED = 30;

/** The operators the board has loaded (columns.js), the densest first, as bars; not every stored one. */
export function renderChart() {
  const box = $('#chart');
  const ops = [...state.ops.values()];
  const dense = ops
    .filter(o => ((o.classification || {}).metrics || {}).densityUsdPerMwYear != null)
    .sort((a, b) => b.classification.metrics.densityUsdPerMwYear - a.classification.metrics.densityUsdPerMwYear);
  const withD = dense.slice(0, MAX_BARS);
  const charted = new Set(dense);
  const without = ops
    .filter(o => !charted.has(o))
    .map(o => o.ticker)
    .sort();
  const stored = state.counts && typeof state.counts.total === 'number' ? state.counts.total : ops.length;
  const W = Math.max(300, Math.floor(box.clientWidth || 600));
  const narrow = W < 480;
  const M = { l: 56, r: narrow ? 44 : 58, t: narrow ? 46 : 34, b: 30 };
  const rowH = 24;
  const rows = Math.max(withD.length, 1);
  const H = M.t + rows * rowH + M.b;
  const bands = words.densityBands();
  // room for the bands and the longest bar
  const maxD = Math.max(
    2e6,
    ...bands.map(b => (b.to != null ? b.to : b.mark) * 1.09),
    ...withD.map(o => o.classification.metrics.densityUsdPerMwYear * 1.08),
  );
  const step = niceStep(maxD);
  const xmax = Math.ceil(maxD / step) * step;
  const x = v => M.l + (Math.max(0, v) / xmax) * (W - M.l - M.r);
  const svg = el('svg', {
    width: W,
    height: H,
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': 'Contract density per operator, USD per MW per year',
  });
  // bands, labelled above the plot; a label that would run into the previous one goes up a line
  let lastEnd = -Infinity,
    line = 0;
  for (const b of bands) {
    // a range from its low to its high end; a single price as a mark with a narrow band around it
    const span = b.from != null && b.to != null;
    const x0 = span ? x(b.from) : x(b.mark) - 6,
      x1 = span ? x(Math.min(b.to, xmax)) : x(b.mark) + 6;
    svg.append(
      el(
        'rect',
        {
          class: 'band ' + b.cls,
          x: x0,
          y: M.t - 6,
          width: Math.max(2, x1 - x0),
          height: rows * rowH + 6,
          'data-thresholds': b.thresholds.join(' '),
          'data-from': span ? b.from : null,
          'data-to': span ? b.to : null,
          'data-mark': span ? null : b.mark,
        },
        el('title', {}, b.title),
      ),
    );
    if (b.mark != null) {
      svg.append(
        el('line', { class: 'band-mark ' + b.cls, x1: x(b.mark), x2: x(b.mark), y1: M.t - 6, y2: M.t + rows * rowH }),
      );
    }
    const lbl = b.label;
    const tw = lbl.length * 6.3;
    const start = Math.min(Math.max(M.l - 40, (x0 + x1) / 2 - tw / 2), W - tw - 2);
    line = start < lastEnd + 10 ? line + 1 : 0;
    lastEnd = start + tw;
    svg.append(el('text', { class: 'band-label ' + b.cls, x: start, y: M.t - 12 - line * 13 }, lbl));
  }
  // axis
  const axisY = M.t + rows * rowH + 4;
  svg.append(el('line', { class: 'axis', x1: M.l, x2: W - M.r, y1: axisY, y2: axisY }));
  for (let v = 0; v <= xmax + 1; v += step) {
    svg.append(el('line', { class: 'grid', x1: x(v), x2: x(v), y1: M.t - 6, y2: axisY }));
    svg.append(el('text', { class: 'tick', x: x(v), y: axisY + 15, 'text-anchor': 'middle' }, tick(v)));
  }
  // bars
  withD.forEach((o, i) => {
    const d = o.classification.metrics.densityUsdPerMwYear;
    const y = M.t + i * rowH + 4;
    const t = words.tierKey(o.classification.tier);
    const label = amount(d);
    const xEnd = x(d);
    const inside = xEnd + 52 > W;
    svg.append(
      el(
        'g',
        {
          class: 'bar t-' + t + (state.open === o.ticker ? ' open' : ''),
          'data-ticker': o.ticker,
          tabindex: 0,
          role: 'button',
          onclick: () => open(o.ticker),
          onkeydown: e => {
            if (e.key === 'Enter') open(o.ticker);
          },
        },
        el('title', {}, `${o.ticker}: ${density(d)} (${words.tierLabel(t)})`),
        el('text', { class: 'bar-label', x: M.l - 8, y: y + 12, 'text-anchor': 'end' }, o.ticker),
        el('rect', { class: 'bar-rect', x: M.l, y, width: Math.max(2, xEnd - M.l), height: rowH - 8, rx: 3 }),
        el(
          'text',
          {
            class: 'bar-value' + (inside ? ' inside' : ''),
            x: inside ? xEnd - 6 : xEnd + 6,
            y: y + 12,
            'text-anchor': inside ? 'end' : 'start',
          },
          label,
        ),
      ),
    );
  });
  if (!withD.length) {
    svg.append(
      el(
        'text',
        { class: 'tick', x: (M.l + W - M.r) / 2, y: M.t + 16, 'text-anchor': 'middle' },
        ops.length
          ? 'No operator has a binding deal with MW and term yet'
          : state.loaded
            ? 'No operators stored'
            : 'Loading…',
      ),
    );
  }
  fill(box, svg);
  fill(
    $('#chart-foot'),
    el(
      'span',
      { class: 'legend' },
      words.tierCodes().map(t => el('span', { class: 'lg t-' + t }, el('i'), words.tierLabel(t))),
    ),
    dense.length > withD.length || stored > ops.length
      ? el(
          'span',
          { class: 'chart-scope' },
          `Charted: the ${num(withD.length)} densest of the ${num(ops.length)} operators on the board` +
            (stored > ops.length ? ` (${num(stored)} stored).` : '.'),
        )
      : null,
    without.length
      ? el(
          'span',
          { class: 'not-charted' },
          'Not charted (no binding deal with MW and term): ' +
            without.slice(0, MAX_NAMED).join(', ') +
            (without.length > MAX_NAMED ? ` and ${num(without.length - MAX_NAMED)} more` : '') +
            '.',
        )
      : null,
  );
}

/** Keeps the open operator's bar marked. */
export function markOpenBar() {
  document.querySelectorAll('#chart .bar').forEach(b => b.classList.toggle('open', b.dataset.ticker === state.open));
}

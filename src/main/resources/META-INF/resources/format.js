// Numbers and dates as the board prints them.

// One number style everywhere, the research note's (MODEL.md): USD 9.7 B, USD 311 M, USD 11.3 M/MW/yr, 2,150 MW,
// 74 %. Amounts of a million and more in B or M with three significant figures (trailing zeros dropped); smaller
// ones in full with thousands separators; MW with thousands separators; a space before %.

const NONE = '—';
const grouped = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

function missing(v) {
  return v === null || v === undefined || v === '' || !Number.isFinite(Number(v));
}

/** Decimals that leave three significant figures of a number from 1 to 999.x. */
function decimals(a) {
  return a >= 100 ? 0 : a >= 10 ? 1 : 2;
}

/** {value, unit, digits}: v in B or M to three significant figures, or null below a million. */
function scaled(v) {
  const a = Math.abs(v);
  if (a < 1e6 - 0.5) return null;
  let unit = a >= 1e9 ? 1e9 : 1e6;
  // 999.6 M rounds to 1000 M: that is 1 B
  if (unit === 1e6 && Math.round(a / 1e6) >= 1000) unit = 1e9;
  const x = v / unit;
  const digits = Math.abs(x) >= 1000 ? 0 : decimals(Math.abs(x));
  const value = Number(x.toFixed(digits));
  return { value, unit: unit === 1e9 ? 'B' : 'M', digits: Math.max(0, Math.min(digits, fraction(value))) };
}

/** How many decimals a rounded number needs: 9.70 → 1, 11.0 → 0. */
function fraction(x) {
  const s = String(x);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** An amount without the currency, for places whose heading names it: 13.1 B, 311 M, 1.78 M, 450,000. */
export function amount(v) {
  if (missing(v)) return NONE;
  const n = Number(v);
  const s = scaled(n);
  return s ? grouped(s.value, s.digits) + ' ' + s.unit : grouped(Math.round(n));
}

/** USD 13.1 B, USD 311 M, USD 450,000, USD 0. */
export function usd(v) {
  return missing(v) ? NONE : 'USD ' + amount(v);
}

/** A price per MW and year: USD 10.1 M/MW/yr. */
export function density(v) {
  return missing(v) ? NONE : usd(v) + '/MW/yr';
}

/**
 * A range of two amounts with one unit and as many decimals on both ends: 9.7–11.0 M. Ends of different units
 * are written each with its own: 900 M–1.2 B.
 */
export function range(lo, hi) {
  if (missing(lo) || missing(hi)) return amount(missing(lo) ? hi : lo);
  const a = scaled(Number(lo)),
    b = scaled(Number(hi));
  if (!a || !b || a.unit !== b.unit) return amount(lo) + '–' + amount(hi);
  const d = Math.max(a.digits, b.digits);
  const fixed = x => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  return fixed(a.value) + '–' + fixed(b.value) + ' ' + a.unit;
}

/** An axis tick: 0, 2 M, 2.5 M. */
export function tick(v) {
  return Number(v) === 0 ? '0' : amount(v);
}

/** 750 MW, 2,150 MW. */
export function mw(v) {
  return missing(v) ? NONE : grouped(Number(v), 1) + ' MW';
}

/** A share from 0 to 1 as a percentage: 74 %. */
export function pct(v) {
  return missing(v) ? NONE : Math.round(Number(v) * 100) + ' %';
}

/** A count or figure with thousands separators: 23,000. */
export function num(v) {
  return missing(v) ? NONE : grouped(Number(v), 1);
}

/** First letter capitalised, for a word that starts a line: "bare metal" → "Bare metal". */
export function cap(s) {
  s = String(s);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An enum code the rules have no word for, as words: ENERGIZED → Energized. */
export function titleCase(s) {
  return String(s)
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^./, c => c.toUpperCase());
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** Local date and time, 2026-05-07 14:03. */
export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function ago(iso) {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((Date.now() - t) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ago';
  return Math.floor(s / 86400) + ' d ago';
}

/** Today as an ISO date, 2026-05-07 (UTC, as the service's dates). */
export function today() {
  return new Date().toISOString().slice(0, 10);
}

export function shortVersion(v) {
  return v ? String(v).slice(0, 12) : '—';
}

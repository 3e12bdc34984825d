// Numbers and dates as the board prints them.

function trim0(s) { return s.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1'); }

export function usd(v) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return '—';
  const n = Number(v), a = Math.abs(n);
  if (a >= 1e9) return 'USD ' + trim0((n / 1e9).toFixed(a >= 1e11 ? 0 : 1)) + ' B';
  if (a >= 1e6) return 'USD ' + trim0((n / 1e6).toFixed(a >= 1e8 ? 0 : 1)) + ' M';
  if (a >= 1e3) return 'USD ' + trim0((n / 1e3).toFixed(0)) + ' K';
  return 'USD ' + n.toLocaleString('en-US');
}

export function millions(v) {
  if (v === null || v === undefined) return '—';
  return trim0((Number(v) / 1e6).toFixed(Number(v) >= 1e8 ? 0 : 2)) + ' M';
}

/** An axis tick: 0, 2 M, 2.5 M. */
export function tick(v) { return trim0((v / 1e6).toFixed(1)) + (v === 0 ? '' : ' M'); }

export function pct(v) { return v === null || v === undefined ? '—' : Math.round(Number(v) * 100) + '%'; }

export function num(v) { return v === null || v === undefined ? '—' : Number(v).toLocaleString('en-US', { maximumFractionDigits: 1 }); }

/** An enum code as words: BARE_METAL → Bare metal. */
export function titleCase(s) { return String(s).toLowerCase().replace(/_/g, ' ').replace(/^./, c => c.toUpperCase()); }

function pad(n) { return String(n).padStart(2, '0'); }

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
export function today() { return new Date().toISOString().slice(0, 10); }

export function shortVersion(v) { return v ? String(v).slice(0, 12) : '—'; }

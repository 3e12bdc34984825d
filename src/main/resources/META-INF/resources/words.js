// The one mapping from GET /rules to the words and numbers of the rules that the board draws: tier names and
// their rule sentences, stage, risk, customer-type and service words, and the price thresholds of the density
// chart. Nothing here is a copy of a rule: where the answer does not carry a word, the board shows the raw code
// (TIER_1, BARE_METAL), and where it does not carry a threshold, the chart draws no band for it.
//
// GET /rules carries (besides version, files, lastError):
//   thresholds: [{name, value, file, line}]
//   tiers:      [{tier, label, rule, file}]           in column order
//   words:      {stages, risks, counterpartyTypes, services, tiers}: each {CODE: "word as in a sentence"}
import { amount, range, density, cap } from './format.js';

// Codes of the HTTP contract (API.md), for the order of columns and ladder steps when the answer gives none.
const TIER_CODES = ['TIER_1', 'TIER_2', 'TIER_3', 'UNTIERED'];
const STAGE_CODES = ['COLOCATION', 'BARE_METAL', 'NEOCLOUD'];
const GROUPS = ['stages', 'risks', 'counterpartyTypes', 'services', 'tiers'];

const EMPTY = { version: undefined, sig: undefined, tiers: [], words: {}, thresholds: new Map() };
let current = EMPTY;
const listeners = [];

const isObject = x => x !== null && typeof x === 'object' && !Array.isArray(x);
const text = x => (typeof x === 'string' && x.trim() !== '' ? x.trim() : null);

/**
 * Reads the words and thresholds of a GET /rules answer when its version (or what it says) changed; true, and
 * every onChange listener called, when something the board draws changed.
 */
export function update(rules) {
  const r = isObject(rules) ? rules : {};
  const sig = JSON.stringify([r.version, r.thresholds, r.tiers, r.words]);
  if (sig === current.sig) return false;
  const words = {};
  for (const g of GROUPS) {
    words[g] = {};
    if (isObject(r.words) && isObject(r.words[g])) {
      for (const [code, w] of Object.entries(r.words[g])) if (text(w)) words[g][code] = text(w);
    }
  }
  const tiers = (Array.isArray(r.tiers) ? r.tiers : [])
    .filter(t => isObject(t) && text(t.tier))
    .map(t => ({ tier: t.tier, label: text(t.label), rule: text(t.rule), file: text(t.file) }));
  const thresholds = new Map();
  for (const t of Array.isArray(r.thresholds) ? r.thresholds : []) {
    if (isObject(t) && text(t.name) && typeof t.value === 'number' && Number.isFinite(t.value)) {
      thresholds.set(t.name, {
        name: t.name,
        value: t.value,
        file: text(t.file),
        line: Number.isInteger(t.line) ? t.line : null,
      });
    }
  }
  current = { version: r.version, sig, tiers, words, thresholds };
  for (const fn of listeners) fn();
  return true;
}

/** Runs fn whenever the words change (a new rule-set version). */
export function onChange(fn) {
  listeners.push(fn);
}

/** The word for a code as the rules write it in a sentence ("bare metal", "an AI lab"), or the raw code. */
export function word(group, code) {
  if (code === null || code === undefined || code === '') return '';
  return (current.words[group] && current.words[group][code]) || String(code);
}

/** The word where it starts a line: first letter capitalised ("Bare metal"). */
export function label(group, code) {
  return cap(word(group, code));
}

// ---------------------------------------------------------------- tiers

/** The tier codes, in column order: the answer's, or the contract's. */
export function tierCodes() {
  const order = current.tiers.map(t => t.tier);
  for (const w of Object.keys(current.words.tiers || {})) if (!order.includes(w)) order.push(w);
  return order.length ? [...new Set(order)] : TIER_CODES.slice();
}

/** The column an operator goes to: its tier, or the last column for a tier the board does not know. */
export function tierKey(t) {
  const order = tierCodes();
  return order.includes(t) ? t : order.includes('UNTIERED') ? 'UNTIERED' : order[order.length - 1];
}

/** A tier as a heading or pill shows it: "Tier 1"; a missing tier as the last column's. */
export function tierLabel(t) {
  const code = t || tierKey(t);
  const w = current.words.tiers && current.words.tiers[code];
  const entry = current.tiers.find(x => x.tier === code);
  return cap(w || (entry && entry.label) || String(code));
}

/**
 * The first of a classification's gaps (nearest first, as the service orders them) that moves toward a tier, or
 * null: a Tier 1 operator has none.
 */
export function nextTierGap(c) {
  const tiers = tierCodes();
  return (Array.isArray(c && c.gaps) ? c.gaps : []).find(g => g && tiers.includes(g.toward)) || null;
}

/** What a gap moves toward, as a heading says it: "Tier 1", "Bare metal". */
export function towardLabel(code) {
  return tierCodes().includes(code) ? tierLabel(code) : stageLabel(code);
}

/** The rule that puts an operator in the tier: {sentence, file} with the sentence's part after the colon, or null. */
export function tierRule(t) {
  const entry = current.tiers.find(x => x.tier === t);
  if (!entry || !entry.rule) return null;
  const i = entry.rule.indexOf(':');
  return { rule: entry.rule, hint: cap(i >= 0 ? entry.rule.slice(i + 1).trim() : entry.rule), file: entry.file };
}

// ---------------------------------------------------------------- stages, risks, customers, services

/** The stage codes, lowest first: the contract's order, then any further stage the answer names. */
export function stageCodes() {
  return [...STAGE_CODES, ...Object.keys(current.words.stages || {}).filter(s => !STAGE_CODES.includes(s))];
}

/** A stage where it starts a line ("Bare metal"); "none" for no stage. */
export function stageLabel(s) {
  return s ? label('stages', s) : 'none';
}

export function riskLabel(code) {
  return label('risks', code || 'risk');
}

/** "Full stack: AI-dedicated power → bare metal → neocloud". */
export function fullStackTitle() {
  return `Full stack: AI-dedicated power → ${word('stages', 'BARE_METAL')} → ${word('stages', 'NEOCLOUD')}`;
}

// ---------------------------------------------------------------- thresholds

/** A threshold of the rules: {name, value, file, line}, or null when the answer does not carry it. */
export function threshold(name) {
  return current.thresholds.get(name) || null;
}

function where(t) {
  return t.file ? (t.line ? `${t.file}:${t.line}` : t.file) : null;
}

/**
 * The density chart's bands, USD per MW per year: the colocation rate (a mark, drawn with a narrow band around it)
 * and the bare-metal price range. Each {from?, to?, mark?, label, title, cls, thresholds}; only those whose
 * thresholds the answer carries.
 */
export function densityBands() {
  const out = [];
  const colo = threshold('colocationRateUsd');
  if (colo) {
    const name = label('services', 'COLOCATION');
    out.push({
      mark: colo.value,
      cls: 'band-colo',
      thresholds: [colo.name],
      label: `${name} ≈ ${amount(colo.value)}`,
      title: `${name} ≈ ${density(colo.value)}` + (where(colo) ? ` (${colo.name}, ${where(colo)})` : ''),
    });
  }
  const lo = threshold('bareMetalLowUsd'),
    hi = threshold('bareMetalHighUsd');
  if (lo || hi) {
    const name = label('services', 'BARE_METAL');
    const both = lo && hi;
    const span = both ? range(Math.min(lo.value, hi.value), Math.max(lo.value, hi.value)) : amount((lo || hi).value);
    out.push(
      Object.assign(
        both ? { from: Math.min(lo.value, hi.value), to: Math.max(lo.value, hi.value) } : { mark: (lo || hi).value },
        {
          cls: 'band-metal',
          thresholds: [lo, hi].filter(Boolean).map(t => t.name),
          label: `${name} ${span}`,
          title:
            `${name} USD ${span}/MW/yr` +
            [lo, hi]
              .filter(Boolean)
              .map(t => (where(t) ? ` (${t.name}, ${where(t)})` : ''))
              .join(''),
        },
      ),
    );
  }
  return out;
}

/** The codes the answer has a word for in a group, in its order. */
export function codes(group) {
  return Object.keys(current.words[group] || {});
}

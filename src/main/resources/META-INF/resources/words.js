import { amount, range, density } from './format.js';

// Every word and number of the rules that the board draws: tier names and hints, stage, risk, customer-type and
// service words, and the research note's density bands.

const TIERS = [
  { key: 'TIER_1', label: 'Tier 1', hint: 'Massive binding backlog with an established customer' },
  { key: 'TIER_2', label: 'Tier 2', hint: 'Binding deals, but only with newer clouds or chipmakers' },
  { key: 'TIER_3', label: 'Tier 3', hint: 'No binding deal yet; North-American AI power or a GPU cloud' },
  { key: 'UNTIERED', label: 'Untiered', hint: 'None of the above' },
];
const STAGES = [['COLOCATION', 'Colocation'], ['BARE_METAL', 'Bare metal'], ['NEOCLOUD', 'Neocloud']];
const RISKS = {
  COUNTERPARTY_CONCENTRATION: ['Concentration', 'Counterparty concentration: one counterparty holds much of the binding backlog'],
  GRID_INTERCONNECTION: ['Grid', 'Grid interconnection: an AI-dedicated site awaits interconnection'],
  HARDWARE_OBSOLESCENCE: ['Hardware', 'Hardware obsolescence: GPUs the operator owns'],
  CRYPTO_EXPOSURE: ['Crypto', 'Crypto exposure: much of the revenue still comes from mining'],
};
const TYPES = { HYPERSCALER: 'Hyperscaler', AI_LAB: 'AI lab', ENTERPRISE: 'Enterprise', NEOCLOUD: 'Neocloud', CHIPMAKER: 'Chipmaker', OTHER: 'Other' };
const SERVICES = { COLOCATION: 'Colocation', BARE_METAL: 'Bare metal', MANAGED_CLOUD: 'Managed cloud' };
// The research note: colocation ≈ USD 1.78 M/MW/yr; bare metal and cloud USD 9.7–11.0 M/MW/yr.
const BANDS = [
  { from: 1.68e6, to: 1.88e6, mark: 1.78e6, label: 'Colocation ≈ ' + amount(1.78e6), short: 'Colocation ≈ ' + amount(1.78e6), cls: 'band-colo', title: 'Colocation ≈ ' + density(1.78e6) + ' (research note)' },
  { from: 9.7e6, to: 11.0e6, label: 'Bare metal & cloud ' + range(9.7e6, 11e6), short: 'Metal & cloud ' + range(9.7e6, 11e6), cls: 'band-metal', title: 'Bare metal & cloud USD ' + range(9.7e6, 11e6) + '/MW/yr (research note)' },
];

function titleCase(s) { return String(s).toLowerCase().replace(/_/g, ' ').replace(/^./, c => c.toUpperCase()); }

/** Takes the words of a new GET /rules answer; true when they changed. */
export function update(rules) { return false; }

/** The tier codes, in column order. */
export function tierCodes() { return TIERS.map(t => t.key); }
/** The column an operator goes to: its tier, or the last column for a tier the board does not know. */
export function tierKey(t) { return TIERS.some(x => x.key === t) ? t : 'UNTIERED'; }
export function tierLabel(t) { const x = TIERS.find(x => x.key === t); return x ? x.label : (t || 'Untiered'); }
export function tierHint(t) { const x = TIERS.find(x => x.key === t); return x ? x.hint : ''; }

/** The stage codes, lowest first. */
export function stageCodes() { return STAGES.map(s => s[0]); }
export function stageLabel(s) { const x = STAGES.find(x => x[0] === s); return x ? x[1] : (s ? titleCase(s) : 'none'); }

export function riskLabel(code) { return RISKS[code] ? RISKS[code][0] : titleCase(code || 'risk'); }
export function riskTitle(code) { return (RISKS[code] || [])[1] || code; }

export function typeLabel(code) { return TYPES[code] || code; }
export function serviceLabel(code) { return SERVICES[code] || code; }

/** The density bands of the chart: {from, to, mark?, label, short, title, cls}, USD per MW per year. */
export function densityBands() { return BANDS; }

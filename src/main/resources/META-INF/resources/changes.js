// The "Changes" panel: the latest moves of stored classifications, newest first, each with what moved it (a deal,
// a rule set, a date passing), from GET /changes/latest. main.js asks again whenever its poll sees a write.
import { $, el, fill } from './dom.js';
import { ago, when } from './format.js';
import { stageLabel, tierLabel } from './words.js';

let openOperator = () => {};

/** What a click on a change's ticker does: main.js opens the operator's drawer. */
export function onOpen(fn) {
  openOperator = fn;
}

/**
 * A change's move in words: "Tier 3 → Tier 2", "New in Tier 2", "Deleted (was Tier 2)", or the tier with what else
 * moved ("Tier 2 · stage Colocation → Bare metal"). The labels come from the rules' words unless given.
 */
export function moveText(c, tier = tierLabel, stage = stageLabel) {
  const b = c && c.before;
  const a = c && c.after;
  if (!a && !b) return '';
  if (!a) return `Deleted (was ${tier(b.tier)})`;
  if (!b) return `New in ${tier(a.tier)}`;
  const head = b.tier !== a.tier ? `${tier(b.tier)} → ${tier(a.tier)}` : tier(a.tier);
  const also = [];
  if (b.stage !== a.stage) also.push(`stage ${stage(b.stage)} → ${stage(a.stage)}`);
  if (!!b.fullStack !== !!a.fullStack) also.push(a.fullStack ? 'now full stack' : 'no longer full stack');
  const was = new Set(b.risks || []);
  const now = new Set(a.risks || []);
  const added = [...now].filter(r => !was.has(r));
  const gone = [...was].filter(r => !now.has(r));
  if (added.length) also.push('risk ' + added.join(', '));
  if (gone.length) also.push('no longer ' + gone.join(', '));
  return [head, ...also].join(' · ');
}

/** Whether a change moved the tier (or made or removed an operator): drawn stronger than a stage or risk change. */
export function movesTier(c) {
  return !c.before || !c.after || c.before.tier !== c.after.tier;
}

/** Draws the panel from the latest changes, newest first. */
export function renderChanges(list) {
  const body = $('#changes-body');
  if (!body) return;
  if (!Array.isArray(list) || list.length === 0) {
    fill(
      body,
      el(
        'p',
        { class: 'hint' },
        'No changes yet: a deal, a profile or a rule change that moves an operator shows here.',
      ),
    );
    return;
  }
  fill(
    body,
    el(
      'ol',
      { class: 'changes' },
      list.map(c =>
        el(
          'li',
          { class: movesTier(c) ? 'change moved' : 'change' },
          el('span', { class: 'move' }, moveText(c)),
          ': ',
          el(
            'button',
            { type: 'button', class: 'link ticker', onclick: () => c.after && openOperator(c.ticker) },
            c.ticker,
          ),
          c.reason ? el('span', { class: 'reason' }, ', after ' + c.reason) : null,
          el(
            'span',
            { class: 'muted when', title: when(c.time) + (c.by ? ' · ' + c.by : ''), 'data-ago': c.time || '' },
            ' · ' + ago(c.time),
          ),
        ),
      ),
    ),
  );
}

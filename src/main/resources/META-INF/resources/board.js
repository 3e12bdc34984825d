// The board: one column per tier with the tier's count and its first cards (columns.js pages them), and the
// screen's picks in the header.
import { $, el, fill } from './dom.js';
import { usd, pct, cap, num } from './format.js';
import { problemNode } from './api.js';
import { state, reduceMotion } from './state.js';
import * as words from './words.js';

let open = () => {};
/** What a click on a card or a pick does (main.js: open the operator's detail). */
export function onOpen(fn) {
  open = fn;
}

let more = () => {};
/** What a column's "Show more" does (main.js: append the tier's next page); gets the tier. */
export function onMore(fn) {
  more = fn;
}

export function tierPill(t) {
  return el('span', { class: 'tier-pill t-' + words.tierKey(t) }, words.tierLabel(t));
}

/** The screen's picks for one operator: full-stack leader, contract-quality leader, high potential. */
export function picksFor(ticker) {
  const s = state.screen || {};
  const out = [];
  const title = screenWhy(ticker);
  if (s.fullStackLeader === ticker) out.push({ cls: 'p1', label: '★ Full-stack leader', title });
  if (s.contractQualityLeader === ticker) out.push({ cls: 'p2', label: '★ Contract-quality leader', title });
  const i = Array.isArray(s.highPotential) ? s.highPotential.indexOf(ticker) : -1;
  if (i >= 0) {
    out.push({ cls: 'hp', label: '◆ High potential' + (s.highPotential.length > 1 ? ' #' + (i + 1) : ''), title });
  }
  return out;
}

/** Why the screen picked an operator, in the screen rules' own sentences (GET /screen reasons); null if none. */
function screenWhy(ticker) {
  const s = state.screen || {};
  const mine = (Array.isArray(s.reasons) ? s.reasons : []).filter(
    r =>
      r &&
      typeof r.message === 'string' &&
      new RegExp('(^|[^A-Z0-9.-])' + ticker.replace(/[.-]/g, '\\$&') + '($|[^A-Z0-9.-])').test(r.message),
  );
  return mine.map(r => (r.rule ? r.rule + ' — ' : '') + r.message).join('\n') || null;
}

export function picksNode(picks) {
  return picks.length
    ? el(
        'div',
        { class: 'picks' },
        picks.map(p => el('span', { class: 'pick ' + p.cls, title: p.title }, p.label)),
      )
    : null;
}

/** The stage ladder: every stage, the reached ones lit, the current one marked. */
export function ladder(c) {
  const reached = new Set(c.stages || (c.stage ? [c.stage] : []));
  return el(
    'ol',
    {
      class: 'ladder',
      'aria-label': 'Stages reached: ' + (reached.size ? [...reached].map(words.stageLabel).join(', ') : 'none'),
    },
    words.stageCodes().map(key => {
      const label = words.stageLabel(key);
      return el(
        'li',
        {
          class: (reached.has(key) ? 'on' : '') + (c.stage === key ? ' current' : ''),
          'data-stage': key,
          title: label + (reached.has(key) ? ' — reached' : ' — not reached'),
        },
        el('span', { class: 'step' }),
        el('span', { class: 'step-label' }, label),
      );
    }),
  );
}

/** A risk chip's text; concentration with its share. */
export function riskText(r, m) {
  const base = words.riskLabel(r.code);
  if (r.code === 'COUNTERPARTY_CONCENTRATION' && m && m.largestCounterpartyShare) {
    return base + ' ' + pct(m.largestCounterpartyShare);
  }
  return base;
}

/** What would move the operator up a tier: the first gap toward a tier, in the rules' sentence; null for none. */
export function gapNode(c) {
  const g = words.nextTierGap(c);
  if (!g) return null;
  const to = words.towardLabel(g.toward);
  return el(
    'div',
    {
      class: 'gap',
      'data-toward': g.toward,
      title: `${g.rule || ''}${g.file ? ' (' + g.file + ')' : ''}\n${cap(g.message || '')}`,
    },
    el('span', { class: 'gap-label' }, 'To ' + to + ':'),
    ' ',
    g.message || '',
  );
}

/** The conversion upside of the operator's binding colocation book, when it has one. */
export function upsideNode(m) {
  const v = m && m.conversionUpsideUsdPerYear;
  if (!(v > 0)) return null;
  return el(
    'div',
    {
      class: 'upside',
      'data-upside': v,
      title: 'Binding colocation MW priced as bare metal: what it would earn more a year',
    },
    el('span', { class: 'upside-label' }, 'Conversion upside'),
    ' ',
    usd(v) + ' a year',
  );
}

function card(op) {
  const c = op.classification || {};
  const m = c.metrics || {};
  const picks = picksFor(op.ticker);
  const risks = Array.isArray(c.risks) ? c.risks : [];
  return el(
    'article',
    {
      class: 'card' + (picks.length ? ' picked' : '') + (op.error ? ' stale' : ''),
      'data-ticker': op.ticker,
      'data-tier': words.tierKey(c.tier),
      tabindex: 0,
      role: 'button',
      'aria-label': `${op.ticker}, ${op.name || ''}, ${words.tierLabel(c.tier)}; open detail`,
      onclick: () => open(op.ticker),
      onkeydown: e => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open(op.ticker);
        }
      },
    },
    el(
      'div',
      { class: 'card-top' },
      el('span', { class: 'ticker' }, op.ticker),
      c.fullStack ? el('span', { class: 'badge fullstack', title: words.fullStackTitle() }, 'Full stack') : null,
      el(
        'span',
        { class: 'backlog' + (m.bindingBacklogUsd ? '' : ' zero'), title: 'Binding backlog' },
        el('span', { class: 'backlog-value' }, usd(m.bindingBacklogUsd || 0)),
        el('span', { class: 'backlog-label' }, 'binding backlog'),
      ),
    ),
    el('div', { class: 'name', title: op.name || '' }, op.name || ' '),
    ladder(c),
    picksNode(picks),
    gapNode(c),
    upsideNode(m),
    risks.length
      ? el(
          'div',
          { class: 'chips', 'aria-label': 'Risks' },
          risks.map(r =>
            el(
              'span',
              {
                class: 'chip risk-' + (r.code || '').toLowerCase(),
                'data-risk': r.code,
                title: r.message || words.riskLabel(r.code),
              },
              riskText(r, m),
            ),
          ),
        )
      : null,
  );
}

/** Marks the card whose detail is open. */
export function markOpen() {
  document.querySelectorAll('.card.open').forEach(c => c.classList.remove('open'));
  if (state.open) {
    const c = document.querySelector(`.card[data-ticker="${CSS.escape(state.open)}"]`);
    if (c) c.classList.add('open');
  }
}

/** Draws the columns and cards; the tickers in moved changed tier since the last drawing. */
export function renderBoard(moved) {
  const board = $('#board');
  const before = new Map();
  board.querySelectorAll('.card[data-ticker]').forEach(c => before.set(c.dataset.ticker, c.getBoundingClientRect()));
  const codes = words.tierCodes();
  if ([...board.children].map(c => c.dataset.column).join() !== codes.join()) {
    fill(
      board,
      codes.map(t =>
        el(
          'section',
          { class: 'col t-' + t, 'data-column': t },
          el(
            'header',
            { class: 'col-head' },
            el('h2', {}, el('span', { class: 'col-title' }), el('span', { class: 'count' }, '0')),
            el('p', { class: 'hint' }),
          ),
          el('div', { class: 'cards' }),
          el('div', { class: 'col-foot', hidden: true }),
        ),
      ),
    );
  }
  for (const t of codes) {
    // headings and hints follow the rule set: the tier's word, and the sentence of the rule that decides it
    const col = board.querySelector(`[data-column="${t}"]`);
    const rule = words.tierRule(t);
    col.setAttribute('aria-label', words.tierLabel(t));
    $('.col-title', col).textContent = words.tierLabel(t);
    const hint = $('.hint', col);
    hint.textContent = rule ? rule.hint : '';
    hint.title = rule ? rule.rule + (rule.file ? ' (' + rule.file + ')' : '') : '';
  }
  const total = state.counts && typeof state.counts.total === 'number' ? state.counts.total : state.ops.size;
  for (const t of codes) {
    const col = board.querySelector(`[data-column="${t}"]`);
    // in ticker order, the service's: a page that "Show more" appends follows on where the column ends
    const c = state.columns.get(t) || { rows: [], next: null };
    const mine = c.rows;
    const byTier = state.counts && state.counts.byTier;
    const n = byTier && typeof byTier[t] === 'number' ? byTier[t] : mine.length;
    $('.count', col).textContent = num(n);
    $('.count', col).title = n === mine.length ? '' : `${num(mine.length)} shown of ${num(n)}`;
    const cards = $('.cards', col);
    const top = cards.scrollTop; // the column scrolls on its own: a redraw keeps where it was
    fill(
      cards,
      ...(mine.length
        ? mine.map(card)
        : [el('p', { class: 'empty' }, !state.loaded || !total || n ? '—' : 'No operator')]),
    );
    cards.scrollTop = top;
    renderFoot($('.col-foot', col), t, c, n);
  }
  if (state.open) markOpen();
  // FLIP: slide each card from where it was to where it is now
  board.querySelectorAll('.card[data-ticker]').forEach(c => {
    const was = before.get(c.dataset.ticker);
    if (moved.includes(c.dataset.ticker)) c.classList.add('moved');
    if (!was || reduceMotion || !c.animate) return;
    const now = c.getBoundingClientRect();
    const dx = was.left - now.left,
      dy = was.top - now.top;
    if (Math.abs(dx) > 1 || Math.abs(dy) > 1) {
      c.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }], {
        duration: 550,
        easing: 'cubic-bezier(.2,.7,.2,1)',
      });
    }
  });
  if (state.loaded && !total) {
    fill(
      $('.cards', board.querySelector(`[data-column="${codes[0]}"]`)),
      el('p', { class: 'empty' }, 'No operators stored yet. Store one with PUT /operators/{ticker}.'),
    );
  }
}

/** Under a column that shows part of its tier: how much, and "Show more" while the service has a next page. */
function renderFoot(foot, t, c, n) {
  const shown = c.rows.length;
  const partial = c.next || shown < n;
  fill(
    foot,
    partial ? el('span', { class: 'shown' }, `${num(shown)} of ${num(n)}`) : null,
    c.next
      ? el(
          'button',
          {
            type: 'button',
            class: 'btn small more',
            'data-more': t,
            disabled: !!c.pending,
            'aria-busy': c.pending ? 'true' : null,
            'aria-label': `Show more of ${words.tierLabel(t)}`,
            onclick: () => more(t),
          },
          c.pending ? 'Loading…' : 'Show more',
        )
      : null,
    c.error ? problemNode(c.error) : null,
  );
  foot.hidden = !foot.firstChild;
}

/** High-potential picks named in the header at most. */
const MAX_PICKS_NAMED = 8;

/** The screen's picks in the header, each a button that opens the operator. */
export function renderPicks() {
  const s = state.screen;
  const nav = $('#screen-picks');
  if (!s) {
    nav.replaceChildren();
    return;
  }
  const why = screenWhy;
  const pick = (label, t) =>
    el(
      'span',
      { class: 'sp', title: t ? why(t) : null },
      el('span', { class: 'sp-label' }, label),
      t
        ? el('button', { type: 'button', class: 'link', onclick: () => open(t) }, t)
        : el('span', { class: 'muted' }, 'none'),
    );
  const hp = Array.isArray(s.highPotential) ? s.highPotential : [];
  // the screen may pick hundreds in a large store: the first few name themselves, the cards carry the rest
  const named = hp.slice(0, MAX_PICKS_NAMED);
  fill(
    nav,
    pick('Full-stack leader', s.fullStackLeader),
    pick('Contract quality', s.contractQualityLeader),
    el(
      'span',
      { class: 'sp' },
      el('span', { class: 'sp-label' }, 'High potential'),
      hp.length
        ? named.map(t => el('button', { type: 'button', class: 'link', title: why(t), onclick: () => open(t) }, t))
        : el('span', { class: 'muted' }, 'none'),
      hp.length > named.length
        ? el('span', { class: 'muted more-picks' }, `and ${num(hp.length - named.length)} more`)
        : null,
    ),
  );
}

// The operator detail drawer: figures, risks, deals, the add-deal form, the what-if panel (whatif.js), gaps,
// reasons, timeline, history (each entry's rule set opens in the rule-set panel) and sites.
import { $, el, fill } from './dom.js';
import { usd, amount, mw, pct, num, titleCase, when, today, shortVersion } from './format.js';
import { ApiError, api, credentials, problemNode } from './api.js';
import { state, reduceMotion } from './state.js';
import * as words from './words.js';
import { tierPill, ladder, picksFor, picksNode, riskText, markOpen } from './board.js';
import { markOpenBar } from './chart.js';
import { openSignin, explainRefusal } from './signin.js';
import { mountWhatIf, syncWhatIf, onSaved as onWhatIfSaved } from './whatif.js';
import {
  cloneDealForm,
  labelChoices,
  defaults,
  clearFormErrors,
  readDeal,
  localDealErrors,
  showFormErrors,
} from './dealform.js';

let refreshAll = async () => {};
/** What to do after a change was stored (main.js: reload the board now). */
export function onStored(fn) {
  refreshAll = fn;
}

let openVersion = () => {};
/** What a history entry's rule-set version does (main.js: show it in the rule-set panel); gets (version, ticker). */
export function onOpenVersion(fn) {
  openVersion = fn;
}

let opener = null; // where focus goes back to when the drawer closes

export function openDetail(ticker) {
  const d = $('#detail');
  if (d.hidden) opener = document.activeElement;
  const other = state.open !== ticker;
  if (other) {
    state.result = null;
    state.detail = null;
  }
  state.open = ticker;
  d.hidden = false;
  $('#scrim').hidden = false;
  document.body.classList.add('detail-open');
  if (location.hash !== '#' + ticker) history.replaceState(null, '', '#' + encodeURIComponent(ticker));
  markOpen();
  if (other) {
    const csv = $('#d-history-csv-status');
    csv.replaceChildren();
    csv.classList.remove('bad');
    delete csv.dataset.file;
  }
  renderDetail();
  mountForm(true);
  mountWhatIf(other);
  d.focus({ preventScroll: true });
  $('.detail-body', d).scrollTop = 0;
  refreshDetail(true);
}

export function closeDetail() {
  state.open = null;
  state.detail = null;
  state.result = null;
  $('#detail').hidden = true;
  $('#scrim').hidden = true;
  document.body.classList.remove('detail-open');
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  markOpen();
  const back =
    opener && opener.isConnected
      ? opener
      : opener && opener.dataset && opener.dataset.ticker
        ? document.querySelector(`.card[data-ticker="${CSS.escape(opener.dataset.ticker)}"]`)
        : null;
  if (back && back.focus) back.focus({ preventScroll: true });
  opener = null;
}

let detailSeq = 0;
/** Reloads the open operator, its history and timeline; showErrors also shows failures of the last two. */
export async function refreshDetail(showErrors) {
  const t = state.open;
  if (!t) return;
  const seq = ++detailSeq;
  const enc = encodeURIComponent(t);
  const [d, h, tl] = await Promise.allSettled([
    api('operators/' + enc),
    api('operators/' + enc + '/history'),
    api('operators/' + enc + '/timeline'),
  ]);
  if (seq !== detailSeq || state.open !== t) return;
  const errs = [d, h, tl].filter(x => x.status === 'rejected').map(x => x.reason);
  if (d.status === 'rejected' && d.reason.status === 404) {
    closeDetail();
    return;
  }
  state.detail = {
    profile: d.status === 'fulfilled' ? d.value.profile : state.detail && state.detail.profile,
    classification: d.status === 'fulfilled' ? d.value.classification : null,
    history: h.status === 'fulfilled' ? h.value : h.reason,
    timeline: tl.status === 'fulfilled' ? tl.value : tl.reason,
  };
  const box = $('#d-error');
  if (errs.length && (showErrors || d.status === 'rejected')) {
    fill(box, ...errs.map(problemNode));
    box.hidden = false;
  } else {
    box.hidden = true;
    box.replaceChildren();
  }
  renderDetail();
}

function currentOp() {
  const op = state.ops.get(state.open) || { ticker: state.open };
  const det = state.detail || {};
  return {
    ticker: state.open,
    name: (det.profile && det.profile.name) || op.name || '',
    profile: det.profile || op.profile || null,
    classification: det.classification || op.classification || {},
  };
}

export function renderDetail() {
  if (!state.open) return;
  const op = currentOp();
  const c = op.classification;
  const m = c.metrics || {};
  fill(
    $('#d-head'),
    el(
      'div',
      { class: 'd-title-row' },
      el('h2', { id: 'd-title' }, op.ticker),
      tierPill(c.tier),
      c.fullStack ? el('span', { class: 'badge fullstack' }, 'Full stack') : null,
    ),
    el('div', { class: 'd-name' }, op.name),
    el('div', { class: 'd-sub' }, ladder(c), picksNode(picksFor(op.ticker))),
  );

  fill(
    $('#d-metrics'),
    metric('Binding backlog', usd(m.bindingBacklogUsd)),
    metric('Established backlog', usd(m.establishedBacklogUsd), 'from hyperscalers, AI labs, enterprises'),
    metric('Contract density', usd(m.densityUsdPerMwYear), m.densityUsdPerMwYear != null ? 'per MW per year' : ''),
    metric('N.-American AI power', mw(m.northAmericaAiMw)),
    metric(
      'Largest counterparty',
      m.largestCounterparty ? m.largestCounterparty : '—',
      m.largestCounterparty ? pct(m.largestCounterpartyShare) + ' of backlog' : '',
    ),
    metric(
      'Conversion upside',
      usd(m.conversionUpsideUsdPerYear),
      m.conversionUpsideUsdPerYear > 0 ? 'a year, colocation priced as bare metal' : '',
    ),
  );
  $('#d-ruleset').textContent = c.ruleSet
    ? `rule set ${shortVersion(c.ruleSet.version)}, loaded ${when(c.ruleSet.loadedAt)}`
    : '';
  $('#detail').dataset.tier = words.tierKey(c.tier);

  const risks = Array.isArray(c.risks) ? c.risks : [];
  fill(
    $('#d-risks'),
    ...(risks.length
      ? risks.map(r =>
          el(
            'li',
            {},
            el('span', { class: 'chip risk-' + (r.code || '').toLowerCase() }, riskText(r, m)),
            ' ',
            r.message || '',
          ),
        )
      : [el('li', { class: 'muted' }, 'No risk flagged')]),
  );

  renderDeals(op.profile);
  renderResult();

  const gaps = Array.isArray(c.gaps) ? c.gaps : [];
  fill(
    $('#d-gaps'),
    ...(gaps.length
      ? gaps.map(g =>
          el(
            'li',
            { class: 'reason gap-item', 'data-toward': g.toward },
            el(
              'div',
              { class: 'reason-head' },
              el('span', { class: 'rule' }, g.rule || 'To ' + words.towardLabel(g.toward)),
              el('code', { class: 'file' }, g.file || ''),
            ),
            el('div', { class: 'reason-msg' }, g.message || ''),
          ),
        )
      : [el('li', { class: 'muted' }, 'Nothing: it is in the top tier and at the top stage')]),
  );

  const reasons = Array.isArray(c.reasons) ? c.reasons : [];
  fill(
    $('#d-reasons'),
    ...(reasons.length
      ? reasons.map(r =>
          el(
            'li',
            { class: 'reason' },
            el(
              'div',
              { class: 'reason-head' },
              el('span', { class: 'rule' }, r.rule || ''),
              el('code', { class: 'file' }, r.file || ''),
            ),
            el('div', { class: 'reason-msg' }, r.message || ''),
          ),
        )
      : [el('li', { class: 'muted' }, 'No rule fired')]),
  );

  const det = state.detail || {};
  fill($('#d-timeline'), renderTimeline(det.timeline));
  fill($('#d-history'), renderHistory(det.history));
  fill($('#d-sites'), renderSites(op.profile));
  const form = $('form.deal-form', $('#d-add'));
  if (form) labelChoices(form);
  syncWhatIf();
  markOpenBar();
}

function metric(label, value, sub) {
  return el(
    'div',
    { class: 'metric' },
    el('div', { class: 'm-label' }, label),
    el('div', { class: 'm-value' }, value),
    sub ? el('div', { class: 'm-sub' }, sub) : null,
  );
}

function dealDensity(d) {
  return d && d.mw > 0 && d.termYears > 0 && d.valueUsd !== null && d.valueUsd !== undefined
    ? d.valueUsd / (d.mw * d.termYears)
    : null;
}

function renderDeals(profile) {
  const box = $('#d-deals');
  if (!profile) {
    fill(box, el('p', { class: 'muted' }, 'Loading…'));
    return;
  }
  const deals = Array.isArray(profile.deals) ? profile.deals : [];
  if (!deals.length) {
    fill(box, el('p', { class: 'muted' }, 'No deals'));
    return;
  }
  const now = today();
  fill(
    box,
    el(
      'table',
      { class: 'deals' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['Deal', 'Service', 'Status', 'Value', 'Term', 'MW', 'USD/MW/yr', 'Signed'].map(h => el('th', {}, h)),
        ),
      ),
      el(
        'tbody',
        {},
        deals.map(d => {
          const ended = d.ended && d.ended <= now;
          const dens = dealDensity(d);
          const terms = [
            d.takeOrPay ? 'take-or-pay' : null,
            d.tripleNet ? 'triple-net' : null,
            d.prepaymentUsd ? usd(d.prepaymentUsd) + ' prepaid' : null,
            d.guarantor
              ? 'guaranteed by ' +
                d.guarantor +
                (d.guarantorType ? ' (' + words.word('counterpartyTypes', d.guarantorType) + ')' : '')
              : null,
          ].filter(Boolean);
          return el(
            'tr',
            { class: ended ? 'ended' : '', 'data-deal': d.id },
            el(
              'td',
              {},
              el('div', { class: 'cp' }, d.counterparty || '—'),
              el(
                'div',
                { class: 'muted small' },
                words.label('counterpartyTypes', d.counterpartyType) + ' · ',
                el('code', { class: 'deal-id' }, d.id),
              ),
              terms.length ? el('div', { class: 'terms small' }, terms.join(' · ')) : null,
            ),
            el(
              'td',
              {},
              d.service
                ? words.label('services', d.service)
                : el('span', { class: 'muted', title: 'Inferred from density' }, 'inferred'),
            ),
            el(
              'td',
              {},
              el(
                'span',
                { class: 'status-pill ' + (d.status === 'BINDING' ? 'binding' : 'nonbinding') },
                d.status === 'BINDING' ? 'Binding' : 'Non-binding',
              ),
            ),
            el('td', { class: 'num' }, usd(d.valueUsd)),
            el('td', { class: 'num' }, d.termYears ? d.termYears + ' y' : '—'),
            el('td', { class: 'num' }, d.mw ? num(d.mw) : '—'),
            el('td', { class: 'num' }, amount(dens)),
            el(
              'td',
              { class: 'nowrap' },
              d.signed || '—',
              d.ended ? el('div', { class: 'muted small' }, 'ended ' + d.ended) : null,
            ),
          );
        }),
      ),
    ),
  );
}

function renderTimeline(tl) {
  if (tl instanceof Error) return problemNode(tl);
  if (!Array.isArray(tl)) return el('p', { class: 'muted' }, 'Loading…');
  if (!tl.length) return el('p', { class: 'muted' }, 'No dated deals');
  return el(
    'ol',
    { class: 'timeline' },
    tl.map((e, i) => {
      const prev = i > 0 ? tl[i - 1] : null;
      const changed = prev && prev.tier !== e.tier;
      return el(
        'li',
        { class: 't-' + words.tierKey(e.tier) + (changed ? ' changed' : '') },
        el('span', { class: 'tl-date' }, e.date || '—'),
        tierPill(e.tier),
        el('span', { class: 'tl-stage' }, words.stageLabel(e.stage)),
        el('span', { class: 'tl-event' }, e.event || ''),
      );
    }),
  );
}

function renderHistory(h) {
  if (h instanceof Error) return problemNode(h);
  if (!Array.isArray(h)) return el('p', { class: 'muted' }, 'Loading…');
  if (!h.length) return el('p', { class: 'muted' }, 'No history yet');
  const ticker = state.open;
  return el(
    'table',
    { class: 'history' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['When', 'Tier', 'Stage', 'Cause', 'By', 'Rule set'].map(x => el('th', {}, x)),
      ),
    ),
    el(
      'tbody',
      {},
      h.map(r =>
        el(
          'tr',
          { 'data-version': r.ruleSetVersion || '' },
          el('td', { class: 'nowrap', title: r.at || '' }, when(r.at)),
          el('td', {}, tierPill(r.tier)),
          el(
            'td',
            {},
            words.stageLabel(r.stage),
            r.fullStack ? el('div', {}, el('span', { class: 'badge fullstack' }, 'Full stack')) : null,
            Array.isArray(r.risks) && r.risks.length
              ? el('div', { class: 'muted small' }, r.risks.map(words.riskLabel).join(', '))
              : null,
          ),
          el(
            'td',
            {},
            el('span', { class: 'cause' }, titleCase(r.cause || '')),
            r.detail ? el('div', { class: 'muted small' }, r.detail) : null,
          ),
          el('td', { class: 'by' }, r.by || '—'),
          el(
            'td',
            {},
            r.ruleSetVersion
              ? el(
                  'button',
                  {
                    type: 'button',
                    class: 'link ver-link',
                    'data-version': r.ruleSetVersion,
                    title: r.ruleSetVersion,
                    'aria-label': `Rule set ${shortVersion(r.ruleSetVersion)}: show what it changed`,
                    onclick: () => openVersion(r.ruleSetVersion, ticker),
                  },
                  el('code', {}, shortVersion(r.ruleSetVersion)),
                )
              : '—',
          ),
        ),
      ),
    ),
  );
}

function renderSites(profile) {
  if (!profile) return el('p', { class: 'muted' }, 'Loading…');
  const sites = Array.isArray(profile.sites) ? profile.sites : [];
  const g = profile.gpuCloud;
  return el(
    'div',
    {},
    sites.length
      ? el(
          'table',
          { class: 'sites' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ['Site', 'Country', 'MW', 'AI', 'Status'].map(x => el('th', {}, x)),
            ),
          ),
          el(
            'tbody',
            {},
            sites.map(s =>
              el(
                'tr',
                {},
                el('td', {}, s.name || '—'),
                el('td', {}, s.country),
                el('td', { class: 'num' }, num(s.mw)),
                el('td', {}, s.aiDedicated ? 'AI' : el('span', { class: 'muted' }, 'mining')),
                el('td', {}, s.status ? titleCase(s.status) : '—'),
              ),
            ),
          ),
        )
      : el('p', { class: 'muted' }, 'No sites'),
    el(
      'p',
      { class: 'muted small' },
      g && g.inHouse ? gpuCloudText(g) : 'No in-house GPU cloud.',
      profile.miningRevenueShare != null ? ` Mining share of revenue: ${pct(profile.miningRevenueShare)}.` : '',
    ),
  );
}

/** An in-house GPU cloud in a sentence: "In-house GPU cloud: 23,000 GPUs; orchestration yes, …". */
function gpuCloudText(g) {
  const yes = x => (x ? 'yes' : 'no');
  const gpus = g.gpus == null ? 'GPU count not disclosed' : num(g.gpus) + ' GPUs';
  return (
    `In-house GPU cloud: ${gpus}; orchestration ${yes(g.containerOrchestration)}, ` +
    `scheduling ${yes(g.scheduling)}, enterprise support ${yes(g.enterpriseSupport)}.`
  );
}

export function renderResult() {
  const box = $('#d-result');
  const r = state.result;
  if (!r) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const b = r.before || {},
    a = r.after || {};
  const mb = b.metrics || {},
    ma = a.metrics || {};
  box.dataset.before = b.tier || '';
  box.dataset.after = a.tier || '';
  box.dataset.tierChanged = String(!!r.tierChanged);
  box.className = 'result ' + (r.tierChanged ? 'changed' : 'same');
  fill(
    box,
    el(
      'div',
      { class: 'result-head' },
      el('span', {}, `Deal ${r.dealId} added:`),
      tierPill(b.tier),
      el('span', { class: 'arrow' }, '→'),
      tierPill(a.tier),
      el('strong', { class: 'verdict' }, r.tierChanged ? 'tier changed' : 'tier unchanged'),
    ),
    el(
      'div',
      { class: 'muted small' },
      `Stage ${words.stageLabel(b.stage)} → ${words.stageLabel(a.stage)} · ` +
        `backlog ${usd(mb.bindingBacklogUsd)} → ${usd(ma.bindingBacklogUsd)}`,
    ),
  );
  box.hidden = false;
}

// ---------------------------------------------------------------- add deal

/** Puts the add-deal form (or, signed out, a sign-in hint) under the deals; reset empties it. */
export function mountForm(reset) {
  const host = $('#d-add');
  if (!credentials()) {
    fill(
      host,
      el(
        'div',
        { class: 'signin-hint' },
        el('span', { class: 'muted' }, 'Sign in as analyst to add a deal.'),
        el('button', { type: 'button', class: 'btn small', onclick: openSignin }, 'Sign in'),
      ),
    );
    return;
  }
  let form = $('form.deal-form', host);
  if (!form) {
    form = cloneDealForm();
    form.addEventListener('submit', submitDeal);
    form.addEventListener('reset', () =>
      setTimeout(() => {
        clearFormErrors(form);
        defaults(form);
      }, 0),
    );
    labelChoices(form);
    fill(host, el('details', { class: 'add-deal', open: true }, el('summary', {}, 'Add a deal'), form));
    reset = true;
  }
  if (reset) {
    form.reset();
    clearFormErrors(form);
    defaults(form);
  }
}

async function submitDeal(ev) {
  ev.preventDefault();
  const form = ev.currentTarget;
  const ticker = state.open;
  clearFormErrors(form);
  const deal = readDeal(form);
  const local = localDealErrors(deal);
  if (local.length) {
    showFormErrors(form, new ApiError(0, 'Check the form', '', local));
    return;
  }
  const btn = $('button[type=submit]', form);
  btn.disabled = true;
  btn.textContent = 'Adding…';
  try {
    const r = await api('operators/' + encodeURIComponent(ticker) + '/deals', {
      method: 'POST',
      body: deal,
      auth: true,
    });
    if (state.open === ticker) {
      state.result = Object.assign({ dealId: deal.id }, r || {});
      form.reset();
    }
    await Promise.all([refreshAll(), refreshDetail(false)]);
    renderResult();
    const res = $('#d-result');
    if (!res.hidden && res.scrollIntoView) {
      res.scrollIntoView({ block: 'nearest', behavior: reduceMotion ? 'auto' : 'smooth' });
    }
  } catch (e) {
    explainRefusal(e, 'change operators', 'analyst');
    const f = $('form.deal-form', $('#d-add')) || form;
    if (f.isConnected) showFormErrors(f, e);
    else toastError(e);
  } finally {
    btn.disabled = false;
    btn.textContent = 'Add deal';
  }
}

// the what-if's deal stored for real: its answer shown as an added deal's, the board and the drawer reloaded
onWhatIfSaved(async (answer, deal) => {
  const ticker = state.open;
  state.result = Object.assign({ dealId: deal.id }, answer || {});
  await Promise.all([refreshAll(), refreshDetail(false)]);
  if (state.open !== ticker) return;
  renderResult();
  const res = $('#d-result');
  if (!res.hidden) {
    res.focus({ preventScroll: true });
    if (res.scrollIntoView) res.scrollIntoView({ block: 'nearest', behavior: reduceMotion ? 'auto' : 'smooth' });
  }
});

function toastError(e) {
  $('#d-add').prepend(el('div', { class: 'form-error' }, problemNode(e)));
}

// The lead body's coordination dashboard: sign-in, filters, and the panels, each with its own query.

import { fill, formatDateTime, formatLocalDate, h } from './lib/format.js';
import { missingPartnerMessage, query, Unauthorised } from './lib/graphql.js';
import { PanelCard } from './lib/panel.js';
import { claimsOf, forgetToken, storedToken, storeToken, takeTokenFromFragment } from './lib/session.js';
import { funnelPanel } from './panels/funnel.js';
import { kpiPanels } from './panels/kpis.js';
import { networkMapPanel } from './panels/network-map.js';
import { savingsPanel } from './panels/savings.js';

const PANELS = [...kpiPanels, funnelPanel, savingsPanel, networkMapPanel];

const ROLE_LABELS = {
  coordinator: 'coordinator',
  case_manager: 'case manager',
  cpi_operator: 'employment-centre operator',
  training_operator: 'training operator',
  company_network_operator: 'company-network operator',
  company_tutor: 'company tutor',
  data_protection_officer: 'data protection officer',
};
const KIND_LABELS = {
  SOCIAL_SERVICES: 'Social services',
  EMPLOYMENT_CENTRE: 'Employment centre',
  TRAINING_PROVIDER: 'Training body',
  COMPANY_NETWORK: 'Company network',
  COMPANY: 'Company',
};

const START = `query DashboardStart($organisation: ID!) {
  organisation(id: $organisation) { id name kind }
  programmes { id code name territory startDate endDate leadOrganisation { id name } }
}`;

const $ = (id) => document.getElementById(id);

const state = {
  token: null,
  claims: null,
  programmes: [],
  municipalities: new Map(),
  filters: { programme: null, territory: '' },
  cards: [],
  failures: new Map(),
  signedOut: false,
};

function territoryName(code) {
  const m = state.municipalities.get(code);
  return m ? `${m.name} (${m.province})` : code;
}

// ---------------------------------------------------------------- sign-in and identity

function showSignIn(message, tone = 'info') {
  $('sign-in').hidden = false;
  const box = $('sign-in-message');
  box.textContent = message ?? '';
  box.hidden = !message;
  box.dataset.tone = tone;
  $('dashboard').hidden = true;
  $('token-input').value = '';
}

function showIdentity(claims, organisation) {
  const roles = claims.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ') || (claims.anonymous ? 'anonymous' : 'no role');
  const where = organisation?.name ?? KIND_LABELS[claims.organisationKind] ?? 'no organisation';
  const kind = organisation ? KIND_LABELS[organisation.kind] ?? organisation.kind : null;
  fill($('identity'),
    h('span', { class: 'who', dataset: { role: claims.roles.join(','), organisation: claims.organisationId ?? '' } },
      'Signed in as ', h('strong', {}, roles),
      claims.anonymous ? null : [' at ', h('strong', {}, where), kind && kind !== where ? ` (${kind})` : null]),
    claims.expiresAt ? h('span', { class: 'expiry' }, `token valid until ${formatDateTime(claims.expiresAt)}`) : null,
    h('button', { type: 'button', class: 'quiet', onclick: () => signOut('Signed out.') }, 'Sign out'));
  $('identity').hidden = false;
}

function signOut(message, tone = 'info') {
  state.signedOut = true;
  state.token = null;
  forgetToken();
  for (const card of state.cards) card.clear();
  state.cards = [];
  fill($('panels'));
  fill($('notices'));
  $('identity').hidden = true;
  fill($('identity'));
  showSignIn(message, tone);
}

/** What the page will do with a token, judged from its claims: the gateway checks it for real. */
function refusal(claims) {
  if (!claims) return 'That is not a bearer token. Paste the whole token (three parts separated by dots).';
  if (claims.anonymous) return 'This is an anonymous token: the dashboard is for the lead body’s coordinators. Sign in with a coordinator’s token.';
  if (!claims.roles.includes('coordinator')) {
    const roles = claims.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ') || 'no role the network knows';
    return `This dashboard is for the lead body’s coordinators, and this token is for ${/^[aeiou]/i.test(roles) ? 'an' : 'a'} ${roles}. No figures are shown: sign in with a coordinator’s token.`;
  }
  if (claims.expiresAt && claims.expiresAt.getTime() <= Date.now()) return `This token expired on ${formatDateTime(claims.expiresAt)}. Sign in with a fresh one.`;
  return null;
}

async function signIn(token) {
  const claims = claimsOf(token);
  const refused = refusal(claims);
  if (refused) {
    forgetToken();
    $('identity').hidden = true;
    if (claims && !claims.anonymous) showIdentity(claims, null);
    showSignIn(refused, 'warning');
    return;
  }
  state.token = token;
  state.claims = claims;
  state.signedOut = false;
  storeToken(token);
  showIdentity(claims, null);
  await start();
}

// ---------------------------------------------------------------- notices: partners that did not answer

function reportFailures(panelId, failures) {
  state.failures.set(panelId, failures);
  const byService = new Map();
  for (const list of state.failures.values()) for (const f of list) if (!byService.has(f.serviceName) || f.code === 'SERVICE_UNAVAILABLE') byService.set(f.serviceName, f);
  fill($('notices'), ...[...byService.values()].map((f) =>
    h('p', { class: 'notice notice-warning', role: 'alert', dataset: { notice: 'partner-missing', service: f.serviceName } },
      `${missingPartnerMessage(f)}. The other partners’ figures are shown.`)));
}

// ---------------------------------------------------------------- filters

function readUrlFilters() {
  const params = new URLSearchParams(window.location.search);
  return { programme: params.get('programme'), territory: params.get('territory') ?? '' };
}

function writeUrlFilters() {
  const params = new URLSearchParams();
  if (state.filters.programme) params.set('programme', state.filters.programme.code);
  if (state.filters.territory) params.set('territory', state.filters.territory);
  window.history.replaceState(null, '', `${window.location.pathname}?${params}${window.location.hash}`);
}

function fillProgrammes(select) {
  const mine = state.programmes.filter((p) => p.leadOrganisation?.id === state.claims.organisationId || state.claims.programmes.includes(p.id));
  const others = state.programmes.filter((p) => !mine.includes(p));
  const option = (p) => h('option', { value: p.id, selected: p.id === state.filters.programme?.id }, `${p.name} (${p.code})`);
  fill(select,
    mine.length ? h('optgroup', { label: 'Your organisation’s programmes' }, mine.map(option)) : null,
    others.length ? h('optgroup', { label: mine.length ? 'Other programmes of the network' : 'Programmes of the network' }, others.map(option)) : null);
}

function fillTerritory(select) {
  const codes = state.filters.programme?.territory ?? [];
  fill(select,
    h('option', { value: '' }, 'All municipalities'),
    codes.map((code) => h('option', { value: code, selected: code === state.filters.territory }, territoryName(code))));
}

function showProgramme() {
  const p = state.filters.programme;
  fill($('programme-summary'),
    h('h2', { id: 'programme-name' }, p.name),
    h('p', { class: 'programme-meta' },
      h('span', {}, p.code), ' · ',
      h('span', {}, `led by ${p.leadOrganisation?.name ?? 'its lead body'}`), ' · ',
      h('span', {}, `${formatLocalDate(p.startDate)} – ${formatLocalDate(p.endDate)}`)),
    h('p', { class: 'programme-territory' }, h('strong', {}, 'Territory: '), p.territory.map(territoryName).join(', ') || 'none recorded'));
}

async function loadMunicipalities(codes) {
  if (!codes.length) return;
  try {
    const res = await fetch(`/dashboard/municipalities?codes=${encodeURIComponent(codes.join(','))}`, { credentials: 'omit' });
    if (!res.ok) return;
    const body = await res.json();
    for (const m of body.municipalities ?? []) state.municipalities.set(m.code, m);
  } catch {
    // Names are a courtesy: codes are shown instead.
  }
}

// ---------------------------------------------------------------- panels

function panelContext() {
  return {
    token: () => state.token,
    territoryName,
    reportFailures,
    unauthorised: (message) => {
      if (!state.signedOut) signOut(`${message}. Sign in again.`, 'warning');
    },
  };
}

function mountPanels() {
  const ctx = panelContext();
  state.cards = PANELS.map((definition) => new PanelCard(definition, ctx));
  fill($('panels'),
    h('div', { class: 'panel-group', role: 'group', 'aria-label': 'Partners’ KPIs' }, state.cards.filter((c) => kpiPanels.includes(c.definition)).map((c) => c.element)),
    ...state.cards.filter((c) => !kpiPanels.includes(c.definition)).map((c) => c.element));
}

function loadPanels() {
  state.failures.clear();
  fill($('notices'));
  for (const card of state.cards) {
    card.load({ ...state.filters }).catch((err) => card.setState('error', `The panel failed: ${err.message}`));
  }
}

async function start() {
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  fill($('programme-summary'), h('p', { role: 'status' }, 'Loading the programmes…'));
  let answer;
  try {
    answer = await query(state.token, 'DashboardStart', START, { organisation: state.claims.organisationId });
  } catch (err) {
    if (err instanceof Unauthorised) {
      signOut(`${err.message}. Sign in again.`, 'warning');
      return;
    }
    throw err;
  }
  const { data, errors } = answer;
  if (data?.organisation) showIdentity(state.claims, data.organisation);
  state.programmes = data?.programmes ?? [];
  if (!state.programmes.length) {
    reportFailures('start', errors.filter((e) => e.extensions?.serviceName).map((e) => ({ serviceName: e.extensions.serviceName, code: e.extensions.code })));
    fill($('programme-summary'), h('p', { class: 'notice notice-warning', role: 'alert' },
      errors.length ? `The programmes could not be read: ${errors.map((e) => e.message).join('; ')}` : 'The network has no programmes yet.'));
    $('filters').hidden = true;
    return;
  }
  await loadMunicipalities([...new Set(state.programmes.flatMap((p) => p.territory))]);
  const wanted = readUrlFilters();
  const mine = state.programmes.find((p) => p.leadOrganisation?.id === state.claims.organisationId) ?? state.programmes.find((p) => state.claims.programmes.includes(p.id));
  state.filters.programme = state.programmes.find((p) => p.code === wanted.programme || p.id === wanted.programme) ?? mine ?? state.programmes[0];
  state.filters.territory = state.filters.programme.territory.includes(wanted.territory) ? wanted.territory : '';
  $('filters').hidden = false;
  fillProgrammes($('programme'));
  fillTerritory($('territory'));
  showProgramme();
  writeUrlFilters();
  mountPanels();
  loadPanels();
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token-input').value.trim();
    if (!token) {
      showSignIn('Paste a coordinator’s token first.', 'warning');
      return;
    }
    void signIn(token);
  });
  $('programme').addEventListener('change', (event) => {
    state.filters.programme = state.programmes.find((p) => p.id === event.target.value) ?? state.filters.programme;
    state.filters.territory = '';
    fillTerritory($('territory'));
    showProgramme();
    writeUrlFilters();
    loadPanels();
  });
  $('territory').addEventListener('change', (event) => {
    state.filters.territory = event.target.value;
    writeUrlFilters();
    // Only the funnel narrows to one municipality; the rest cover the whole programme.
    state.cards.find((c) => c.definition === funnelPanel)?.load({ ...state.filters });
  });
  $('reload').addEventListener('click', () => loadPanels());
}

function main() {
  wire();
  const token = takeTokenFromFragment() ?? storedToken();
  if (token) void signIn(token);
  else showSignIn('Sign in with a coordinator’s bearer token to see the programme’s figures.');
}

main();

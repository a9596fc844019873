import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { ANONYMOUS, devIssuerKeyFile, generateSigningKeyPair, loadOrCreateKeyPair, mintDevToken, type Principal } from '@intreccio/shared';
import { principal } from '@intreccio/shared/testing';
import { DEMO_ORGANISATIONS, DEMO_PERSONS, DEMO_PROGRAMMES, DEMO_WRITERS } from '@intreccio/scripts';
import { launchChromium, requireChromium, type Chromium } from './support/browser';
import { TestNetwork } from './support/network';
import { decodePng, pixelCensus } from './support/png';

const LEAD = DEMO_ORGANISATIONS.find((o) => o.kind === 'SOCIAL_SERVICES')!;
const programmesOf = (o: { programmeCodes: string[] }) => DEMO_PROGRAMMES.filter((p) => o.programmeCodes.includes(p.code)).map((p) => p.id);
const coordinator = principal('coordinator', LEAD.id, 'SOCIAL_SERVICES', programmesOf(LEAD));
const caseManager = principal('case_manager', LEAD.id, 'SOCIAL_SERVICES', programmesOf(LEAD));

const WITHHELD = 'withheld (fewer than 5)';
const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const euro = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Each partner's KPI panel: the graph field it reads, the figures it charts (counts) and those it only lists. */
const KPI_PANELS = [
  {
    panel: 'case-kpis', field: 'caseKpis', service: 'social-services',
    charted: ['peopleTakenInCharge', 'liveCases', 'evaluated', 'withSignedPlan', 'closedEmployed', 'overdueReferrals'],
    listed: { medianDaysReferralToFirstContact: 'days' },
  },
  {
    panel: 'employment-kpis', field: 'employmentKpis', service: 'employment-centre',
    charted: ['registeredJobSeekers', 'hires', 'stillEmployedAt6Months', 'stillEmployedAt12Months', 'followUpsDue6Months', 'followUpsDue12Months'],
    listed: {},
  },
  {
    panel: 'training-kpis', field: 'trainingKpis', service: 'training',
    charted: ['enrolled', 'attending', 'completed', 'withdrawn', 'certified'],
    listed: { trainingHours: 'hours', trainingCostCents: 'cents' },
  },
  {
    panel: 'internship-kpis', field: 'internshipKpis', service: 'companies',
    charted: ['planned', 'started', 'active', 'suspended', 'completed', 'interrupted', 'hiredAfterInternship'],
    listed: { allowancesPaidCents: 'cents', tutoringHours: 'hours' },
  },
] as const;

const KPI_QUERY = `query($id: ID!) { programme(id: $id) { id ${KPI_PANELS.map((k) => `${k.field} { ${[...k.charted, ...Object.keys(k.listed)].join(' ')} suppressed }`).join(' ')} } }`;

type Kpis = Record<string, number | null> & { suppressed: string[] };

function expectedText(value: number | null, kind: string, withheld: boolean): string {
  if (withheld) return WITHHELD;
  if (value === null) return 'no data yet';
  if (kind === 'cents') return euro.format(value / 100);
  if (kind === 'hours') return `${integer.format(value)} h`;
  if (kind === 'days') return `${oneDecimal.format(value)} ${value === 1 ? 'day' : 'days'}`;
  return integer.format(value);
}

/** What one page did: its requests, requests it tried outside its origin (refused), CSP violations and script errors. */
interface Watched {
  page: Page;
  requests: Request[];
  outside: string[];
  violations: string[];
  errors: string[];
  graphql: () => Request[];
}

async function watch(browser: Chromium, base: string): Promise<Watched> {
  const page = await browser.context.newPage();
  const origin = new URL(base).origin;
  const watched: Watched = { page, requests: [], outside: [], violations: [], errors: [], graphql: () => watched.requests.filter((r) => new URL(r.url()).pathname === '/graphql') };
  page.on('request', (r) => watched.requests.push(r));
  page.on('pageerror', (e) => watched.errors.push(e.message));
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || url.startsWith('data:')) {
      await route.continue();
    } else {
      watched.outside.push(url);
      await route.abort('blockedbyclient');
    }
  });
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return watched;
}

async function violations(w: Watched): Promise<string[]> {
  return w.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

/** Waits until every panel has answered (whatever the answer). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const panels = [...document.querySelectorAll<HTMLElement>('[data-panel]')];
    return panels.length > 0 && panels.every((p) => !['idle', 'loading'].includes(p.dataset.state ?? ''));
  }, null, { timeout: 30_000 });
}

async function panelStates(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-panel]')].map((p) => [p.dataset.panel, p.dataset.state])));
}

/** The data of the first series of the ECharts instance drawn in a panel. */
async function chartData(page: Page, panel: string): Promise<unknown[]> {
  return page.evaluate((id) => {
    const echarts = (window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): { series: { data: unknown[] }[] } } | undefined } }).echarts;
    const el = document.querySelector(`[data-panel="${id}"] .chart`);
    const chart = el ? echarts.getInstanceByDom(el) : undefined;
    if (!chart) throw new Error(`no chart in panel ${id}`);
    return chart.getOption().series[0]!.data;
  }, panel);
}

/** Pixels drawn (not transparent) on a panel's chart canvas. */
async function paintedPixels(page: Page, panel: string): Promise<number> {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-panel="${id}"] .chart canvas`);
    if (!canvas) return 0;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  }, panel);
}

const numberOf = (v: unknown) => (v !== null && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v);

beforeAll(() => {
  // Before any network starts: without the browser nothing here can run, and that is a failure.
  requireChromium();
});

describe('the coordination dashboard on the whole network', () => {
  let net: TestNetwork;
  let browser: Chromium;
  let screenshots: string;

  beforeAll(async () => {
    net = await TestNetwork.start('dashboard', {
      seed: async (subgraphs) => {
        for (const s of subgraphs) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: DEMO_PERSONS });
      },
    });
    browser = await launchChromium();
    screenshots = process.env.DASHBOARD_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'intreccio-dashboard-'));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await net?.stop();
    if (screenshots && !process.env.DASHBOARD_SCREENSHOT_DIR) rmSync(screenshots, { recursive: true, force: true });
  });

  async function signedIn(token?: string): Promise<Watched> {
    const w = await watch(browser, net.base);
    await w.page.goto(`${net.base}/dashboard#token=${token ?? (await net.token(coordinator))}`);
    await settled(w.page);
    return w;
  }

  it('serves the page and its assets from the gateway, with a policy that allows only its own origin', async () => {
    const page = await fetch(`${net.base}/dashboard`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    for (const directive of ['script-src', 'style-src', 'connect-src']) expect(csp).toContain(`${directive} 'self'`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).not.toMatch(/<script>|<style>|\sstyle=|https?:\/\//);
    const echarts = await fetch(`${net.base}/dashboard/assets/vendor/echarts.js`);
    expect(echarts.status).toBe(200);
    expect(echarts.headers.get('content-type')).toMatch(/javascript/);
    const app = await fetch(`${net.base}/dashboard/assets/app.js`);
    expect(app.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${net.base}/dashboard/assets/vendor/nothing.js`)).status).toBe(404);
    expect((await fetch(`${net.base}/dashboard/assets/../src/dashboard.ts`)).status).toBe(404);
    // Municipality names, public reference data, for the territory filter.
    const names = await fetch(`${net.base}/dashboard/municipalities?codes=D612,G752`);
    expect(await names.json()).toEqual({ municipalities: [{ code: 'D612', name: 'Firenze', province: 'FI' }, { code: 'G752', name: 'Poggibonsi', province: 'SI' }] });
    expect((await fetch(`${net.base}/dashboard/municipalities?codes=D612,<script>`)).status).toBe(400);
  });

  it('draws every partner’s KPIs from the graph’s own figures, withheld ones as withheld', async () => {
    const w = await signedIn();
    const { page } = w;
    const programmeId = await page.locator('#programme').inputValue();
    const leads = DEMO_PROGRAMMES.find((p) => p.id === programmeId)!;
    expect(leads.leadOrganisationKey).toBe(LEAD.key);
    const graph = (await net.ok(coordinator, KPI_QUERY, { id: programmeId })).programme;
    expect(await panelStates(page)).toMatchObject(Object.fromEntries(KPI_PANELS.map((k) => [k.panel, 'ready'])));

    let withheldSeen = 0;
    for (const k of KPI_PANELS) {
      const kpis = graph[k.field] as Kpis;
      const drawn = (await chartData(page, k.panel)).map(numberOf);
      // A withheld figure is no bar at all: null, never 0.
      expect({ panel: k.panel, drawn }).toEqual({ panel: k.panel, drawn: k.charted.map((f) => (kpis.suppressed.includes(f) ? null : kpis[f])) });
      expect(await paintedPixels(page, k.panel)).toBeGreaterThan(2000);
      for (const [field, kind] of [...k.charted.map((f) => [f, 'count'] as const), ...Object.entries(k.listed)]) {
        const withheld = kpis.suppressed.includes(field);
        if (withheld) withheldSeen++;
        await expect(page.locator(`[data-panel="${k.panel}"] dd[data-field="${field}"]`).textContent())
          .resolves.toBe(expectedText(kpis[field] ?? null, kind, withheld));
      }
      if (kpis.suppressed.length) {
        await expect(page.locator(`[data-panel="${k.panel}"] .suppressed`).getAttribute('data-suppressed')).resolves.toBe(kpis.suppressed.join(','));
      }
    }
    // The demo network is small enough that some figures fall below 5.
    expect(withheldSeen).toBeGreaterThan(0);

    const names = (await net.ok(coordinator, '{ programmes { name code } }')).programmes as { name: string; code: string }[];
    const options = await page.locator('#programme option').allTextContents();
    expect(options.sort()).toEqual(names.map((p) => `${p.name} (${p.code})`).sort());
    await expect(page.locator('#programme-name').textContent()).resolves.toBe(leads.name);
    const who = await page.locator('#identity .who').textContent();
    expect(who).toContain('coordinator');
    expect(who).toContain(LEAD.name);

    // The token left the address bar at once, and stays in this tab only.
    expect(new URL(page.url()).hash).toBe('');
    expect(page.url()).not.toContain('eyJ');
    await expect(page.evaluate(() => sessionStorage.getItem('intreccio.dashboard.token'))).resolves.toMatch(/^eyJ/);
    await expect(page.evaluate(() => localStorage.length)).resolves.toBe(0);
    expect(w.graphql().every((r) => r.method() === 'POST' && !r.url().includes('token'))).toBe(true);

    expect(w.outside).toEqual([]);
    expect(await violations(w)).toEqual([]);
    expect(w.errors).toEqual([]);
    await page.close();
  });

  it('takes a screenshot that shows the dashboard', async () => {
    const { page } = await signedIn();
    const file = join(screenshots, 'dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(50_000);
    const png = decodePng(readFileSync(file));
    expect(png.width).toBe(1280);
    expect(png.height).toBeGreaterThan(1200);
    const census = pixelCensus(png);
    // Text, bars and cards, not a blank or one-colour page.
    expect(census.differing / (png.width * png.height)).toBeGreaterThan(0.2);
    expect(census.colours).toBeGreaterThan(200);
    await page.close();
  });

  it('follows the programme filter and names the territory’s municipalities', async () => {
    const { page } = await signedIn();
    const other = DEMO_PROGRAMMES.find((p) => p.id !== (DEMO_PROGRAMMES.find((q) => q.leadOrganisationKey === LEAD.key)!.id))!;
    await page.locator('#programme').selectOption(other.id);
    await expect(page.locator('#programme-name').textContent()).resolves.toBe(other.name);
    await settled(page);
    const graph = (await net.ok(coordinator, KPI_QUERY, { id: other.id })).programme;
    const training = graph.trainingKpis as Kpis;
    expect((await chartData(page, 'training-kpis')).map(numberOf))
      .toEqual(KPI_PANELS[2].charted.map((f) => (training.suppressed.includes(f) ? null : training[f])));
    expect(new URL(page.url()).searchParams.get('programme')).toBe(other.code);
    const territory = await page.locator('#territory option').allTextContents();
    expect(territory[0]).toBe('All municipalities');
    expect(territory.slice(1)).toHaveLength(other.territory.length);
    if (other.code === 'FLORWORK') expect(territory).toContain('Firenze (FI)');
    else expect(territory).toContain('Poggibonsi (SI)');
    await page.close();
  });

  it('signs in through the field, keeps the session in the tab, and signs out', async () => {
    const w = await watch(browser, net.base);
    const { page } = w;
    await page.goto(`${net.base}/dashboard`);
    await page.locator('#sign-in').waitFor({ state: 'visible' });
    expect(await page.locator('[data-panel]').count()).toBe(0);
    expect(w.graphql()).toHaveLength(0);
    await page.locator('#token-input').fill(await net.token(coordinator));
    await page.locator('#sign-in-form button[type="submit"]').click();
    await settled(page);
    expect((await panelStates(page))['case-kpis']).toBe('ready');
    expect(page.url()).not.toContain('eyJ');

    await page.reload();
    await settled(page);
    expect((await panelStates(page))['training-kpis']).toBe('ready');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.evaluate(() => sessionStorage.getItem('intreccio.dashboard.token'))).resolves.toBeNull();
    expect(await page.locator('[data-panel]').count()).toBe(0);
    await page.locator('#sign-in').waitFor({ state: 'visible' });
    expect(w.outside).toEqual([]);
    await page.close();
  });

  it('shows a case manager, an anonymous token and a stranger’s text a clear message and no data', async () => {
    const { privateJwk } = await loadOrCreateKeyPair(devIssuerKeyFile(net.env.dataDir));
    const cases: [string, string, RegExp][] = [
      ['case manager', await net.token(caseManager), /for the lead body’s coordinators, and this token is for a case manager/],
      ['anonymous', await mintDevToken(privateJwk, ANONYMOUS as Principal, '10m'), /anonymous token/],
      ['not a token', 'hello', /not a bearer token/],
    ];
    for (const [label, token, message] of cases) {
      const w = await watch(browser, net.base);
      await w.page.goto(`${net.base}/dashboard#token=${encodeURIComponent(token)}`);
      await w.page.locator('#sign-in-message').waitFor({ state: 'visible' });
      expect({ label, message: await w.page.locator('#sign-in-message').textContent() }).toEqual({ label, message: expect.stringMatching(message) });
      // No figures, and not a single call to the graph.
      expect(await w.page.locator('[data-panel]').count()).toBe(0);
      expect({ label, calls: w.graphql().length }).toEqual({ label, calls: 0 });
      await expect(w.page.evaluate(() => sessionStorage.getItem('intreccio.dashboard.token'))).resolves.toBeNull();
      await w.page.close();
    }
  });

  it('says so when a coordinator token has expired or the gateway does not trust it, and shows nothing', async () => {
    const { privateJwk } = await loadOrCreateKeyPair(devIssuerKeyFile(net.env.dataDir));
    const stranger = await generateSigningKeyPair();
    const cases: [string, string, RegExp][] = [
      ['expired', await mintDevToken(privateJwk, coordinator, '-1m'), /expired on .* Sign in with a fresh one/],
      // Its claims look right; only the gateway can tell it was signed by a key it does not trust.
      ['forged', await mintDevToken(stranger.privateJwk, coordinator, '10m'), /did not accept the token: it is invalid or expired\. Sign in again/],
    ];
    for (const [label, token, message] of cases) {
      const w = await watch(browser, net.base);
      await w.page.goto(`${net.base}/dashboard#token=${token}`);
      await w.page.waitForFunction(() => !document.getElementById('sign-in')!.hidden, null, { timeout: 15_000 });
      expect({ label, message: await w.page.locator('#sign-in-message').textContent() }).toEqual({ label, message: expect.stringMatching(message) });
      expect(await w.page.locator('[data-panel]').count()).toBe(0);
      await expect(w.page.evaluate(() => sessionStorage.getItem('intreccio.dashboard.token'))).resolves.toBeNull();
      await w.page.close();
    }
  });

  it('shows the funnel, savings and map panels, or that this network does not have them yet', async () => {
    const w = await signedIn();
    const { page } = w;
    const programme = await page.locator('#programme').inputValue();
    // The very operations the page sends, from its own modules.
    // (A string, so that the compiler leaves the browser's dynamic import alone.)
    const documents = await page.evaluate(`(async () => ({
      funnel: (await import('/dashboard/assets/panels/funnel.js')).FUNNEL_DOCUMENT,
      savings: (await import('/dashboard/assets/panels/savings.js')).SAVINGS_DOCUMENT,
      'network-map': (await import('/dashboard/assets/panels/network-map.js')).NETWORK_MAP_DOCUMENT,
    }))()`) as Record<string, string>;
    const states = await panelStates(page);
    for (const [panel, document] of Object.entries(documents)) {
      const answer = await net.call(coordinator, document, { programme, filter: null });
      const missing = answer.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && /^Cannot query field "(funnel|savings|networkMap)"|^Unknown type "FunnelFilter"/.test(e.message));
      if (missing) {
        expect({ panel, state: states[panel] }).toEqual({ panel, state: 'not-available' });
        await expect(page.locator(`[data-panel="${panel}"] .panel-status`).textContent()).resolves.toBe('Not available from this network yet.');
      } else {
        expect({ panel, errors: answer.errors ?? [] }).toEqual({ panel, errors: [] });
        expect({ panel, state: states[panel] }).toEqual({ panel, state: 'ready' });
        expect(await paintedPixels(page, panel)).toBeGreaterThan(1000);
        if (panel === 'funnel') {
          const stages = answer.data!.programme.funnel.stages as { people: number | null }[];
          expect((await chartData(page, panel)).map(numberOf)).toEqual(stages.map((s) => s.people));
        }
      }
    }
    expect(w.outside).toEqual([]);
    expect(await violations(w)).toEqual([]);
    await page.close();
  });

  it('draws the funnel, savings and map from answers of the shape their branches define', async () => {
    // The graph's answers for the panels whose fields other branches add, as those branches define them.
    const answers: Record<string, unknown> = {
      DashboardFunnel: { programme: { id: 'p', funnel: {
        cohort: null, territory: null, suppressed: ['EMPLOYED_12_MONTHS'],
        stages: [
          ['IN_CHARGE', 115, null], ['EVALUATED', 109, 12.5], ['PLAN_SIGNED', 100, 20], ['TRAINED', 74, 46],
          ['INTERNSHIP', 55, 30.5], ['HIRED', 21, 61], ['EMPLOYED_6_MONTHS', 9, 182], ['EMPLOYED_12_MONTHS', null, null],
        ].map(([stage, people, medianDaysFromPrevious]) => ({ stage, people, medianDaysFromPrevious })),
      } } },
      DashboardSavings: { programme: { id: 'p', savings: {
        avoidedBenefitsCents: 720_000, fiscalReturnCents: 554_400, grossSavingsCents: 1_274_400, grossSavingsAfterDeadweightCents: 1_019_520,
        programmeCostCents: 540_000, netSavingsCents: 479_520, benefitCostRatio: 1.89, peopleHired: null, outcomePaymentsDueCents: 250_000,
        suppressed: ['peopleHired'],
      } } },
      DashboardNetworkMap: { networkMap: {
        nodes: [
          { id: 'a', kind: 'SOCIAL_SERVICES', name: 'Fondazione Territori Sociali' },
          { id: 'b', kind: 'EMPLOYMENT_CENTRE', name: 'Centro per l’impiego di Poggibonsi' },
          { id: 'c', kind: 'TRAINING_PROVIDER', name: 'Agenzia formativa' },
          { id: 'd', kind: 'COMPANY', name: 'Officina <b>Nuova</b>' },
        ],
        edges: [
          { from: 'a', to: 'b', sharedPeople: 80, referrals: 95, medianResponseDays: 3.5 },
          { from: 'a', to: 'c', sharedPeople: 40, referrals: 44, medianResponseDays: 6 },
          { from: 'b', to: 'd', sharedPeople: null, referrals: 7, medianResponseDays: null },
        ],
        suppressed: ['edges.sharedPeople'],
      } },
    };
    const w = await watch(browser, net.base);
    const { page } = w;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string };
      const data = body.operationName ? answers[body.operationName] : undefined;
      if (data) await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data }) });
      else await route.fallback();
    });
    await page.goto(`${net.base}/dashboard#token=${await net.token(coordinator)}`);
    await settled(page);
    expect(await panelStates(page)).toMatchObject({ funnel: 'ready', savings: 'ready', 'network-map': 'ready' });

    expect((await chartData(page, 'funnel')).map(numberOf)).toEqual([115, 109, 100, 74, 55, 21, 9, null]);
    await expect(page.locator('[data-panel="funnel"] td[data-stage="HIRED"][data-field="medianDaysFromPrevious"]').textContent()).resolves.toBe('61.0 days');
    await expect(page.locator('[data-panel="funnel"] td[data-stage="EMPLOYED_12_MONTHS"][data-field="people"]').textContent()).resolves.toBe(WITHHELD);

    await expect(page.locator('[data-panel="savings"] dd[data-field="netSavingsCents"]').textContent()).resolves.toBe('€4,795.20');
    await expect(page.locator('[data-panel="savings"] dd[data-field="grossSavingsAfterDeadweightCents"]').textContent()).resolves.toBe('€10,195.20');
    await expect(page.locator('[data-panel="savings"] dd[data-field="benefitCostRatio"]').textContent()).resolves.toBe('1.89');
    await expect(page.locator('[data-panel="savings"] dd[data-field="peopleHired"]').textContent()).resolves.toBe(WITHHELD);
    expect((await chartData(page, 'savings')).map(numberOf)).toEqual([7200, 5544, 12744, 10195.2, 5400, 4795.2]);

    const graph = await page.evaluate(() => {
      const echarts = (window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): { series: { data: { name: string }[]; links: { lineStyle: { width: number } }[] }[] } } } }).echarts;
      const option = echarts.getInstanceByDom(document.querySelector('[data-panel="network-map"] .chart')!).getOption();
      return { nodes: option.series[0]!.data.map((n) => n.name), widths: option.series[0]!.links.map((l) => l.lineStyle.width) };
    });
    expect(graph.nodes).toEqual(['Fondazione Territori Sociali', 'Centro per l’impiego di Poggibonsi', 'Agenzia formativa', 'Officina <b>Nuova</b>']);
    expect(graph.widths[0]).toBeGreaterThan(graph.widths[1]!);
    expect(graph.widths[2]).toBe(1);
    // Names from the graph are text, never markup.
    expect(await page.locator('[data-panel="network-map"] b').count()).toBe(0);
    await page.locator('[data-panel="network-map"] summary').click();
    await expect(page.locator('[data-panel="network-map"] tbody tr').nth(2).textContent()).resolves.toContain(WITHHELD);
    // Edge width can follow referrals instead.
    await page.locator('[data-panel="network-map"] input[value="referrals"]').check();
    const byReferrals = await page.evaluate(() => {
      const echarts = (window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): { series: { links: { lineStyle: { width: number } }[] }[] } } } }).echarts;
      return echarts.getInstanceByDom(document.querySelector('[data-panel="network-map"] .chart')!).getOption().series[0]!.links.map((l) => l.lineStyle.width);
    });
    expect(byReferrals[2]).toBeGreaterThan(1);

    if (process.env.DASHBOARD_SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.DASHBOARD_SCREENSHOT_DIR, 'dashboard-all-panels.png'), fullPage: true });
    expect(w.outside).toEqual([]);
    expect(await violations(w)).toEqual([]);
    expect(w.errors).toEqual([]);
    await page.close();
  });
});

describe('the coordination dashboard when a partner is down', () => {
  let net: TestNetwork;
  let browser: Chromium;

  beforeAll(async () => {
    net = await TestNetwork.start('dashboard_down', {
      seed: async (subgraphs) => {
        for (const s of subgraphs) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: DEMO_PERSONS });
      },
    });
    browser = await launchChromium();
    await net.network.subgraph('training').close();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await net?.stop();
  });

  it('has the gateway name the partner that did not answer, and nothing about where it runs', async () => {
    const res = await net.call(coordinator, 'query($id: ID!) { programme(id: $id) { id trainingKpis { enrolled suppressed } } }', { id: DEMO_PROGRAMMES[0]!.id });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ programme: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'training', correlationId: expect.any(String) });
    expect(res.errors![0]!.message).toMatch(/^The training service did not answer \(correlation id [0-9a-f-]{36}\)$/);
  });

  it('says which partner is missing and still shows the others', async () => {
    const w = await watch(browser, net.base);
    const { page } = w;
    await page.goto(`${net.base}/dashboard#token=${await net.token(coordinator)}`);
    await settled(page);
    const states = await panelStates(page);
    expect(states).toMatchObject({ 'case-kpis': 'ready', 'employment-kpis': 'ready', 'internship-kpis': 'ready', 'training-kpis': 'unavailable' });
    await expect(page.locator('[data-panel="training-kpis"] .panel-status').textContent())
      .resolves.toBe('Training body\'s figures are unavailable: the training service did not answer.');
    await expect(page.locator('[data-notice="partner-missing"]').allTextContents())
      .resolves.toEqual(['Training body\'s figures are unavailable: the training service did not answer. The other partners’ figures are shown.']);
    await expect(page.locator('[data-notice="partner-missing"]').getAttribute('data-service')).resolves.toBe('training');
    expect(await page.locator('[data-panel="training-kpis"] canvas').count()).toBe(0);
    for (const panel of ['case-kpis', 'employment-kpis', 'internship-kpis']) expect(await paintedPixels(page, panel)).toBeGreaterThan(2000);
    const graph = (await net.ok(coordinator, `query($id: ID!) { programme(id: $id) { caseKpis { peopleTakenInCharge } } }`, { id: await page.locator('#programme').inputValue() })).programme;
    await expect(page.locator('[data-panel="case-kpis"] dd[data-field="peopleTakenInCharge"]').textContent()).resolves.toBe(integer.format(graph.caseKpis.peopleTakenInCharge));
    expect(w.outside).toEqual([]);
    expect(w.errors).toEqual([]);
    await page.close();
  });
});

import type { Principal, Role } from '@intreccio/shared';
import { funnelGrantSubject, funnelId } from '@intreccio/shared';
import { gatewayToken, postGraphQL, principal, signedGrant, testRequestId } from '@intreccio/shared/testing';
import { DEMO_PROGRAMMES, DEMO_WRITERS, demoOrganisation } from '@intreccio/scripts';
import type { DataSource } from 'typeorm';
import { TestNetwork } from './support/network';

/**
 * The outcome funnel through the real gateway, on the demo network: its figures against what every
 * partner's records say, computed here from the four databases; small counts withheld; the filter
 * checked; who may read it; what it costs.
 */

const PEOPLE = 600;
let net: TestNetwork;

const programmes = DEMO_PROGRAMMES.map((p) => p.id);
const as = (role: Role, key: string): Principal => principal(role, demoOrganisation(key).id, demoOrganisation(key).kind, programmes);
const PROGRESSIVE2 = DEMO_PROGRAMMES.find((p) => p.code === 'PROGRESSIVE2')!;
const FLORWORK = DEMO_PROGRAMMES.find((p) => p.code === 'FLORWORK')!;
const coordinator = as('coordinator', 'ftsa');
const florenceCoordinator = as('coordinator', 'comune-firenze-sociali');

const STAGES = ['IN_CHARGE', 'EVALUATED', 'PLAN_SIGNED', 'TRAINED', 'INTERNSHIP', 'HIRED', 'EMPLOYED_6_MONTHS', 'EMPLOYED_12_MONTHS'];
const FUNNEL = `query($id: ID!, $filter: FunnelFilter) { programme(id: $id) { funnel(filter: $filter) {
  cohort territory stages { stage people medianDaysFromPrevious } suppressed } } }`;

const db = (subgraph: string): DataSource => net.network.subgraph(subgraph).database.dataSource;
const rows = async (subgraph: string, sql: string, params: unknown[] = []) => (await db(subgraph).query(sql, params)) as Record<string, any>[];

beforeAll(async () => {
  net = await TestNetwork.start('funnel', {
    seed: async (subgraphs) => {
      for (const s of subgraphs) await DEMO_WRITERS[s.name]!.seed(s.database.dataSource, { persons: PEOPLE });
    },
  });
}, 300_000);
afterAll(() => net?.stop());

// ------------------------------------------------------------------------------------------------
// The funnel as the four databases tell it, computed here in plain terms.

const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const groupBy = <T>(list: T[], key: (t: T) => string) => {
  const out = new Map<string, T[]>();
  for (const item of list) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
};

interface Expected {
  people: number[];
  gaps: number[][];
}

async function expectedFunnel(programmeId: string, cohort?: { from: string; to: string }, territory?: string): Promise<Expected> {
  const cases = await rows('social-services', `
    SELECT c.id, c.person_id, c.opened_on::text AS opened_on, p.residence_municipality_code AS residence
      FROM case_file c JOIN person p ON p.id = c.person_id WHERE c.programme_id = $1`, [programmeId]);
  const assessments = await rows('social-services', 'SELECT case_id, assessed_on::text AS on FROM assessment');
  const plans = await rows('social-services', 'SELECT case_id, signed_on::text AS on FROM personal_plan WHERE signed_on IS NOT NULL');
  const trained = await rows('training', `
    SELECT person_id, completed_on::text AS on FROM enrollment WHERE programme_id = $1 AND status = 'COMPLETED'
    UNION ALL SELECT person_id, issued_on::text FROM certification WHERE programme_id = $1`, [programmeId]);
  const internships = await rows('companies', 'SELECT person_id, started_on::text AS on FROM internship WHERE programme_id = $1 AND started_on IS NOT NULL', [programmeId]);
  const hires = await rows('employment-centre', `
    SELECT h.person_id, h.start_date::text AS on,
           (SELECT f.checked_on::text FROM follow_up_check f WHERE f.hire_id = h.id AND f.months_after = 6 AND f.still_employed) AS six,
           (SELECT f.checked_on::text FROM follow_up_check f WHERE f.hire_id = h.id AND f.months_after = 12 AND f.still_employed) AS twelve
      FROM hire h WHERE h.programme_id = $1`, [programmeId]);

  const byCase = (list: Record<string, any>[]) => groupBy(list, (r) => r.case_id);
  const evaluations = byCase(assessments);
  const signatures = byCase(plans);
  const byPerson = (list: Record<string, any>[]) => groupBy(list, (r) => r.person_id);
  const [training, placed, hired] = [byPerson(trained), byPerson(internships), byPerson(hires)];
  const firstFrom = (list: Record<string, any>[] | undefined, from: number) =>
    (list ?? []).filter((r) => day(r.on) >= from).sort((a, b) => day(a.on) - day(b.on))[0];

  const out: Expected = { people: STAGES.map(() => 0), gaps: STAGES.map(() => []) };
  for (const [personId, theirCases] of groupBy(cases, (c) => c.person_id)) {
    const opened = Math.min(...theirCases.map((c) => day(c.opened_on)));
    if (cohort && (opened < day(cohort.from) || opened > day(cohort.to))) continue;
    if (territory && theirCases[0]!.residence !== territory) continue;
    const ids = theirCases.map((c) => c.id as string);
    const stage: (number | undefined)[] = [opened];
    const evaluation = firstFrom(ids.flatMap((id) => evaluations.get(id) ?? []), opened);
    stage[1] = evaluation && day(evaluation.on);
    const signature = stage[1] === undefined ? undefined : firstFrom(ids.flatMap((id) => signatures.get(id) ?? []), stage[1]);
    stage[2] = signature && day(signature.on);
    const course = stage[2] === undefined ? undefined : firstFrom(training.get(personId), stage[2]);
    stage[3] = course && day(course.on);
    const internship = stage[3] === undefined ? undefined : firstFrom(placed.get(personId), stage[3]);
    stage[4] = internship && day(internship.on);
    const hire = stage[4] === undefined ? undefined : firstFrom(hired.get(personId), stage[4]);
    stage[5] = hire && day(hire.on);
    stage[6] = hire?.six ? day(hire.six) : undefined;
    stage[7] = stage[6] !== undefined && hire?.twelve ? day(hire.twelve) : undefined;
    for (let s = 0; s < STAGES.length && stage[s] !== undefined; s++) {
      out.people[s]!++;
      if (s > 0) out.gaps[s]!.push(stage[s]! - stage[s - 1]!);
    }
  }
  return out;
}

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** What the funnel must show of `expected`: counts of 5 or more not within 5 of a disclosed earlier stage, medians over 5 people or more. */
function disclosed(expected: Expected) {
  const people: (number | null)[] = [];
  expected.people.forEach((n, s) => {
    const nearEarlier = people.some((shown, e) => e < s && shown !== null && shown - n > 0 && shown - n < 5);
    people.push(n >= 5 && !nearEarlier ? n : null);
  });
  return STAGES.map((stage, s) => ({
    stage,
    people: people[s],
    medianDaysFromPrevious: s === 0 || expected.people[s]! < 5 ? null : median(expected.gaps[s]!),
  }));
}

async function funnelAs(who: Principal, programmeId: string, filter?: Record<string, string>) {
  return net.call(who, FUNNEL, { id: programmeId, filter: filter ?? null });
}

// ------------------------------------------------------------------------------------------------

describe('the outcome funnel of a programme', () => {
  const cases: [string, Principal, typeof PROGRESSIVE2, Record<string, string> | undefined][] = [
    ['PROGRESSIVE2, everyone', coordinator, PROGRESSIVE2, undefined],
    ['PROGRESSIVE2, taken in charge in 2025', coordinator, PROGRESSIVE2, { cohort: '2025' }],
    ['PROGRESSIVE2, the second quarter of 2025', coordinator, PROGRESSIVE2, { cohort: '2025-Q2' }],
    ['PROGRESSIVE2, living in Poggibonsi', coordinator, PROGRESSIVE2, { territory: 'G752' }],
    ['FLORWORK, 2024, living in Florence', florenceCoordinator, FLORWORK, { cohort: '2024', territory: 'D612' }],
  ];

  it.each(cases)('matches every partner’s records: %s', async (_name, who, programme, filter) => {
    const res = await funnelAs(who, programme.id, filter);
    expect(res.errors).toBeUndefined();
    const funnel = res.data!.programme.funnel;
    const period = filter?.cohort === '2025' ? { from: '2025-01-01', to: '2025-12-31' }
      : filter?.cohort === '2025-Q2' ? { from: '2025-04-01', to: '2025-06-30' }
        : filter?.cohort === '2024' ? { from: '2024-01-01', to: '2024-12-31' } : undefined;
    const expected = await expectedFunnel(programme.id, period, filter?.territory);
    expect(expected.people[0]).toBeGreaterThanOrEqual(5);
    expect(funnel.stages).toEqual(disclosed(expected));
    expect({ cohort: funnel.cohort, territory: funnel.territory }).toEqual({ cohort: filter?.cohort ?? null, territory: filter?.territory ?? null });
    // Every figure not shown is named, and none that is shown.
    const named = new Set(funnel.suppressed);
    funnel.stages.forEach((s: any, i: number) => {
      expect({ stage: s.stage, named: named.has(`${s.stage}.people`) }).toEqual({ stage: s.stage, named: s.people === null });
      if (i > 0 && expected.people[i]! > 0) expect({ stage: s.stage, named: named.has(`${s.stage}.medianDaysFromPrevious`) }).toEqual({ stage: s.stage, named: s.medianDaysFromPrevious === null });
    });
  });

  it('follows the pathway far enough in the demo data for every stage to be shown', async () => {
    const { stages } = (await funnelAs(coordinator, PROGRESSIVE2.id)).data!.programme.funnel;
    expect(stages.map((s: any) => s.stage)).toEqual(STAGES);
    const shown = stages.filter((s: any) => s.people !== null);
    expect(shown.length).toBeGreaterThanOrEqual(6);
    // Nested: no stage counts more people than the one before.
    for (let i = 1; i < shown.length; i++) expect(shown[i].people).toBeLessThanOrEqual(shown[i - 1].people);
  });

  it('counts at its first stage everyone the case KPIs count as taken in charge', async () => {
    const data = await net.ok(coordinator, `query($id: ID!) { programme(id: $id) { caseKpis { peopleTakenInCharge } funnel { stages { stage people } } } }`, { id: PROGRESSIVE2.id });
    const [{ n }] = await rows('social-services', 'SELECT count(DISTINCT person_id)::int AS n FROM case_file WHERE programme_id = $1', [PROGRESSIVE2.id]);
    expect(data.programme.funnel.stages[0]).toEqual({ stage: 'IN_CHARGE', people: n });
    expect(data.programme.caseKpis.peopleTakenInCharge).toBe(n);
  });

  it('withholds every figure of a cohort of fewer than 5 people, and names each', async () => {
    const [small] = await rows('social-services', `
      SELECT to_char(f.opened_on, 'YYYY') || '-Q' || extract(quarter FROM f.opened_on) AS cohort, p.residence_municipality_code AS territory, count(*)::int AS n
        FROM (SELECT person_id, min(opened_on) AS opened_on FROM case_file WHERE programme_id = $1 GROUP BY person_id) f
        JOIN person p ON p.id = f.person_id
       GROUP BY 1, 2 HAVING count(*) BETWEEN 1 AND 4 ORDER BY 3 DESC, 1, 2 LIMIT 1`, [PROGRESSIVE2.id]);
    expect(small).toBeDefined();
    const res = await funnelAs(coordinator, PROGRESSIVE2.id, { cohort: small!.cohort, territory: small!.territory });
    expect(res.errors).toBeUndefined();
    const funnel = res.data!.programme.funnel;
    expect(funnel.stages.every((s: any) => s.people === null && s.medianDaysFromPrevious === null)).toBe(true);
    for (const stage of STAGES) expect(funnel.suppressed).toContain(`${stage}.people`);
    // A median over those few people is withheld and named too (a median over nobody is no figure).
    const expected = await expectedFunnel(PROGRESSIVE2.id, quarter(small!.cohort), small!.territory);
    expect(expected.people[0]).toBe(small!.n);
    expected.people.forEach((n, s) => {
      if (s > 0 && n > 0) expect(funnel.suppressed).toContain(`${STAGES[s]}.medianDaysFromPrevious`);
    });
  });

  it('answers a cohort with no one in it with every figure withheld', async () => {
    const res = await funnelAs(coordinator, PROGRESSIVE2.id, { cohort: '2027-Q4' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.programme.funnel.stages.map((s: any) => s.people)).toEqual(STAGES.map(() => null));
  });

  it.each([
    ['a cohort that is not a quarter or a year', { cohort: '2025-Q5' }, 'filter.cohort', /quarter such as 2025-Q1/],
    ['a cohort outside the programme', { cohort: '2019' }, 'filter.cohort', /outside the programme/],
    ['a territory that is not a municipality', { territory: 'Z9Z9' }, 'filter.territory', /cadastral code/],
    ['a municipality outside the programme’s territory', { territory: 'D612' }, 'filter.territory', /not in the programme's territory/],
  ])('refuses %s, naming the field', async (_name, filter, field, message) => {
    const res = await funnelAs(coordinator, PROGRESSIVE2.id, filter);
    expect(res.data?.programme.funnel).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors?.[0]?.message).toMatch(message);
  });
});

const quarter = (cohort: string) => {
  const [year, q] = cohort.split('-Q').map(Number);
  const first = (q! - 1) * 3;
  const last = new Date(Date.UTC(year!, first + 3, 0)).toISOString().slice(0, 10);
  return { from: `${year}-${String(first + 1).padStart(2, '0')}-01`, to: last };
};

describe('who reads the funnel', () => {
  const readers: [string, () => Principal][] = [
    ["the lead body's coordinator", () => coordinator],
    ["the lead body's case manager", () => as('case_manager', 'ftsa')],
    ["a partner's employment centre", () => as('cpi_operator', 'cpi-poggibonsi')],
    ["a partner's training body", () => as('training_operator', 'valdelsa-formazione')],
    ["the programme's company network", () => as('company_network_operator', 'rete-imprese-valdelsa')],
  ];
  const refused: [string, () => Principal][] = [
    ["another programme's coordinator", () => florenceCoordinator],
    ['another social services’ case manager', () => as('case_manager', 'comune-firenze-sociali')],
    ['an employment centre outside the programme', () => as('cpi_operator', 'cpi-firenze')],
    ["a host company's tutor", () => as('company_tutor', 'cristalleria-colligiana')],
    ['the data protection officer', () => as('data_protection_officer', 'ftsa')],
  ];

  it.each(readers)('%s reads it', async (_who, who) => {
    const res = await funnelAs(who(), PROGRESSIVE2.id, { cohort: '2025' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.programme.funnel.stages).toHaveLength(8);
  });

  it.each(refused)('%s is refused', async (_who, who) => {
    const res = await funnelAs(who(), PROGRESSIVE2.id, { cohort: '2025' });
    expect(res.data?.programme.funnel).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Programme.funnel' });
  });

  it('is not part of the public contract', async () => {
    const res = await postGraphQL(`${net.base}/public/graphql`, FUNNEL, { id: PROGRESSIVE2.id });
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('gives aggregates only: no person, and the cohort’s member list and the partners’ milestones are not in the schema', async () => {
    const res = await funnelAs(coordinator, PROGRESSIVE2.id);
    expect(JSON.stringify(res.data)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    for (const field of ['id', 'members', 'aggregateGrant', 'trainingMilestones', 'internshipMilestones', 'employmentMilestones']) {
      const asked = await net.call(coordinator, `query($id: ID!) { programme(id: $id) { funnel { ${field} } } }`, { id: PROGRESSIVE2.id });
      expect({ field, code: asked.errors?.[0]?.extensions?.code }).toEqual({ field, code: 'GRAPHQL_VALIDATION_FAILED' });
    }
  });

  it('leaves nothing in any partner’s access log: no person-level data is read for it', async () => {
    const count = async () => Object.fromEntries(await Promise.all(net.network.subgraphs.map(async (s) =>
      [s.name, Number((await s.database.dataSource.query('SELECT count(*) AS n FROM access_log'))[0].n)] as const)));
    const before = await count();
    await net.ok(coordinator, FUNNEL, { id: PROGRESSIVE2.id, filter: null });
    await net.ok(as('cpi_operator', 'cpi-poggibonsi'), FUNNEL, { id: PROGRESSIVE2.id, filter: { cohort: '2025' } });
    expect(await count()).toEqual(before);
  });
});

describe('a partner counts only a cohort social services vouched for', () => {
  const who = () => coordinator;
  const key = () => funnelId({ programmeId: PROGRESSIVE2.id, cohort: null, territory: null });

  /** The cohort's member list as social services would send it: these people's ids, 16 bytes each. */
  async function memberList(): Promise<string> {
    const people = await rows('social-services', 'SELECT DISTINCT person_id FROM case_file WHERE programme_id = $1 ORDER BY person_id', [PROGRESSIVE2.id]);
    return Buffer.from(people.map((p) => p.person_id.replace(/-/g, '')).join(''), 'hex').toString('base64');
  }

  async function direct(members: string, aggregateGrant: string | null, requestId: string, tokenRequestId = requestId) {
    const url = net.network.subgraph('training').server.url;
    const token = await gatewayToken(net.env.dataDir, who(), 'training', tokenRequestId);
    return postGraphQL<any>(url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on OutcomeFunnel { trainingMilestones } } }', {
      r: [{ __typename: 'OutcomeFunnel', id: key(), members, aggregateGrant }],
    }, { authorization: `Bearer ${token}` });
  }

  it('answers a genuine grant, and nothing to a missing, forged, other-cohort or replayed one', async () => {
    const members = await memberList();
    const rid = testRequestId();
    const genuine = await signedGrant(net.env.dataDir, 'social-services', 'aggregate', funnelGrantSubject(key(), members), who(), rid);
    const ok = await direct(members, genuine, rid);
    expect(ok.errors).toBeUndefined();
    expect(ok.data._entities[0].trainingMilestones.length).toBeGreaterThan(100);

    const refused = async (list: string, grant: string | null, requestId = rid, tokenRequestId = requestId) => {
      const res = await direct(list, grant, requestId, tokenRequestId);
      expect(res.data?._entities[0]).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    };
    await refused(members, null);
    await refused(members, await signedGrant(net.env.dataDir, 'companies', 'aggregate', funnelGrantSubject(key(), members), who(), rid));
    // A grant for one cohort does not open another: a list with one person more.
    const more = Buffer.concat([Buffer.from(members, 'base64'), Buffer.alloc(16, 1)]).toString('base64');
    await refused(more, genuine);
    await refused(members, genuine, rid, testRequestId());
    await refused(members, await signedGrant(net.env.dataDir, 'social-services', 'person', funnelGrantSubject(key(), members), who(), rid));
  });
});

describe('what the funnel costs', () => {
  it('sends each subgraph the same statements for a quarter as for a whole programme', async () => {
    const one = (filter: Record<string, string> | null) => net.statements(() => net.ok(coordinator, FUNNEL, { id: PROGRESSIVE2.id, filter }));
    const quarterCost = await one({ cohort: '2025-Q2' });
    const whole = await one(null);
    for (const name of Object.keys(whole)) {
      expect({ name, statements: quarterCost[name] }).toEqual({ name, statements: whole[name] });
      expect(whole[name]).toBeGreaterThan(0);
    }
  });

  it('asks each partner once, in one statement, for the funnels of every programme of a query', async () => {
    // A training body that is a partner of both demo programmes reads both funnels.
    const both = as('training_operator', 'istituto-toscano-formazione');
    const single = await net.statements(() => net.ok(both, FUNNEL, { id: PROGRESSIVE2.id, filter: null }));
    let answer: any;
    const every = await net.statements(async () => {
      answer = await net.ok(both, '{ programmes { code funnel { stages { people } suppressed } } }');
    });
    expect(answer.programmes.map((p: any) => p.funnel.stages[0].people)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(every).toEqual(single);
  });
});

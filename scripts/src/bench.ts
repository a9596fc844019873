import { parseArgs } from 'node:util';
import { createLogger, dataDir, devIssuerKeyFile, loadOrCreateKeyPair, mintDevToken, type Principal, type Role } from '@intreccio/shared';
import { databaseServer } from './database-server';
import { DEMO_PROGRAMMES, DEMO_WRITERS, demoOrganisation, demoProgramme } from './demo';
import { startNetwork } from './network';

const USAGE = 'Usage: npm run bench -- [--runs 5] [--only <scenario name part>]';

/**
 * Times what partner systems and dashboards ask of the network, through the real gateway, on the
 * databases `npm run seed` wrote (run it first with `--persons 100000`): the caller's token, the
 * access rules, grants and the access log included. Prints the median and the slowest of `runs`
 * timed runs after one warm-up, and the size of each answer.
 */

interface Scenario {
  name: string;
  role: Role;
  organisation: string;
  query: string;
  /** The public contract, without a token. */
  anonymous?: boolean;
  /** What to report of the answer: how many items it held. */
  size: (data: any) => number;
}

const edges = (connection: { edges: unknown[] } | undefined) => connection?.edges.length ?? 0;
const programmeId = (code: string) => DEMO_PROGRAMMES.find((p) => p.code === code)!.id;

const SCENARIOS: Scenario[] = [
  {
    name: 'case manager: first page of 100 people, identity and case',
    role: 'case_manager', organisation: 'ftsa',
    query: '{ people(first: 100) { totalCount edges { node { id fiscalCode givenName familyName case { status openedOn } } } } }',
    size: (d) => edges(d.people),
  },
  {
    name: 'case manager: 100 people with every partner’s records (grants, access log)',
    role: 'case_manager', organisation: 'ftsa',
    query: `{ people(first: 100) { edges { node { id givenName
      jobSeeker { profilingClass } skills { level skill { label } } hires { startDate }
      enrollments { status edition { course { title } } } certifications { title }
      internships { status monthlyAllowanceCents tutoringVisits { hours } }
    } } } }`,
    size: (d) => edges(d.people),
  },
  {
    name: 'case manager: 1,000 people across the four partners',
    role: 'case_manager', organisation: 'ftsa',
    query: '{ people(first: 1000) { edges { node { id case { status } skills { level } enrollments { status } internships { status } } } } }',
    size: (d) => edges(d.people),
  },
  {
    name: 'employment centre: 100 own job seekers with skills',
    role: 'cpi_operator', organisation: 'cpi-poggibonsi',
    query: '{ jobSeekers(first: 100) { edges { node { id profilingClass person { id skills { level } } } } } }',
    size: (d) => edges(d.jobSeekers),
  },
  {
    name: 'company network: 20 open vacancies with their ranked candidates (pseudonymised)',
    role: 'company_network_operator', organisation: 'rete-imprese-valdelsa',
    query: '{ vacancies(first: 20, filter: { status: OPEN }) { edges { node { title candidates(first: 10) { score candidate { pseudonym firstName } } } } } }',
    size: (d) => edges(d.vacancies),
  },
  {
    name: 'coordinator: every programme’s KPIs (small counts withheld)',
    role: 'coordinator', organisation: 'ftsa',
    query: '{ programmes { name caseKpis { peopleTakenInCharge suppressed } employmentKpis { hires suppressed } trainingKpis { enrolled suppressed } internshipKpis { started suppressed } } }',
    size: (d) => d.programmes.length,
  },
  {
    name: 'coordinator: the savings ledger of PROG.RE.S.S.I.V.E 2, every person, from the four partners',
    role: 'coordinator', organisation: 'ftsa',
    query: `{ programme(id: "${demoProgramme('PROGRESSIVE2').id}") { savings {
      unitCostVersion peopleInProgramme peopleHired avoidedBenefitsCents fiscalReturnCents grossSavingsAfterDeadweightCents programmeCostCents
      netSavingsCents benefitCostRatio outcomes { verified paymentsDueCents } records { hires enrollments allowancePayments } suppressed } } }`,
    size: (d) => d.programme.savings.peopleInProgramme,
  },
  {
    name: 'case manager: a page of 100 savings-ledger lines of the people it holds in PROG.RE.S.S.I.V.E 2',
    role: 'case_manager', organisation: 'ftsa',
    query: `{ programme(id: "${demoProgramme('PROGRESSIVE2').id}") { savingsLedger(first: 100) { notShared lines { totalCount edges { node {
      person { id givenName } monthsEmployed avoidedBenefitsCents fiscalReturnCents programmeCostCents netSavingsCents hires { hireId followUpIds } benefits { benefitId avoidedCents }
    } } } } } }`,
    size: (d) => d.programme.savingsLedger.lines.edges.length,
  },
  {
    name: 'coordinator: outcome funnel of a cohort of about 10,000 people (PROGRESSIVE2, taken in charge in 2024)',
    role: 'coordinator', organisation: 'ftsa',
    query: `{ programme(id: "${programmeId('PROGRESSIVE2')}") { funnel(filter: { cohort: "2024" }) { stages { stage people medianDaysFromPrevious } suppressed } } }`,
    size: (d) => d.programme.funnel.stages[0].people,
  },
  {
    name: 'coordinator: outcome funnel of a quarter in one municipality (PROGRESSIVE2, 2025-Q2, Poggibonsi)',
    role: 'coordinator', organisation: 'ftsa',
    query: `{ programme(id: "${programmeId('PROGRESSIVE2')}") { funnel(filter: { cohort: "2025-Q2", territory: "G752" }) { stages { stage people medianDaysFromPrevious } suppressed } } }`,
    size: (d) => d.programme.funnel.stages[0].people,
  },
  {
    name: 'coordinator: outcome funnel of a whole programme (PROGRESSIVE2)',
    role: 'coordinator', organisation: 'ftsa',
    query: `{ programme(id: "${programmeId('PROGRESSIVE2')}") { funnel { stages { stage people medianDaysFromPrevious } suppressed } } }`,
    size: (d) => d.programme.funnel.stages[0].people,
  },
  {
    name: 'coordinator: network map of the lead body’s programmes',
    role: 'coordinator', organisation: 'ftsa',
    query: '{ networkMap { nodes { id kind name } edges { from to sharedPeople referrals medianResponseDays } suppressed } }',
    size: (d) => d.networkMap.edges.length,
  },
  {
    name: 'public: programmes with KPIs and 50 courses',
    role: 'coordinator', organisation: 'ftsa', anonymous: true,
    query: '{ programmes { name caseKpis { peopleTakenInCharge } } courses(first: 50) { edges { node { title editions { startDate hasSeatsLeft } } } } }',
    size: (d) => edges(d.courses),
  },
];

function principalFor(role: Role, key: string): Principal {
  const org = demoOrganisation(key);
  return {
    subject: `bench-${role}@${key}`, organisationId: org.id, organisationKind: org.kind, roles: [role],
    programmes: DEMO_PROGRAMMES.filter((p) => org.programmeCodes.includes(p.code)).map((p) => p.id),
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, only: { type: 'string' }, help: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  if (values.help || !Number.isInteger(runs) || runs < 1) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' };
  const logger = createLogger('bench', env.LOG_LEVEL);
  const db = await databaseServer(env, () => {});
  const network = await startNetwork({
    env: { ...db.env, GATEWAY_PORT: '0' },
    anyPort: true,
    logger,
    beforeGateway: async (subgraphs) => {
      for (const s of subgraphs) {
        if (!(await DEMO_WRITERS[s.name]!.isSeeded(s.database.dataSource))) throw new Error(`${s.name} holds no network: run npm run seed -- --persons 100000 first`);
      }
    },
  });
  try {
    const [{ n: people }] = await network.subgraph('social-services').database.dataSource.query('SELECT count(*)::int AS n FROM person');
    process.stdout.write(`${people} people in the network; ${runs} timed runs per scenario after one warm-up.\n\n`);
    const { privateJwk } = await loadOrCreateKeyPair(devIssuerKeyFile(dataDir(db.env)));
    const url = network.gateway.url;
    const publicUrl = url.replace(/\/graphql$/, '/public/graphql');
    for (const s of SCENARIOS.filter((sc) => !values.only || sc.name.includes(values.only))) {
      const token = s.anonymous ? null : await mintDevToken(privateJwk, principalFor(s.role, s.organisation), '1h');
      const once = async () => {
        const started = performance.now();
        const res = await fetch(s.anonymous ? publicUrl : url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'apollographql-client-name': 'bench', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query: s.query, operationName: null }),
        });
        const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
        const ms = performance.now() - started;
        // Fields refused by the access rules (people not shared with the caller) are part of the answer.
        const failed = body.errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN') ?? [];
        if (!body.data || failed.length) throw new Error(`${s.name}: ${JSON.stringify(failed.length ? failed : body).slice(0, 500)}`);
        return { ms, size: s.size(body.data), refused: body.errors?.length ?? 0 };
      };
      const { size, refused } = await once();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push((await once()).ms);
      times.sort((a, b) => a - b);
      const refusals = refused ? ` (${refused} fields refused)` : '';
      process.stdout.write(`${s.name}\n  ${size} items${refusals} · median ${percentile(times, 0.5).toFixed(0)} ms · slowest ${times.at(-1)!.toFixed(0)} ms\n`);
    }
  } finally {
    await network.close();
    await db.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});

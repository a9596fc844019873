import { outcome, race, refusals } from '@intreccio/shared/testing';
import type { InternshipStatus } from '../src/common/enums';
import { Internship } from '../src/internship/internship.type';
import { randomUUID } from 'node:crypto';
import {
  addTutor, CHANGE_STATUS, companyInput, coordinator, CREATE_COMPANY, createCompany, NETWORK_ORG, operator, personId, PROGRAMME, RULES, setRules,
  startCompanies, type Harness,
} from './network-builder';

/**
 * Concurrent writes and retries on one internship: each race starts every request before awaiting
 * any, so they run in their own transactions at once. Each is run a few times so that a lost update or
 * a second payment has its chance to show, and the database is read afterwards.
 *
 * Internships are written straight into the table: what is raced here is what happens to them once
 * they exist, not how they are planned.
 */

const ROUNDS = 4;

const PAY = 'mutation($i: RecordAllowancePaymentInput!, $k: String) { recordAllowancePayment(input: $i, idempotencyKey: $k) { id month amountCents } }';
const UPDATE = 'mutation($i: UpdateInternshipInput!, $k: String) { updateInternship(input: $i, idempotencyKey: $k) { id version startDate endDate companyTutor { id } } }';
const CHANGE = CHANGE_STATUS.replace('($i: ChangeInternshipStatusInput!)', '($i: ChangeInternshipStatusInput!, $k: String)').replace('(input: $i)', '(input: $i, idempotencyKey: $k)');

let h: Harness;
let companyId: string;
let people = 5000;
const nextPerson = () => personId(people++);

interface Placement {
  status?: InternshipStatus;
  personId?: string;
  companyTutorId?: string;
  startDate?: string;
  endDate?: string;
}

/** An internship as the table holds it: ACTIVE since its start unless told otherwise. */
async function internship(placement: Placement = {}): Promise<string> {
  const status = placement.status ?? 'ACTIVE';
  const startDate = placement.startDate ?? '2025-01-13';
  const saved = await h.db.getRepository(Internship).save({
    personId: placement.personId ?? nextPerson(),
    programmeId: PROGRAMME,
    promoterOrganisationId: NETWORK_ORG,
    companyId,
    companyTutorId: placement.companyTutorId ?? (await addTutor(h, companyId, `Tutor ${people}`)),
    promoterTutorName: 'Paolo Guidi',
    opportunityId: null,
    occupationUri: null,
    startDate,
    endDate: placement.endDate ?? '2025-06-27',
    weeklyHours: 25,
    monthlyAllowanceCents: 50_000,
    status,
    outcome: null,
    startedOn: status === 'PLANNED' ? null : startDate,
    interruptedOn: null,
    interruptionReason: null,
  });
  return saved.id;
}

async function row<T = Record<string, any>>(sql: string, params: unknown[]): Promise<T> {
  const [found] = await h.db.query(sql, params);
  return found as T;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await row<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).n;
}

/** What each transition needs besides the status. */
const TO: Record<string, Record<string, unknown>> = {
  ACTIVE: {},
  SUSPENDED: {},
  COMPLETED: { outcome: 'NOT_HIRED' },
  INTERRUPTED: { outcome: 'ENDED_EARLY', interruptedOn: '2025-03-14', interruptionReason: 'Moved to another town' },
};

function transition(internshipId: string, status: string, extra: Record<string, unknown> = {}) {
  return h.call(operator, CHANGE, { i: { internshipId, status, ...TO[status], ...extra } });
}

beforeAll(async () => {
  h = await startCompanies('concurrency');
  await setRules(h);
  companyId = await createCompany(h, { name: 'Trattoria Da Ugo S.n.c.' });
});
afterAll(() => h?.stop());

describe('allowance payments', () => {
  it('pays a month once when the payment is recorded several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const internshipId = await internship();
      const answers = await race(3, (i) => h.call(operator, PAY, { i: { internshipId, month: '2025-02', amountCents: 50_000 - i, paidOn: '2025-03-05' } }));
      const { won } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers).map((r) => [r.code, r.field])).toEqual([['CONFLICT', 'input.month'], ['CONFLICT', 'input.month']]);
      expect(await h.db.query('SELECT month, amount_cents FROM allowance_payment WHERE internship_id = $1', [internshipId])).toEqual([
        { month: '2025-02', amount_cents: won[0]!.data!.recordAllowancePayment.amountCents },
      ]);
    }
  });

  it('pays different months of one internship at once, each once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const internshipId = await internship();
      const months = ['2025-01', '2025-02', '2025-03', '2025-04'];
      const answers = await race(months.length, (i) => h.call(operator, PAY, { i: { internshipId, month: months[i], amountCents: 50_000, paidOn: '2025-05-05' } }));
      expect(refusals(answers)).toEqual([]);
      expect((await h.db.query('SELECT month FROM allowance_payment WHERE internship_id = $1 ORDER BY month', [internshipId])).map((r: { month: string }) => r.month)).toEqual(months);
    }
  });

  it('pays once for one key sent several times at once, and answers each with the one payment', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const internshipId = await internship();
      const answers = await race(3, () => h.call(operator, PAY, { i: { internshipId, month: '2025-02', amountCents: 50_000, paidOn: '2025-03-05' }, k: `pay-${internshipId}` }));
      expect(refusals(answers)).toEqual([]);
      const ids = new Set(answers.map((a) => a.data!.recordAllowancePayment.id));
      expect(ids.size).toBe(1);
      expect(await h.db.query('SELECT id FROM allowance_payment WHERE internship_id = $1', [internshipId])).toEqual([{ id: [...ids][0] }]);
    }
  });

  it('records one of two different payments sent at once with one key, and refuses the other', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const internshipId = await internship();
      const months = ['2025-02', '2025-03'];
      const answers = await race(2, (i) => h.call(operator, PAY, { i: { internshipId, month: months[i], amountCents: 50_000, paidOn: '2025-04-05' }, k: `pay-one-${internshipId}` }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: 'idempotencyKey: this key was already used for a different request' }]);
      expect(await h.db.query('SELECT month FROM allowance_payment WHERE internship_id = $1', [internshipId])).toEqual([{ month: months[winners[0]!] }]);
    }
  });

  it('pays a planned internship started at the same moment only if the start came first', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const internshipId = await internship({ status: 'PLANNED' });
      const answers = await race(2, (i) => (i === 0
        ? transition(internshipId, 'ACTIVE')
        : h.call(operator, PAY, { i: { internshipId, month: '2025-02', amountCents: 50_000, paidOn: '2025-03-05' } })));
      expect(answers[0]!.errors).toBeUndefined();
      const paid = await count('allowance_payment WHERE internship_id = $1', [internshipId]);
      if (answers[1]!.errors) {
        expect(refusals(answers)).toEqual([{
          code: 'BAD_USER_INPUT', field: 'input.internshipId', message: 'input.internshipId: the internship is PLANNED; allowances are paid once it has started',
        }]);
        expect(paid).toBe(0);
      } else {
        expect(paid).toBe(1);
      }
      expect(await row('SELECT status, started_on, version FROM internship WHERE id = $1', [internshipId])).toEqual({ status: 'ACTIVE', started_on: '2025-01-13', version: 2 });
    }
  });
});

describe('status changes', () => {
  it('lets one of two changes made over one expectedVersion win, and refuses the other with CONFLICT', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const internshipId = await internship();
      const wanted = ['SUSPENDED', 'COMPLETED'];
      const answers = await race(2, (i) => transition(internshipId, wanted[i]!, { expectedVersion: 1 }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'CONFLICT', field: 'expectedVersion', message: expect.stringMatching(/^The internship was changed by someone else \(version 2, expected 1\)/) }]);
      expect(await row('SELECT status, version FROM internship WHERE id = $1', [internshipId])).toEqual({ status: wanted[winners[0]!], version: 2 });
    }
  });

  it.each([
    ['suspend against complete', 'SUSPENDED', 'COMPLETED'],
    ['complete against interrupt', 'COMPLETED', 'INTERRUPTED'],
    ['suspend against interrupt', 'SUSPENDED', 'INTERRUPTED'],
  ])('without expectedVersion, never applies two conflicting changes: %s', async (_, a, b) => {
    for (let round = 0; round < ROUNDS; round++) {
      const internshipId = await internship();
      const wanted = [a, b];
      const answers = await race(2, (i) => transition(internshipId, wanted[i]!));
      const { won, winners } = outcome(answers);
      const state = await row('SELECT status, outcome, interrupted_on, version FROM internship WHERE id = $1', [internshipId]);
      if (won.length === 2) {
        // A suspension, then an interruption of the suspended internship: both legal, one after the other.
        expect([a, b]).toEqual(['SUSPENDED', 'INTERRUPTED']);
        expect(state).toEqual({ status: 'INTERRUPTED', outcome: 'ENDED_EARLY', interrupted_on: '2025-03-14', version: 3 });
        continue;
      }
      expect(won).toHaveLength(1);
      const first = wanted[winners[0]!]!;
      const second = wanted[1 - winners[0]!]!;
      const article = /^[AEIOU]/.test(first) ? 'an' : 'a';
      expect(refusals(answers)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.status', message: `input.status: ${article} ${first} internship cannot become ${second}` }]);
      expect(state).toMatchObject({ status: first, version: 2 });
    }
  });

  it('starts a planned internship once when it is started twice at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const internshipId = await internship({ status: 'PLANNED' });
      const answers = await race(2, (i) => transition(internshipId, 'ACTIVE', { startedOn: i === 0 ? '2025-01-13' : '2025-01-14' }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.status', message: 'input.status: an ACTIVE internship cannot become ACTIVE' }]);
      expect(await row('SELECT status, started_on, version FROM internship WHERE id = $1', [internshipId])).toEqual({
        status: 'ACTIVE', started_on: winners[0] === 0 ? '2025-01-13' : '2025-01-14', version: 2,
      });
    }
  });

  it('applies one change once for one key sent several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const internshipId = await internship();
      const answers = await race(3, () => h.call(operator, CHANGE, { i: { internshipId, status: 'SUSPENDED' }, k: `suspend-${internshipId}` }));
      expect(refusals(answers)).toEqual([]);
      expect(answers.map((a) => a.data!.changeInternshipStatus.version)).toEqual([2, 2, 2]);
      expect(await row('SELECT status, version FROM internship WHERE id = $1', [internshipId])).toEqual({ status: 'SUSPENDED', version: 2 });
    }
  });
});

describe('placements changed at once', () => {
  it('gives a tutor one more intern, not two, when two internships move to their last free place at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tutor = await addTutor(h, companyId, `Busy tutor ${round}`);
      await internship({ companyTutorId: tutor });
      await internship({ companyTutorId: tutor });
      const moving = [await internship({ status: 'PLANNED' }), await internship({ status: 'PLANNED' })];
      const answers = await race(2, (i) => h.call(operator, UPDATE, { i: { internshipId: moving[i], companyTutorId: tutor } }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers).map((r) => [r.code, r.field])).toEqual([['BAD_USER_INPUT', 'input.companyTutorId']]);
      expect(await count("internship WHERE company_tutor_id = $1 AND status IN ('PLANNED','ACTIVE','SUSPENDED')", [tutor])).toBe(3);
    }
  });

  it('keeps one person in one internship at a time when two of their internships are moved onto each other at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const person = nextPerson();
      const ids = [
        await internship({ status: 'PLANNED', personId: person, startDate: '2026-01-12', endDate: '2026-02-27' }),
        await internship({ status: 'PLANNED', personId: person, startDate: '2026-04-06', endDate: '2026-05-29' }),
      ];
      // Each move is free of the other's old dates; together they would overlap.
      const moves = [{ startDate: '2026-03-02', endDate: '2026-03-31' }, { startDate: '2026-03-16', endDate: '2026-05-29' }];
      const answers = await race(2, (i) => h.call(operator, UPDATE, { i: { internshipId: ids[i], ...moves[i] } }));
      const { won, winners } = outcome(answers);
      expect(won).toHaveLength(1);
      expect(refusals(answers).map((r) => [r.code, r.field])).toEqual([['CONFLICT', 'input.startDate']]);
      const dates = await h.db.query('SELECT id, start_date, end_date, version FROM internship WHERE person_id = $1 ORDER BY start_date', [person]);
      const moved = winners[0]!;
      expect(dates).toContainEqual({ id: ids[moved], start_date: moves[moved]!.startDate, end_date: moves[moved]!.endDate, version: 2 });
      expect(dates.find((d: { id: string }) => d.id === ids[1 - moved])).toMatchObject({ version: 1 });
    }
  });
});

describe('the registry and its rules', () => {
  it('registers a VAT number once when the company is registered several times at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const input = companyInput({ name: `Forno Santa Lucia ${round} S.r.l.` });
      const answers = await race(3, () => h.call(operator, CREATE_COMPANY, { i: input }));
      expect(outcome(answers).won).toHaveLength(1);
      expect(refusals(answers)).toEqual([1, 2].map(() => ({ code: 'CONFLICT', field: 'input.vatNumber', message: expect.stringMatching(/^Another company already has (this VAT number|VAT number \d{11})$/) })));
      expect(await count('company WHERE vat_number = $1', [input.vatNumber])).toBe(1);
    }
  });

  it("keeps one row of a programme's rules when two coordinators set them for the first time at once", async () => {
    const SET = 'mutation($i: SetInternshipRulesInput!) { setInternshipRules(input: $i) { version maxMonths } }';
    for (let round = 0; round < ROUNDS; round++) {
      const programmeId = randomUUID();
      const answers = await race(2, (i) => h.call(coordinator, SET, { i: { programmeId, ...RULES, maxMonths: 6 + i } }));
      const { won } = outcome(answers);
      const stored = await h.db.query('SELECT max_months, version FROM internship_rules WHERE programme_id = $1', [programmeId]);
      if (won.length === 2) {
        // One after the other: the second replaced the first, and says so with its version.
        const last = won.map((a) => a.data!.setInternshipRules).find((r) => r.version === 2);
        expect(stored).toEqual([{ max_months: last.maxMonths, version: 2 }]);
      } else {
        // At once: the second found no row to wait for, and is told to read the first and retry.
        expect(refusals(answers)).toEqual([{ code: 'CONFLICT', field: 'input.programmeId', message: 'The rules of this programme were set by someone else meanwhile; read them and retry' }]);
        expect(stored).toEqual([{ max_months: won[0]!.data!.setInternshipRules.maxMonths, version: 1 }]);
      }
    }
  });
});

import { postGraphQL } from '@intreccio/shared/testing';
import {
  caseManager, companyInput, createCompany, CREATE_COMPANY, HOST_ORG, newVatNumber, OCCUPATION, operator, PROGRAMME, startCompanies, type Harness,
} from './network-builder';

let h: Harness;

beforeAll(async () => {
  h = await startCompanies('companies');
});
afterAll(() => h?.stop());

describe('the subgraph refuses callers other than the gateway', () => {
  it('answers 401 without the gateway token', async () => {
    const res = await postGraphQL(h.url, '{ companies { edges { cursor } } }');
    expect(res.status).toBe(401);
  });
});

describe('createCompany', () => {
  it('registers a company and describes its ATECO code and municipality', async () => {
    const data = await h.ok(operator, CREATE_COMPANY, { i: companyInput({ name: 'Hotel Valdelsa S.r.l.', vatNumber: 'IT 0123456 0520', organisationId: HOST_ORG }) });
    expect(data.createCompany).toMatchObject({
      name: 'Hotel Valdelsa S.r.l.',
      vatNumber: '01234560520',
      atecoCode: '55.10.00',
      atecoTitle: 'Servizi di alloggio di alberghi e simili',
      atecoEdition: '2025',
      municipalityName: 'Poggibonsi',
      organisation: { id: HOST_ORG },
      version: 1,
    });
  });

  it('accepts an ATECO 2007 code still declared by older registrations, and a class-level code', async () => {
    const older = await h.ok(operator, CREATE_COMPANY, { i: companyInput({ atecoCode: '55.20.52' }) });
    expect(older.createCompany).toMatchObject({ atecoEdition: '2007', atecoTitle: 'Attività di alloggio connesse alle aziende agricole' });
    const classLevel = await h.ok(operator, CREATE_COMPANY, { i: companyInput({ atecoCode: '55.10' }) });
    expect(classLevel.createCompany.atecoEdition).toBe('2025');
  });

  const good = newVatNumber();
  it.each([
    ['letters', '0123456AB21', /digits only/],
    ['too few digits', '0123456052', /11 digits/],
    ['too many digits', '012345605211', /11 digits/],
    ['an office code that is not issued', `${good.slice(0, 7)}150${good[10]}`, /tax office code/],
    ['a wrong check digit', good.slice(0, 10) + String((Number(good[10]) + 1) % 10), /last digit/],
  ])('refuses a VAT number with %s on input.vatNumber and writes nothing', async (_label, vatNumber, message) => {
    const before = await h.count('company');
    const res = await h.call(operator, CREATE_COMPANY, { i: companyInput({ vatNumber }) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.vatNumber' });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await h.count('company')).toBe(before);
  });

  it.each([
    ['an unknown code', '99.99.99', /not an ATECO 2025 or ATECO 2007 code/],
    ['a section', 'I', /section; give the class/],
    ['a division', '55', /division/],
    ['a group', '55.2', /group/],
  ])('refuses %s as ATECO code on input.atecoCode and writes nothing', async (_label, atecoCode, message) => {
    const before = await h.count('company');
    const res = await h.call(operator, CREATE_COMPANY, { i: companyInput({ atecoCode }) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.atecoCode' });
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await h.count('company')).toBe(before);
  });

  it('refuses a municipality that does not exist and lists every problem at once', async () => {
    const before = await h.count('company');
    const res = await h.call(operator, CREATE_COMPANY, { i: companyInput({ municipalityCode: 'Z999', vatNumber: '123', atecoCode: 'XX' }) });
    const problems = res.errors?.[0]?.extensions?.problems as { field: string }[];
    expect(problems.map((p) => p.field)).toEqual(['input.vatNumber', 'input.atecoCode', 'input.municipalityCode']);
    const single = await h.call(operator, CREATE_COMPANY, { i: companyInput({ municipalityCode: 'A633' }) });
    expect(single.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.municipalityCode' });
    expect(await h.count('company')).toBe(before);
  });

  it('refuses a second company with one VAT number, even when two race', async () => {
    const vatNumber = newVatNumber();
    await createCompany(h, { vatNumber });
    const again = await h.call(operator, CREATE_COMPANY, { i: companyInput({ vatNumber, name: 'Another name' }) });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.vatNumber' });

    const racing = newVatNumber();
    const results = await Promise.all([1, 2, 3].map((n) => h.call(operator, CREATE_COMPANY, { i: companyInput({ vatNumber: racing, name: `Racer ${n}` }) })));
    expect(results.filter((r) => r.data?.createCompany).length).toBe(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.vatNumber' });
    const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM company WHERE vat_number = $1', [racing]);
    expect(n).toBe(1);
  });

  it('links one company per registry organisation', async () => {
    const res = await h.call(operator, CREATE_COMPANY, { i: companyInput({ organisationId: HOST_ORG }) });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.organisationId' });
    const bad = await h.call(operator, CREATE_COMPANY, { i: companyInput({ organisationId: 'not-a-uuid' }) });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organisationId' });
  });

  it('writes once when retried with one idempotency key, also when retries race', async () => {
    const before = await h.count('company');
    const input = companyInput({ name: 'Retried S.r.l.' });
    const first = await h.ok(operator, CREATE_COMPANY, { i: input, k: 'crm-company-1' });
    const retry = await h.ok(operator, CREATE_COMPANY, { i: input, k: 'crm-company-1' });
    expect(retry.createCompany.id).toBe(first.createCompany.id);
    const raced = companyInput({ name: 'Raced S.r.l.' });
    const [a, b] = await Promise.all([h.ok(operator, CREATE_COMPANY, { i: raced, k: 'crm-company-2' }), h.ok(operator, CREATE_COMPANY, { i: raced, k: 'crm-company-2' })]);
    expect(a.createCompany.id).toBe(b.createCompany.id);
    expect(await h.count('company')).toBe(before + 2);
    const reused = await h.call(operator, CREATE_COMPANY, { i: companyInput(), k: 'crm-company-1' });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('is kept to the company network', async () => {
    const res = await h.call(caseManager, CREATE_COMPANY, { i: companyInput() });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('updateCompany', () => {
  const UPDATE = 'mutation($i: UpdateCompanyInput!) { updateCompany(input: $i) { name atecoCode listedInDirectory version } }';

  it('refuses a stale version and keeps the newer write', async () => {
    const id = await createCompany(h, { name: 'Versioned S.r.l.' });
    const first = await h.ok(operator, UPDATE, { i: { id, expectedVersion: 1, listedInDirectory: false, atecoCode: '56.10' } });
    expect(first.updateCompany).toEqual({ name: 'Versioned S.r.l.', atecoCode: '56.10', listedInDirectory: false, version: 2 });
    const stale = await h.call(operator, UPDATE, { i: { id, expectedVersion: 1, name: 'Old name' } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
  });

  it('checks changed facts like a new company', async () => {
    const id = await createCompany(h);
    const bad = await h.call(operator, UPDATE, { i: { id, atecoCode: '56' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.atecoCode' });
    const missing = await h.call(operator, UPDATE, { i: { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', name: 'Nobody' } });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
  });
});

describe('companies', () => {
  it('pages through companies by name and filters them', async () => {
    await createCompany(h, { name: 'Cooperativa Sociale Verde', atecoCode: '81.30.00', socialCooperativeTypeB: true, municipalityCode: 'C847' });
    await createCompany(h, { name: 'Logistica Elsa S.r.l.', atecoCode: '52.10.10', listedInDirectory: false });
    const page = 'query($f: CompaniesFilter, $after: String) { companies(first: 2, after: $after, filter: $f) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }';
    const names: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const data: any = await h.ok(caseManager, page, { after });
      total = data.companies.totalCount;
      names.push(...data.companies.edges.map((e: any) => e.node.name));
      if (!data.companies.pageInfo.hasNextPage) break;
      after = data.companies.pageInfo.endCursor;
    }
    expect(names).toHaveLength(total);
    const typeB = await h.ok(caseManager, page, { f: { socialCooperativeTypeB: true, municipalityCode: 'c847' } });
    expect(typeB.companies.edges.map((e: any) => e.node.name)).toEqual(['Cooperativa Sociale Verde']);
    const logistics = await h.ok(caseManager, page, { f: { atecoPrefix: '52.1' } });
    expect(logistics.companies.edges.map((e: any) => e.node.name)).toEqual(['Logistica Elsa S.r.l.']);
    const listed = await h.ok(caseManager, page, { f: { listedInDirectory: false } });
    expect(listed.companies.edges.map((e: any) => e.node.name)).toContain('Logistica Elsa S.r.l.');
    const search = await h.ok(caseManager, page, { f: { search: 'verde' } });
    expect(search.companies.edges.map((e: any) => e.node.name)).toEqual(['Cooperativa Sociale Verde']);
  });

  it('resolves Company references for other subgraphs in one statement', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => createCompany(h)));
    const before = h.running.counter.count;
    const res = await h.entities(caseManager, [...ids, 'not-a-uuid'].map((id) => ({ __typename: 'Company', id })), '... on Company { id vatNumber }');
    expect(res.errors).toBeUndefined();
    expect((res.data as any)._entities.slice(0, 3).map((c: any) => c.id)).toEqual(ids);
    expect((res.data as any)._entities[3]).toBeNull();
    expect(h.running.counter.count - before).toBe(1);
  });
});

describe('scouting', () => {
  const RECORD = `mutation($i: RecordScoutingVisitInput!) {
    recordScoutingVisit(input: $i) { id outcome company { name } programme { id } opportunities { id kind positions status occupation { uri } visit { id } } }
  }`;

  it('records a visit with the opportunities it found in one go', async () => {
    const companyId = await createCompany(h, { name: 'Trattoria Da Lido' });
    const data = await h.ok(operator, RECORD, {
      i: {
        companyId, programmeId: PROGRAMME, visitedOn: '2026-03-10', operatorName: 'Giulia Neri', outcome: 'INTERESTED',
        opportunities: [
          { kind: 'INTERNSHIP', occupationUri: OCCUPATION.kitchenAssistant, positions: 2 },
          { kind: 'INDIRECT', description: 'Laundry supplier with a social clause' },
        ],
      },
    });
    const visit = data.recordScoutingVisit;
    expect(visit).toMatchObject({ outcome: 'INTERESTED', company: { name: 'Trattoria Da Lido' }, programme: { id: PROGRAMME } });
    expect(visit.opportunities).toHaveLength(2);
    expect(visit.opportunities.every((o: any) => o.status === 'OPEN' && o.visit.id === visit.id)).toBe(true);

    const list = await h.ok(caseManager, 'query($f: OpportunitiesFilter) { opportunities(filter: $f) { edges { node { kind occupation { uri } } } } }', {
      f: { programmeId: PROGRAMME, kind: 'INTERNSHIP', status: 'OPEN' },
    });
    expect(list.opportunities.edges.map((e: any) => e.node.occupation.uri)).toEqual([OCCUPATION.kitchenAssistant]);
  });

  it('refuses bad ESCO URIs, missing occupations and zero positions, naming the opportunity, and writes nothing', async () => {
    const companyId = await createCompany(h);
    const before = [await h.count('scouting_visit'), await h.count('opportunity')];
    const res = await h.call(operator, RECORD, {
      i: {
        companyId, programmeId: PROGRAMME, visitedOn: '2026-03-10', operatorName: 'Giulia Neri', outcome: 'INTERESTED',
        opportunities: [
          { kind: 'DIRECT_HIRE', occupationUri: OCCUPATION.waiter },
          { kind: 'DIRECT_HIRE', occupationUri: 'http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000' },
          { kind: 'INTERNSHIP' },
          { kind: 'INTERNSHIP', occupationUri: 'http://data.europa.eu/esco/skill/e1cf6897-158d-4b48-a39e-2a3a8cac216c' },
        ],
      },
    });
    const fields = (res.errors?.[0]?.extensions?.problems as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(['input.opportunities.1.occupationUri', 'input.opportunities.2.occupationUri', 'input.opportunities.3.occupationUri']);
    const zero = await h.call(operator, RECORD, {
      i: { companyId, programmeId: PROGRAMME, visitedOn: '2026-03-10', operatorName: 'Giulia Neri', outcome: 'INTERESTED', opportunities: [{ kind: 'INDIRECT', positions: 0 }] },
    });
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.opportunities.0.positions' });
    expect([await h.count('scouting_visit'), await h.count('opportunity')]).toEqual(before);
  });

  it('moves opportunities through their states and refuses illegal changes', async () => {
    const companyId = await createCompany(h);
    const data = await h.ok(operator, RECORD, {
      i: { companyId, programmeId: PROGRAMME, visitedOn: '2026-04-02', operatorName: 'Giulia Neri', outcome: 'FOLLOW_UP_NEEDED', opportunities: [{ kind: 'DIRECT_HIRE', occupationUri: OCCUPATION.waiter }] },
    });
    const opportunityId = data.recordScoutingVisit.opportunities[0].id;
    const change = 'mutation($i: ChangeOpportunityStatusInput!) { changeOpportunityStatus(input: $i) { status version } }';
    expect((await h.ok(operator, change, { i: { opportunityId, status: 'CLOSED', expectedVersion: 1 } })).changeOpportunityStatus).toEqual({ status: 'CLOSED', version: 2 });
    const reopen = await h.call(operator, change, { i: { opportunityId, status: 'OPEN' } });
    expect(reopen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    expect(reopen.errors?.[0]?.message).toMatch('a CLOSED opportunity cannot become OPEN');
  });

  it('lists visits by programme and company', async () => {
    const res = await h.ok(caseManager, 'query($f: ScoutingVisitsFilter) { scoutingVisits(filter: $f) { totalCount edges { node { visitedOn } } } }', {
      f: { programmeId: PROGRAMME, visitedFrom: '2026-04-01' },
    });
    expect(res.scoutingVisits.edges.map((e: any) => e.node.visitedOn)).toEqual(['2026-04-02']);
    const bad = await h.call(caseManager, '{ scoutingVisits(filter: { companyId: "x" }) { totalCount } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.companyId' });
  });
});

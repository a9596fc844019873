import {
  cohortPeriod, dayNumber, funnelGrantSubject, funnelId, NO_DAY, parseFunnelId, Records,
} from '../src/aggregates/funnel';
import { networkMapId, parseNetworkMapId } from '../src/aggregates/network-map';

const PROGRAMME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

/** Records as the partners' SQL writes them: id bytes, then big-endian 4-byte numbers. */
function records(width: number, rows: [string, ...(number | null)[]][]): Records {
  const parts = rows.map(([id, ...values]) => {
    const b = Buffer.alloc(16 + 4 * width);
    Buffer.from(id.replace(/-/g, ''), 'hex').copy(b);
    values.forEach((v, i) => b.writeInt32BE(v ?? NO_DAY, 16 + 4 * i));
    return b;
  });
  return new Records(Buffer.concat(parts), width);
}

describe('funnel cohorts', () => {
  it('reads a quarter or a year as its first and last day', () => {
    expect(cohortPeriod('2025-Q1')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(cohortPeriod('2024-Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(cohortPeriod('2024-Q4')).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(cohortPeriod('2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(cohortPeriod('2025')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('refuses what is not a quarter or a year', () => {
    for (const bad of ['2025-Q5', '2025-Q0', '2025Q1', '25-Q1', '2025-q1', '2025-01', ' 2025', '']) expect(cohortPeriod(bad)).toBeNull();
  });

  it('round-trips the funnel key and refuses ids it did not make', () => {
    for (const key of [
      { programmeId: PROGRAMME, cohort: null, territory: null },
      { programmeId: PROGRAMME, cohort: '2025-Q3', territory: 'G752' },
      { programmeId: PROGRAMME, cohort: '2024', territory: null },
    ]) expect(parseFunnelId(funnelId(key))).toEqual(key);
    for (const bad of [null, 42, '', 'x/*/*', `${PROGRAMME}/2025-Q9/*`, `${PROGRAMME}/*/Rome`, `${PROGRAMME}/*/*/extra`, `${PROGRAMME}/*`]) {
      expect(parseFunnelId(bad)).toBeNull();
    }
  });

  it('binds the grant to the funnel and to exactly its member list', () => {
    const id = funnelId({ programmeId: PROGRAMME, cohort: null, territory: null });
    const members = records(0, [[PROGRAMME], [OTHER]]).memberList();
    expect(funnelGrantSubject(id, members)).toBe(funnelGrantSubject(id, members));
    expect(funnelGrantSubject(id, members)).not.toBe(funnelGrantSubject(id, records(0, [[PROGRAMME]]).memberList()));
    expect(funnelGrantSubject(id, members)).not.toBe(funnelGrantSubject(funnelId({ programmeId: OTHER, cohort: null, territory: null }), members));
  });
});

describe('funnel records', () => {
  it('reads ids and numbers in place, no date as null', () => {
    const r = records(2, [[PROGRAMME, dayNumber('2025-01-15'), null], [OTHER, 0, -5]]);
    expect(r.count).toBe(2);
    expect(r.personId(0)).toBe(PROGRAMME);
    expect(r.personId(1)).toBe(OTHER);
    expect(r.value(0, 0)).toBe(dayNumber('2025-01-15'));
    expect(r.value(0, 1)).toBeNull();
    expect(r.value(1, 1)).toBe(-5);
    expect(Records.decode(r.bytes.toString('base64'), 2).personId(1)).toBe(OTHER);
  });

  it('orders records of two lists by person id, as PostgreSQL sorts uuids', () => {
    const a = records(0, [[PROGRAMME], [OTHER]]);
    const b = records(1, [[OTHER, 1]]);
    expect(a.compareId(0, b, 0)).toBeLessThan(0);
    expect(a.compareId(1, b, 0)).toBe(0);
    expect(b.compareId(0, a, 0)).toBeGreaterThan(0);
  });

  it('keeps the chosen records as a member list', () => {
    const r = records(1, [[PROGRAMME, 1], [OTHER, 2]]);
    const list = Records.decode(r.memberList((i) => r.value(i, 0) === 2), 0);
    expect(list.count).toBe(1);
    expect(list.personId(0)).toBe(OTHER);
  });

  it('refuses a payload that is not whole records', () => {
    expect(() => Records.decode(Buffer.alloc(17).toString('base64'), 0)).toThrow(/whole number/);
  });

  it('days are counted from 1970-01-01', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2025-03-01') - dayNumber('2025-02-01')).toBe(28);
  });
});

describe('network map keys', () => {
  it('name the programmes, sorted, and refuse anything else', () => {
    expect(networkMapId([OTHER, PROGRAMME, OTHER])).toBe(`map/${PROGRAMME},${OTHER}`);
    expect(parseNetworkMapId(networkMapId([OTHER, PROGRAMME]))).toEqual([PROGRAMME, OTHER]);
    expect(parseNetworkMapId(networkMapId([]))).toEqual([]);
    for (const bad of [null, `map/${OTHER},${PROGRAMME}`, `map/${PROGRAMME},x`, PROGRAMME, `map/${PROGRAMME},`]) expect(parseNetworkMapId(bad)).toBeNull();
  });
});

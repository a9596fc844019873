import { packLedgerFacts, unpackLedgerFacts, type LedgerHireFact } from '../src/ledger/facts';

describe('savings-ledger facts as they travel', () => {
  const hire: LedgerHireFact = {
    hireId: 'h1', personId: 'p1', startDate: '2024-08-01', plannedEndDate: null, grossMonthlyWageCents: 140_000,
    followUps: [{ followUpId: 'f1', monthsAfter: 6, checkedOn: '2025-02-03', stillEmployed: true }],
  };

  it('come back as they were packed', () => {
    expect(unpackLedgerFacts('employment', packLedgerFacts('employment', [hire]))).toEqual([hire]);
    const training = { personId: 'p1', attendedHours: 80, enrollmentIds: ['e1', 'e2'] };
    expect(unpackLedgerFacts('training', packLedgerFacts('training', [training]))).toEqual([training]);
    const company = { personId: 'p1', allowancesPaidCents: 300_000, allowancePaymentIds: ['a1'], tutoringHours: 20.25, tutoringVisitIds: ['v1'] };
    expect(unpackLedgerFacts('companies', packLedgerFacts('companies', [company]))).toEqual([company]);
  });

  it('are refused when not well formed', () => {
    for (const packed of [
      'not json', '{}', '[1]', '[["h1", "p1", "01/08/2024", null, 140000, []]]', '[["h1", "p1", "2024-08-01", null, -1, []]]',
      '[["h1", "p1", "2024-08-01", null, 140000, [["f1", 6, "2025-02-03", "yes"]]]]', '[["h1", "p1", "2024-08-01", null, 1.5, []]]',
    ]) {
      expect({ packed, facts: unpackLedgerFacts('employment', packed) }).toEqual({ packed, facts: null });
    }
    expect(unpackLedgerFacts('training', '[["p1", 80, "e1"]]')).toBeNull();
    expect(unpackLedgerFacts('companies', '[["p1", 100, [], -2, []]]')).toBeNull();
  });
});

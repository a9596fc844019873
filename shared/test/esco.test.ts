import { escoOccupation, escoOccupationProblem, escoSkill, escoSkillProblem, searchEscoOccupations, searchEscoSkills } from '../src/reference';

describe('ESCO reference data', () => {
  it('finds occupations with their essential skills, all of them real skills', () => {
    const [cleaner] = searchEscoOccupations('building cleaner');
    expect(cleaner).toBeDefined();
    const occupation = escoOccupation(cleaner!.uri)!;
    expect(occupation.iscoGroup).toMatch(/^9/);
    expect(occupation.essentialSkills.length).toBeGreaterThan(3);
    for (const uri of occupation.essentialSkills) expect(escoSkill(uri)).toBeDefined();
  });

  it('searches skills by label, prefix matches first', () => {
    const found = searchEscoSkills('forklift', 5);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.label.toLowerCase()).toContain('forklift');
  });

  it('explains why a URI is not usable', () => {
    const real = searchEscoSkills('food safety', 1)[0]!.uri;
    expect(escoSkillProblem(real)).toBeUndefined();
    expect(escoSkillProblem('http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000')).toMatch(/not a skill/);
    expect(escoSkillProblem('https://example.org/skill/1')).toMatch(/must be an ESCO skill URI/);
    expect(escoOccupationProblem(real)).toMatch(/must be an ESCO occupation URI/);
  });
});

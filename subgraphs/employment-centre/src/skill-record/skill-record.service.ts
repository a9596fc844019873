import type { EntityManager } from 'typeorm';
import { SKILL_LEVELS, type SkillLevel, type SkillSource } from '../common/enums';

export interface SkillEvidence {
  personId: string;
  /** The employment centre recording it; a record it raises stays with the centre that holds it. */
  organisationId: string;
  programmeId: string;
  skillUri: string;
  level: SkillLevel;
  source: SkillSource;
  recordedOn: string;
}

const LEVEL_ORDER = `ARRAY[${SKILL_LEVELS.map((l) => `'${l}'`).join(',')}]::varchar[]`;

/**
 * Records skills in one statement: a skill new to the person is added; one already recorded is
 * raised to the new level (with the new evidence) only when that level is higher, so weaker or
 * older evidence never lowers what was found. Concurrent writers meet on the unique index, and
 * take its entries in one order (person, then skill) whatever order the evidence came in: two
 * statements over the same skills in opposite orders would otherwise each hold what the other
 * waits for, and the database would end one of them.
 * Returns the ids of the person's records for those skills, in the order given. With `replacesEqual`
 * (a certificate: stronger evidence) a record at the same level takes the new evidence too.
 */
export async function recordSkills(m: EntityManager, evidence: readonly SkillEvidence[], options: { replacesEqual?: boolean } = {}): Promise<string[]> {
  if (evidence.length === 0) return [];
  const column = <K extends keyof SkillEvidence>(key: K) => evidence.map((e) => e[key]);
  await m.query(
    `INSERT INTO skill_record (person_id, programme_id, skill_uri, level, source, recorded_on, organisation_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::varchar[], $5::varchar[], $6::date[], $7::uuid[])
              AS e(person_id, programme_id, skill_uri, level, source, recorded_on, organisation_id)
      ORDER BY e.person_id, e.skill_uri
     ON CONFLICT ON CONSTRAINT skill_record_per_person DO UPDATE
        SET level = EXCLUDED.level, source = EXCLUDED.source, recorded_on = EXCLUDED.recorded_on, programme_id = EXCLUDED.programme_id,
            updated_at = now(), version = skill_record.version + 1
      WHERE array_position(${LEVEL_ORDER}, EXCLUDED.level) ${options.replacesEqual ? '>=' : '>'} array_position(${LEVEL_ORDER}, skill_record.level)`,
    [column('personId'), column('programmeId'), column('skillUri'), column('level'), column('source'), column('recordedOn'), column('organisationId')],
  );
  const rows: { id: string; person_id: string; skill_uri: string }[] = await m.query(
    'SELECT id, person_id, skill_uri FROM skill_record WHERE (person_id, skill_uri) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))',
    [column('personId'), column('skillUri')],
  );
  const ids = new Map(rows.map((r) => [`${r.person_id} ${r.skill_uri}`, r.id]));
  return evidence.map((e) => ids.get(`${e.personId} ${e.skillUri}`)!);
}

import type { Principal } from '@intreccio/shared';
import type { TestNetwork } from './network';

const STEPS = 'query PlanSteps($id: ID!) { person(id: $id) { case { programme { id } plan { status steps { id kind status placementToken } } } } }';

export interface SeenStep {
  id: string;
  kind: string;
  status: string;
  placementToken: string | null;
}

/** The steps of the person's plan in force, as `who` reads them through the gateway, with their placement tokens. */
export async function planStepsAs(net: TestNetwork, who: Principal, personId: string): Promise<SeenStep[]> {
  const data = await net.ok(who, STEPS, { id: personId });
  return data.person.case.plan.steps;
}

/**
 * A demo person whose signed plan has an internship step `network` carries out (PLANNED or
 * IN_PROGRESS, on a live case, the network on the team with the person's consent): the
 * person, the programme and the step.
 */
export async function placeableStep(net: TestNetwork, network: string): Promise<{ personId: string; programmeId: string; stepId: string }> {
  const [row] = await net.network.subgraph('social-services').database.dataSource.query(`
    SELECT c.person_id, c.programme_id, s.id AS step_id
      FROM plan_step s JOIN personal_plan p ON p.id = s.plan_id JOIN case_file c ON c.id = p.case_id
     WHERE s.kind = 'INTERNSHIP' AND s.status IN ('PLANNED', 'IN_PROGRESS') AND s.owner_organisation_id = $1
       AND p.status = 'SIGNED' AND c.status IN ('OPEN', 'SUSPENDED')
       AND EXISTS (SELECT 1 FROM case_team_member m WHERE m.case_id = c.id AND m.organisation_id = $1 AND m.left_on IS NULL)
       AND EXISTS (SELECT 1 FROM consent k WHERE k.person_id = c.person_id AND k.organisation_id = $1 AND k.status = 'ACTIVE')
     ORDER BY s.id LIMIT 1`, [network]);
  if (!row) throw new Error('no demo person has an internship step to place');
  return { personId: row.person_id, programmeId: row.programme_id, stepId: row.step_id };
}

import type { RequestContext } from '../context';
import { isUuid } from '../rules';

/**
 * Placement tokens: social services' word that a person signed a plan with an internship step, so
 * that the company network may plan the internship (`PlanStep.placementToken` → `createInternship`).
 * A token is about one person, one programme and one step, for the user of the organisation that
 * carries the step out, and lasts long enough to agree the internship with the host company.
 */
export const PLACEMENT_TOKEN_TTL_SECONDS = 30 * 60;

/** What a placement token is about. */
export interface Placement {
  personId: string;
  programmeId: string;
  stepId: string;
}

/** The `sub` of a placement token. */
export function placementSubject({ personId, programmeId, stepId }: Placement): string {
  return `${personId}|${programmeId}|${stepId}`;
}

/** The placement a token vouches for, when it is a valid `plan-step` grant for the caller (their organisation and themselves); else null. */
export function readPlacement(ctx: RequestContext, token: unknown): Placement | null {
  const sub = ctx.access.readGrant('plan-step', token, undefined, true);
  const [personId, programmeId, stepId, ...rest] = sub?.split('|') ?? [];
  if (rest.length || !isUuid(personId) || !isUuid(programmeId) || !isUuid(stepId)) return null;
  return { personId, programmeId, stepId };
}

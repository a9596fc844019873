import { badInput, type ProblemList } from '@intreccio/shared';
import type { EntityManager } from 'typeorm';
import type { ProposalStatus } from '../common/enums';

/**
 * How a proposal moves. The company meets the candidate (INTERVIEW) and chooses them (ACCEPTED) or
 * not (REJECTED, also straight from PROPOSED, without a meeting); the centre or the person may
 * withdraw a live proposal (WITHDRAWN), an accepted one too, when the hire falls through. HIRED is
 * reached only through `recordHire` naming the proposal, so a HIRED proposal always has its hire;
 * a hire is a fact from the mandatory notice, so it ends any live proposal, whatever stage the
 * centre had recorded. REJECTED, WITHDRAWN and HIRED are final.
 */
export const TRANSITIONS: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  PROPOSED: ['INTERVIEW', 'REJECTED', 'WITHDRAWN'],
  INTERVIEW: ['ACCEPTED', 'REJECTED', 'WITHDRAWN'],
  ACCEPTED: ['WITHDRAWN'],
  REJECTED: [],
  WITHDRAWN: [],
  HIRED: [],
};

export const LIVE_STATUSES: readonly ProposalStatus[] = ['PROPOSED', 'INTERVIEW', 'ACCEPTED'];
/** The statuses that end a proposal with a reason. */
export const NEEDS_REASON: readonly ProposalStatus[] = ['REJECTED', 'WITHDRAWN'];
/**
 * A person is proposed to a vacancy once at a time: again only after an earlier proposal was
 * rejected or withdrawn (the `vacancy_proposal_once` index holds these statuses).
 */
export const HOLDS_THE_PAIR: readonly ProposalStatus[] = [...LIVE_STATUSES, 'HIRED'];

export const isLive = (status: ProposalStatus): boolean => LIVE_STATUSES.includes(status);

/** The reason given to proposals still waiting for the company's answer when their vacancy closes. */
export const VACANCY_CLOSED = 'vacancy closed';

const list = (statuses: readonly string[]) =>
  statuses.length <= 1 ? statuses.join('') : `${statuses.slice(0, -1).join(', ')} or ${statuses.at(-1)}`;

/** Refuses a move the state machine does not allow, on `input.status`. */
export function checkTransition(from: ProposalStatus, to: ProposalStatus): void {
  const field = 'input.status';
  if (to === 'HIRED') throw badInput({ field, message: 'a proposal becomes HIRED when recordHire names it (proposalId), with the hire' });
  if (from === to) throw badInput({ field, message: `the proposal is already ${from}` });
  const allowed = TRANSITIONS[from];
  if (allowed.length === 0) throw badInput({ field, message: `the proposal is ${from}, which is final` });
  if (!allowed.includes(to)) throw badInput({ field, message: `the proposal is ${from} and cannot become ${to} (it can become ${list(allowed)})` });
}

/** A reason is what REJECTED and WITHDRAWN record, and only they: returns it trimmed. */
export function checkReason(problems: ProblemList, status: ProposalStatus, reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() || null;
  if (NEEDS_REASON.includes(status) && !trimmed) problems.add('input.reason', `is required when the proposal becomes ${status}`);
  if (!NEEDS_REASON.includes(status) && reason != null) problems.add('input.reason', `only applies when a proposal is ${list(NEEDS_REASON)}`);
  return trimmed;
}

/** Moves a proposal to `status`, stamped with the transaction's time; a final status ends it. */
export async function moveProposal(m: EntityManager, id: string, status: ProposalStatus, reason: string | null, hireId: string | null = null): Promise<void> {
  await m.query(
    `UPDATE vacancy_proposal
        SET status = $2, reason = $3, hire_id = $4, status_changed_at = now(), ended_at = CASE WHEN $5 THEN now() END,
            updated_at = now(), version = version + 1
      WHERE id = $1`,
    [id, status, reason, hireId, !isLive(status)],
  );
}

/**
 * When a vacancy closes, the proposals still waiting for the company's answer (PROPOSED, INTERVIEW)
 * are withdrawn with the reason "vacancy closed", in the closing transaction. ACCEPTED ones stay: the
 * company chose the person, and the hire that follows may still be recorded through the proposal (or
 * the proposal withdrawn if it falls through).
 */
export async function withdrawWaitingProposals(m: EntityManager, vacancyId: string): Promise<void> {
  await m.query(
    `UPDATE vacancy_proposal
        SET status = 'WITHDRAWN', reason = $2, status_changed_at = now(), ended_at = now(), updated_at = now(), version = version + 1
      WHERE vacancy_id = $1 AND status IN ('PROPOSED', 'INTERVIEW')`,
    [vacancyId, VACANCY_CLOSED],
  );
}

import { buildFiscalCode, type Principal } from '@intreccio/shared';
import { principal, SubgraphHarness } from '@intreccio/shared/testing';
import { socialServices } from '../src';

/** The subgraph under test, driven over HTTP the way the gateway drives it. */
export class SocialServicesHarness {
  static start(label: string): Promise<SubgraphHarness> {
    return SubgraphHarness.start(socialServices, label);
  }
}

export const coordinator = principal('coordinator', '00000000-0000-4000-8000-000000000001', 'SOCIAL_SERVICES');

export interface SmallNetwork {
  leadBody: string;
  employmentCentre: string;
  trainingProvider: string;
  programme: string;
  caseManager: Principal;
  employmentOperator: Principal;
  leadCoordinator: Principal;
}

export async function buildSmallNetwork(h: SubgraphHarness): Promise<SmallNetwork> {
  const org = async (name: string, kind: string, municipalityCode: string) =>
    (await h.ok(coordinator, 'mutation($i: CreateOrganisationInput!) { createOrganisation(input: $i) { id } }', {
      i: { name, kind, municipalityCode },
    })).createOrganisation.id as string;
  const leadBody = await org('Fondazione Territori Sociali Altavaldelsa', 'SOCIAL_SERVICES', 'G752');
  const employmentCentre = await org("Centro per l'Impiego di Poggibonsi", 'EMPLOYMENT_CENTRE', 'G752');
  const trainingProvider = await org('Agenzia Formativa Valdelsa', 'TRAINING_PROVIDER', 'C847');
  // A programme is governed by its lead body's coordinators.
  const leadCoordinator = principal('coordinator', leadBody, 'SOCIAL_SERVICES');
  const programme = (await h.ok(leadCoordinator, 'mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) { id } }', {
    i: {
      code: 'PROGRESSIVE2',
      name: 'PROG.RE.S.S.I.V.E 2',
      leadOrganisationId: leadBody,
      territory: ['G752', 'C847', 'H875'],
      startDate: '2024-01-01',
      endDate: '2027-12-31',
      budgetCents: 150_000_000,
      referralResponseDays: 10,
    },
  })).createProgramme.id as string;
  for (const organisationId of [employmentCentre, trainingProvider]) {
    await h.ok(leadCoordinator, 'mutation($i: AddProgrammePartnerInput!) { addProgrammePartner(input: $i) { id } }', {
      i: { programmeId: programme, organisationId, role: 'Partner', joinedOn: '2024-01-01' },
    });
  }
  return {
    leadBody,
    employmentCentre,
    trainingProvider,
    programme,
    caseManager: principal('case_manager', leadBody, 'SOCIAL_SERVICES', [programme]),
    employmentOperator: principal('cpi_operator', employmentCentre, 'EMPLOYMENT_CENTRE', [programme]),
    leadCoordinator,
  };
}

export interface PersonFacts {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'FEMALE' | 'MALE';
  birthPlaceCode: string;
  residenceMunicipalityCode: string;
  targetGroups?: string[];
}

export function personInput(facts: PersonFacts, fiscalCode = buildFiscalCode(facts)): Record<string, unknown> {
  return { targetGroups: [], ...facts, fiscalCode };
}

export const GIULIA: PersonFacts = {
  givenName: 'Giulia',
  familyName: 'Bianchi',
  birthDate: '1990-03-25',
  sex: 'FEMALE',
  birthPlaceCode: 'G752',
  residenceMunicipalityCode: 'G752',
  targetGroups: ['SINGLE_PARENT'],
};

export const YOUSSEF: PersonFacts = {
  givenName: 'Youssef',
  familyName: 'El Amrani',
  birthDate: '2001-07-14',
  sex: 'MALE',
  birthPlaceCode: 'Z330',
  residenceMunicipalityCode: 'C847',
  targetGroups: ['ASYLUM_SEEKER'],
};

import { municipalityByCadastralCode, partitaIvaCheckDigit } from '@intreccio/shared';
import type { OrganisationKind } from '@intreccio/social-services';
import { organisationId, programmeId } from './ids';
import { hashString } from './random';

/**
 * The demo network: two programmes modelled on PROG.RE.S.S.I.V.E 2 (Alta Val d'Elsa) and Flor@Work
 * (Firenze). Lead bodies and employment centres carry the names of the real kinds of office; every
 * training provider, company network and company is fictional.
 */

/** What a host company does, so internships and courses can be matched to a person's sector. */
export type Sector = 'HOSPITALITY' | 'LOGISTICS' | 'MANUFACTURING' | 'GREEN_MAINTENANCE' | 'CARE' | 'RETAIL';

export interface DemoOrganisation {
  key: string;
  id: string;
  name: string;
  kind: OrganisationKind;
  municipalityCode: string;
  /** Partita IVA for companies, the numeric codice fiscale for public and non-profit bodies. */
  taxCode: string;
  email: string;
  /** Programmes the organisation is a partner of, lead programme first. */
  programmeCodes: string[];
  /** Host companies only. */
  sector?: Sector;
}

export interface DemoProgrammePartner {
  organisationKey: string;
  role: string;
  joinedOn: string;
}

export interface DemoProgramme {
  code: string;
  id: string;
  name: string;
  description: string;
  leadOrganisationKey: string;
  territory: string[];
  startDate: string;
  endDate: string;
  budgetCents: number;
  allowanceMinCents: number;
  allowanceMaxCents: number;
  internshipMaxWeeklyHours: number;
  referralResponseDays: number;
  /** Share of seeded people taken in charge under this programme. */
  peopleShare: number;
  partners: DemoProgrammePartner[];
}

interface OrganisationSpec {
  key: string;
  name: string;
  kind: OrganisationKind;
  municipalityCode: string;
  emailDomain: string;
  sector?: Sector;
}

// Listed PROGRESSIVE2 first: tools that need "an organisation of kind X" take the first match.
const ORGANISATION_SPECS: readonly OrganisationSpec[] = [
  { key: 'ftsa', name: 'Fondazione Territori Sociali Altavaldelsa', kind: 'SOCIAL_SERVICES', municipalityCode: 'G752', emailDomain: 'ftsa-altavaldelsa.example' },
  { key: 'cpi-poggibonsi', name: "Centro per l'Impiego di Poggibonsi", kind: 'EMPLOYMENT_CENTRE', municipalityCode: 'G752', emailDomain: 'cpi-poggibonsi.example' },
  { key: 'valdelsa-formazione', name: 'Agenzia Formativa Valdelsa Lavoro', kind: 'TRAINING_PROVIDER', municipalityCode: 'C847', emailDomain: 'valdelsaformazione.example' },
  { key: 'istituto-toscano-formazione', name: 'Istituto Toscano per la Formazione Professionale', kind: 'TRAINING_PROVIDER', municipalityCode: 'D612', emailDomain: 'itfp.example' },
  { key: 'rete-imprese-valdelsa', name: 'Rete Imprese Solidali Valdelsa', kind: 'COMPANY_NETWORK', municipalityCode: 'G752', emailDomain: 'impresesolidali-valdelsa.example' },
  { key: 'cristalleria-colligiana', name: 'Cristalleria Artigiana Colligiana S.r.l.', kind: 'COMPANY', municipalityCode: 'C847', emailDomain: 'cristalleria-colligiana.example', sector: 'MANUFACTURING' },
  { key: 'poggio-ai-lecci', name: 'Agriturismo Poggio ai Lecci Società Agricola', kind: 'COMPANY', municipalityCode: 'H875', emailDomain: 'poggioailecci.example', sector: 'HOSPITALITY' },
  { key: 'logistica-elsa', name: 'Logistica Alta Elsa S.r.l.', kind: 'COMPANY', municipalityCode: 'G752', emailDomain: 'logisticaaltaelsa.example', sector: 'LOGISTICS' },
  { key: 'comune-firenze-sociali', name: 'Comune di Firenze – Servizi Sociali', kind: 'SOCIAL_SERVICES', municipalityCode: 'D612', emailDomain: 'servizisociali-firenze.example' },
  { key: 'cpi-firenze', name: "Centro per l'Impiego di Firenze", kind: 'EMPLOYMENT_CENTRE', municipalityCode: 'D612', emailDomain: 'cpi-firenze.example' },
  { key: 'cooperativa-oltrarno', name: 'Cooperativa Formazione Oltrarno', kind: 'TRAINING_PROVIDER', municipalityCode: 'D612', emailDomain: 'formazioneoltrarno.example' },
  { key: 'rete-lavoro-firenze', name: 'Rete Lavoro Solidale Firenze', kind: 'COMPANY_NETWORK', municipalityCode: 'D612', emailDomain: 'retelavorosolidale.example' },
  { key: 'pelletteria-arno', name: 'Pelletteria Arno Lab S.r.l.', kind: 'COMPANY', municipalityCode: 'B962', emailDomain: 'pelletteriaarnolab.example', sector: 'MANUFACTURING' },
  { key: 'hotel-cascine', name: 'Hotel Giardino delle Cascine S.r.l.', kind: 'COMPANY', municipalityCode: 'D612', emailDomain: 'hotelgiardinocascine.example', sector: 'HOSPITALITY' },
  { key: 'cooperativa-ponte-verde', name: 'Cooperativa Sociale Il Ponte Verde', kind: 'COMPANY', municipalityCode: 'I684', emailDomain: 'ponteverde.example', sector: 'GREEN_MAINTENANCE' },
];

const LEAD_ROLE = 'Lead body: taking in charge, case management and coordination of the partnership';
const EMPLOYMENT_ROLE = 'Orientation, skills assessment, job-seeker registration and matching with vacancies';
const TRAINING_ROLE = 'General training (workplace safety, HACCP, digital skills) and professional courses';
const NETWORK_ROLE = 'Company scouting, matching and promotion of internships, tutoring visits';
const HOST_ROLE = 'Host company for internships, with a company tutor';

export const DEMO_PROGRAMMES: readonly DemoProgramme[] = [
  {
    code: 'PROGRESSIVE2',
    id: programmeId('PROGRESSIVE2'),
    name: 'PROG.RE.S.S.I.V.E 2',
    description:
      "Work-inclusion pathways for people in the care of social services in Alta Val d'Elsa: taking in charge, " +
      'orientation, multidimensional evaluation, personalised projects, training, internships and accompaniment into work.',
    leadOrganisationKey: 'ftsa',
    // Poggibonsi, Colle di Val d'Elsa, San Gimignano, Casole d'Elsa, Radicondoli.
    territory: ['G752', 'C847', 'H875', 'B984', 'H157'],
    startDate: '2024-01-01',
    endDate: '2027-12-31',
    budgetCents: 185_000_000,
    allowanceMinCents: 40_000,
    allowanceMaxCents: 60_000,
    internshipMaxWeeklyHours: 30,
    referralResponseDays: 10,
    peopleShare: 0.55,
    partners: [
      { organisationKey: 'ftsa', role: LEAD_ROLE, joinedOn: '2024-01-01' },
      { organisationKey: 'cpi-poggibonsi', role: EMPLOYMENT_ROLE, joinedOn: '2024-01-01' },
      { organisationKey: 'valdelsa-formazione', role: TRAINING_ROLE, joinedOn: '2024-01-01' },
      { organisationKey: 'istituto-toscano-formazione', role: 'Professional courses and certification of competences', joinedOn: '2024-02-15' },
      { organisationKey: 'rete-imprese-valdelsa', role: NETWORK_ROLE, joinedOn: '2024-01-01' },
      { organisationKey: 'cristalleria-colligiana', role: HOST_ROLE, joinedOn: '2024-03-01' },
      { organisationKey: 'poggio-ai-lecci', role: HOST_ROLE, joinedOn: '2024-04-15' },
      { organisationKey: 'logistica-elsa', role: HOST_ROLE, joinedOn: '2024-06-01' },
    ],
  },
  {
    code: 'FLORWORK',
    id: programmeId('FLORWORK'),
    name: 'Flor@Work',
    description:
      'Network of the City of Florence, the employment centre, training bodies and companies bringing vulnerable people ' +
      'into work through personalised projects, internships with an allowance and follow-up after hiring.',
    leadOrganisationKey: 'comune-firenze-sociali',
    // Firenze, Sesto Fiorentino, Scandicci, Bagno a Ripoli, Fiesole.
    territory: ['D612', 'I684', 'B962', 'A564', 'D575'],
    startDate: '2024-03-01',
    endDate: '2027-12-31',
    budgetCents: 320_000_000,
    allowanceMinCents: 45_000,
    allowanceMaxCents: 60_000,
    internshipMaxWeeklyHours: 30,
    referralResponseDays: 7,
    peopleShare: 0.45,
    partners: [
      { organisationKey: 'comune-firenze-sociali', role: LEAD_ROLE, joinedOn: '2024-03-01' },
      { organisationKey: 'cpi-firenze', role: EMPLOYMENT_ROLE, joinedOn: '2024-03-01' },
      { organisationKey: 'cooperativa-oltrarno', role: TRAINING_ROLE, joinedOn: '2024-03-01' },
      { organisationKey: 'istituto-toscano-formazione', role: 'Professional courses and certification of competences', joinedOn: '2024-03-01' },
      { organisationKey: 'rete-lavoro-firenze', role: NETWORK_ROLE, joinedOn: '2024-03-01' },
      { organisationKey: 'pelletteria-arno', role: HOST_ROLE, joinedOn: '2024-04-01' },
      { organisationKey: 'hotel-cascine', role: HOST_ROLE, joinedOn: '2024-05-01' },
      { organisationKey: 'cooperativa-ponte-verde', role: HOST_ROLE, joinedOn: '2024-05-20' },
    ],
  },
];

/**
 * An 11-digit number with the office code of the organisation's province and a valid check digit:
 * the shape of a partita IVA, shared by the numeric codice fiscale of public and non-profit bodies
 * (which start with 8 or 9).
 */
function elevenDigitTaxCode(spec: OrganisationSpec): string {
  const province = municipalityByCadastralCode(spec.municipalityCode);
  if (!province) throw new Error(`Demo organisation ${spec.key} sits in unknown municipality ${spec.municipalityCode}`);
  const office = province.istatCode.slice(0, 3);
  const serial = String(hashString(spec.key) % 10_000_000).padStart(7, '0');
  const first = spec.kind === 'COMPANY' ? serial : `9${serial.slice(1)}`;
  const first10 = first + office;
  return first10 + String(partitaIvaCheckDigit(first10));
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = ORGANISATION_SPECS.map((spec) => {
  const organisation: DemoOrganisation = {
    key: spec.key,
    id: organisationId(spec.key),
    name: spec.name,
    kind: spec.kind,
    municipalityCode: spec.municipalityCode,
    taxCode: elevenDigitTaxCode(spec),
    email: `${spec.kind === 'COMPANY' ? 'amministrazione' : 'segreteria'}@${spec.emailDomain}`,
    programmeCodes: DEMO_PROGRAMMES.filter((p) => p.partners.some((pp) => pp.organisationKey === spec.key)).map((p) => p.code),
  };
  if (spec.sector) organisation.sector = spec.sector;
  return organisation;
});

export function demoOrganisation(key: string): DemoOrganisation {
  const organisation = DEMO_ORGANISATIONS.find((o) => o.key === key);
  if (!organisation) throw new Error(`No demo organisation ${key}`);
  return organisation;
}

export function demoProgramme(code: string): DemoProgramme {
  const programme = DEMO_PROGRAMMES.find((p) => p.code === code);
  if (!programme) throw new Error(`No demo programme ${code}`);
  return programme;
}

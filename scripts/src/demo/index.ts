export * from './ids';
export { REFERENCE_DATE } from './dates';
export { DEMO_ORGANISATIONS, DEMO_PROGRAMMES, demoOrganisation, demoProgramme } from './demo-network';
export type { DemoOrganisation, DemoProgramme, DemoProgrammePartner, Sector } from './demo-network';
export { DEFAULT_SEED, demoPathway } from './pathway';
export type {
  DemoAssessment, DemoBenefit, DemoCase, DemoConsent, DemoPathway, DemoPerson, DemoPlan, DemoPlanStep, DemoReferral, DemoTeamMember,
  FiscalCodeKind,
} from './pathway';
export { isSeeded, SEED_TABLES, seedSocialServices } from './generator';
export type { SeedOptions, SeedSummary, SeedTable } from './generator';

/** How many people `npm start` takes in charge on an empty database. */
export const DEMO_PERSONS = 200;
export * from './catalogue';
export * from './outcomes';
export * from './writers';
export { DEMO_LEDGER } from './ledger';
export type { DemoLedgerSettings } from './ledger';

import { ProblemList } from '@intreccio/shared';
import {
  checkLanguages, checkMunicipality, checkNotFuture, checkOccupationUris, checkRange, type LanguageEntry,
} from '../common/rules';

export const MAX_MOBILITY_RADIUS_KM = 200;

/** Profile facts as a registration or an update gives them; absent ones are not checked. */
export interface ProfileFacts {
  registeredOn?: string | null;
  languages?: readonly LanguageEntry[] | null;
  weeklyHours?: number | null;
  mobilityRadiusKm?: number | null;
  domicileMunicipalityCode?: string | null;
  desiredOccupations?: readonly string[] | null;
}

/** The rules a profile's facts follow, for registration and updates alike; returns the normalised languages. */
export function checkProfileFacts(problems: ProblemList, facts: ProfileFacts): LanguageEntry[] | undefined {
  checkNotFuture(problems, 'input.registeredOn', facts.registeredOn);
  const languages = checkLanguages(problems, 'input.languages', facts.languages);
  checkRange(problems, 'input.weeklyHours', facts.weeklyHours, 1, 48);
  checkRange(problems, 'input.mobilityRadiusKm', facts.mobilityRadiusKm, 0, MAX_MOBILITY_RADIUS_KM);
  checkMunicipality(problems, 'input.domicileMunicipalityCode', facts.domicileMunicipalityCode);
  checkOccupationUris(problems, 'input.desiredOccupations', facts.desiredOccupations);
  return languages;
}

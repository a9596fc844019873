import { escoOccupation, municipalityByCadastralCode, partitaIvaCheckDigit } from '@intreccio/shared';
import { deterministicUuid } from './ids';
import { DEMO_ORGANISATIONS, type Sector } from './demo-network';
import { hashString } from './random';

/**
 * What every partner's demo data agrees on beyond the registry: the companies of the two territories
 * and the ESCO occupations each sector hires for. Employment-centre vacancies and hires, company-network
 * internships and scouting, and training courses all draw from here, so their records meet.
 */

const occupation = (uuid: string) => `http://data.europa.eu/esco/occupation/${uuid}`;

/** ESCO occupations (ISCO groups 5–9, all with essential skills) each sector offers work in. */
export const SECTOR_OCCUPATIONS: Readonly<Record<Sector, readonly string[]>> = {
  HOSPITALITY: [
    occupation('e1cf6897-158d-4b48-a39e-2a3a8cac216c'), // kitchen assistant
    occupation('d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471'), // waiter/waitress
    occupation('731ecac4-06e8-4ec2-a559-101fecbd9183'), // room attendant
    occupation('90f75f67-495d-49fa-ab57-2f320e251d7e'), // cook
  ],
  LOGISTICS: [
    occupation('bea705fe-06ac-4147-b8e0-6e8ac1208d8f'), // warehouse worker
    occupation('cd94def5-3442-4c2e-ae3d-0761a3008bcb'), // warehouse order picker
    occupation('eeac6251-1974-42f5-91ed-513c6c883755'), // forklift operator
    occupation('f5cb9901-86fc-48d0-9cde-667fbe8cef3a'), // hand packer
  ],
  MANUFACTURING: [
    occupation('72d03aad-2003-404e-ae71-a37206e3566b'), // leather goods artisanal worker
    occupation('978ae3a2-0831-415a-8396-b84dde656fc5'), // tailor
    occupation('9980a417-f990-495a-ae11-66a112737f3b'), // glass annealer
    occupation('3a55bf97-a0d2-47a0-a8b3-b248d32c7969'), // glass engraver
  ],
  GREEN_MAINTENANCE: [
    occupation('e7970c7a-7769-4002-87d3-0a8ea94fdd6f'), // landscape gardener
    occupation('1a9d99ba-4c08-4864-8f6a-1b0f2b4cf883'), // horticulture worker
    occupation('303a1e34-cb16-4054-b323-81e5eec17397'), // building cleaner
  ],
  CARE: [
    occupation('1391bdf9-bd61-4fb5-91ca-c29036ab2b60'), // home care aide
    occupation('d38c2107-98f2-47b7-8bb4-f69750d51082'), // healthcare assistant
  ],
  RETAIL: [
    occupation('0b15375e-dfdd-4047-9efb-096e0aaee7d2'), // shop assistant
    occupation('2b871272-bd61-4206-bd1a-0b96d7023098'), // cashier
    occupation('d35f9e79-5778-43b4-8667-0e3ba1fcb19a'), // shelf filler
  ],
};

/** A real ATECO 2025 code for each sector. */
export const SECTOR_ATECO: Readonly<Record<Sector, readonly string[]>> = {
  HOSPITALITY: ['55.10.00'],
  LOGISTICS: ['52.10.10', '49.41.00'],
  MANUFACTURING: ['23.13.00', '15.12.00'],
  GREEN_MAINTENANCE: ['81.30.00', '81.21.00'],
  CARE: ['88.10.00', '87.30.00'],
  RETAIL: ['47.11.00'],
};

export type SizeClass = 'MICRO' | 'SMALL' | 'MEDIUM' | 'LARGE';

export interface DemoCompany {
  id: string;
  key: string;
  name: string;
  vatNumber: string;
  atecoCode: string;
  sizeClass: SizeClass;
  municipalityCode: string;
  sector: Sector;
  /** The programme whose territory the company is in. */
  programmeCode: 'PROGRESSIVE2' | 'FLORWORK';
  socialCooperativeTypeB: boolean;
  listedInDirectory: boolean;
  solidarityNetworkMember: boolean;
  /** The company's organisation in the network's registry, for host companies whose staff sign in. */
  organisationId: string | null;
}

interface CompanySpec {
  key: string;
  name: string;
  municipalityCode: string;
  sector: Sector;
  programmeCode: DemoCompany['programmeCode'];
  sizeClass: SizeClass;
  socialCooperativeTypeB?: boolean;
  listedInDirectory?: boolean;
}

/** Companies met by scouting that are not (yet) in the registry. */
const OTHER_COMPANIES: readonly CompanySpec[] = [
  { key: 'albergo-torri', name: 'Albergo Le Torri S.r.l.', municipalityCode: 'H875', sector: 'HOSPITALITY', programmeCode: 'PROGRESSIVE2', sizeClass: 'SMALL', listedInDirectory: true },
  { key: 'supermercato-valdelsa', name: 'Supermercati Valdelsa S.p.A.', municipalityCode: 'G752', sector: 'RETAIL', programmeCode: 'PROGRESSIVE2', sizeClass: 'MEDIUM', listedInDirectory: true },
  { key: 'rsa-san-lucchese', name: 'RSA San Lucchese S.r.l.', municipalityCode: 'G752', sector: 'CARE', programmeCode: 'PROGRESSIVE2', sizeClass: 'SMALL' },
  { key: 'coop-verde-elsa', name: 'Cooperativa Sociale Verde Elsa', municipalityCode: 'C847', sector: 'GREEN_MAINTENANCE', programmeCode: 'PROGRESSIVE2', sizeClass: 'SMALL', socialCooperativeTypeB: true, listedInDirectory: true },
  { key: 'vetreria-casole', name: 'Vetreria Casolese S.n.c.', municipalityCode: 'B984', sector: 'MANUFACTURING', programmeCode: 'PROGRESSIVE2', sizeClass: 'MICRO' },
  { key: 'trasporti-scandicci', name: 'Trasporti Scandicci S.r.l.', municipalityCode: 'B962', sector: 'LOGISTICS', programmeCode: 'FLORWORK', sizeClass: 'MEDIUM', listedInDirectory: true },
  { key: 'trattoria-oltrarno', name: 'Trattoria Oltrarno di Bianchi & C. S.a.s.', municipalityCode: 'D612', sector: 'HOSPITALITY', programmeCode: 'FLORWORK', sizeClass: 'MICRO', listedInDirectory: true },
  { key: 'assistenza-fiesole', name: 'Assistenza Domiciliare Fiesole Soc. Coop.', municipalityCode: 'D575', sector: 'CARE', programmeCode: 'FLORWORK', sizeClass: 'SMALL' },
  { key: 'market-sesto', name: 'Market Sesto S.r.l.', municipalityCode: 'I684', sector: 'RETAIL', programmeCode: 'FLORWORK', sizeClass: 'SMALL' },
  { key: 'pulizie-arno', name: 'Cooperativa Sociale Pulizie Arno', municipalityCode: 'D612', sector: 'GREEN_MAINTENANCE', programmeCode: 'FLORWORK', sizeClass: 'MEDIUM', socialCooperativeTypeB: true, listedInDirectory: true },
];

function vatNumber(key: string, municipalityCode: string): string {
  const municipality = municipalityByCadastralCode(municipalityCode);
  if (!municipality) throw new Error(`Demo company ${key} sits in unknown municipality ${municipalityCode}`);
  const first10 = String(hashString(`vat:${key}`) % 10_000_000).padStart(7, '0') + municipality.istatCode.slice(0, 3);
  return first10 + String(partitaIvaCheckDigit(first10));
}

function atecoFor(sector: Sector, key: string): string {
  const codes = SECTOR_ATECO[sector];
  return codes[hashString(key) % codes.length]!;
}

const HOST_COMPANIES: DemoCompany[] = DEMO_ORGANISATIONS.filter((o) => o.kind === 'COMPANY').map((o) => ({
  id: o.id,
  key: o.key,
  name: o.name,
  vatNumber: o.taxCode,
  atecoCode: atecoFor(o.sector!, o.key),
  sizeClass: 'SMALL',
  municipalityCode: o.municipalityCode,
  sector: o.sector!,
  programmeCode: o.programmeCodes[0] as DemoCompany['programmeCode'],
  socialCooperativeTypeB: /cooperativa sociale/i.test(o.name),
  listedInDirectory: true,
  solidarityNetworkMember: true,
  organisationId: o.id,
}));

/** Host companies of the network first (their ids are their registry ids), then the others. */
export const DEMO_COMPANIES: readonly DemoCompany[] = [
  ...HOST_COMPANIES,
  ...OTHER_COMPANIES.map((spec): DemoCompany => ({
    id: deterministicUuid('company', spec.key),
    key: spec.key,
    name: spec.name,
    vatNumber: vatNumber(spec.key, spec.municipalityCode),
    atecoCode: atecoFor(spec.sector, spec.key),
    sizeClass: spec.sizeClass,
    municipalityCode: spec.municipalityCode,
    sector: spec.sector,
    programmeCode: spec.programmeCode,
    socialCooperativeTypeB: spec.socialCooperativeTypeB ?? false,
    listedInDirectory: spec.listedInDirectory ?? false,
    solidarityNetworkMember: false,
    organisationId: null,
  })),
];

export function companiesOf(programmeCode: string, sector?: Sector): DemoCompany[] {
  return DEMO_COMPANIES.filter((c) => c.programmeCode === programmeCode && (!sector || c.sector === sector));
}

/** Fails fast if the catalogue drifts from the reference data it cites. */
export function checkCatalogue(): void {
  for (const [sector, uris] of Object.entries(SECTOR_OCCUPATIONS)) {
    for (const uri of uris) if (!escoOccupation(uri)?.essentialSkills.length) throw new Error(`${sector}: ${uri} is not an ESCO occupation with skills`);
  }
}

#!/usr/bin/env node
// Rebuilds the compact reference tables in this folder from the raw data set
// described in SOURCES.md. Usage: node shared/reference/derive.mjs [dataDir]
// The output is committed, so the services never need the raw data at run time.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(process.argv[2] ?? path.join(here, '../../../shared/data'));

/**
 * RFC 4180 parser. The ANPR file starts with a BOM and uses CRLF; the ATECO
 * 2007 file has quoted fields spanning several lines, so splitting on newlines
 * would corrupt rows.
 */
function parseCsv(text, delimiter = ',') {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      i += 1;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (inQuotes) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header; a row with the wrong width is a parse bug, not data. */
function readCsv(relative, delimiter = ',') {
  const [header, ...rows] = parseCsv(readFileSync(path.join(dataDir, relative), 'utf8'), delimiter);
  return rows
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r, index) => {
      if (r.length !== header.length) {
        throw new Error(`${relative}: row ${index + 2} has ${r.length} fields, header has ${header.length}`);
      }
      return Object.fromEntries(header.map((h, k) => [h, r[k]]));
    });
}

function readJson(relative) {
  return JSON.parse(readFileSync(path.join(dataDir, relative), 'utf8'));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const BELFIORE = /^[A-Z]\d{3}$/;

function isoDate(value, what) {
  const day = value.slice(0, 10);
  if (!ISO_DATE.test(day)) throw new Error(`${what}: not a date: ${JSON.stringify(value)}`);
  return day;
}

// One record per line: still small, but a data refresh produces a readable diff.
function writeLines(file, open, close, items) {
  const body = items.join(',\n');
  writeFileSync(path.join(here, file), `${open}\n${body}\n${close}\n`);
}

function byKey(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- municipalities.json ---------------------------------------------------
const comuni = readJson('comuni/comuni.json');
const municipalities = comuni
  .map((c) => {
    if (!BELFIORE.test(c.codiceCatastale)) throw new Error(`comuni.json: bad code ${c.codiceCatastale}`);
    return {
      istatCode: c.codice,
      cadastralCode: c.codiceCatastale,
      name: c.nome,
      province: c.provincia.sigla,
      region: c.provincia.regione,
      lat: c.coordinate.lat,
      lng: c.coordinate.lng,
      population: c.popolazione ?? null,
    };
  })
  .sort((a, b) => byKey(a.cadastralCode, b.cadastralCode));
writeLines('municipalities.json', '[', ']', municipalities.map((m) => JSON.stringify(m)));

// --- birthplaces.json ------------------------------------------------------
const places = new Map();
function addPlace(code, entry) {
  if (!BELFIORE.test(code)) throw new Error(`bad Belfiore code ${code}`);
  const list = places.get(code) ?? [];
  list.push(entry);
  places.set(code, list);
}

// "ND" marks a few 19th-century comuni that never had a Belfiore code, so no
// codice fiscale can refer to them.
const anpr = readCsv('comuni/ANPR_archivio_comuni.csv').filter((r) => r.CODCATASTALE !== 'ND');
for (const r of anpr) {
  const from = isoDate(r.DATAISTITUZIONE, `ANPR ${r.ID} DATAISTITUZIONE`);
  const to = isoDate(r.DATACESSAZIONE, `ANPR ${r.ID} DATACESSAZIONE`);
  addPlace(r.CODCATASTALE, [r.DENOMINAZIONE_IT, r.SIGLAPROVINCIA, from, to === '9999-12-31' ? null : to]);
}

// The ANPR snapshot stops in May 2023; comuni born of later mergers exist only
// in comuni.json. Their institution date is 2024-01-01 for all four.
const anprCodes = new Set(anpr.map((r) => r.CODCATASTALE));
const onlyInComuni = comuni.filter((c) => !anprCodes.has(c.codiceCatastale));
for (const c of onlyInComuni) {
  addPlace(c.codiceCatastale, [c.nome.toUpperCase(), c.provincia.sigla, '2024-01-01', null]);
}

const countries = [...readJson('stati_esteri/countries.json'), ...readJson('stati_esteri/deleted-countries.json')];
for (const s of countries) {
  // An empty creation date means "not recorded", kept as "" so readers can tell it apart.
  const from = s.date_created ? isoDate(s.date_created, `${s.code} date_created`) : '';
  const to = s.date_deleted ? isoDate(s.date_deleted, `${s.code} date_deleted`) : null;
  addPlace(s.code, [s.name, 'EE', from, to]);
}

const birthLines = [...places.keys()].sort(byKey).map((code) => {
  const rows = places.get(code).sort((a, b) => byKey(a[2], b[2]));
  return `${JSON.stringify(code)}:${JSON.stringify(rows)}`;
});
writeLines('birthplaces.json', '{', '}', birthLines);

// --- ateco.json ------------------------------------------------------------
const ateco2025 = readCsv('ateco/ateco_2025_codici.csv').map((r) => {
  const level = Number(r.livello);
  if (!(level >= 1 && level <= 6)) throw new Error(`ATECO 2025 ${r.codice}: bad level ${r.livello}`);
  return [r.codice, [r.titolo_it.trim(), level]];
});

// The 2007 file has no level column; the code's shape is the level.
const ATECO_2007_SHAPES = [
  [/^[A-Z]$/, 1],
  [/^\d{2}$/, 2],
  [/^\d{2}\.\d$/, 3],
  [/^\d{2}\.\d{2}$/, 4],
  [/^\d{2}\.\d{2}\.\d$/, 5],
  [/^\d{2}\.\d{2}\.\d{2}$/, 6],
];
const ateco2007 = readCsv('ateco/ateco_2007_agg2022.csv').map((r) => {
  const code = r.section.trim();
  const shape = ATECO_2007_SHAPES.find(([re]) => re.test(code));
  if (!shape) throw new Error(`ATECO 2007: unexpected code shape ${JSON.stringify(code)}`);
  return [code, [r.title.replace(/\s+/g, ' ').trim(), shape[1]]];
});

function atecoBlock(entries) {
  return `{\n${entries.map(([code, v]) => `${JSON.stringify(code)}:${JSON.stringify(v)}`).join(',\n')}\n}`;
}
writeFileSync(
  path.join(here, 'ateco.json'),
  `{"2025":${atecoBlock(ateco2025)},\n"2007":${atecoBlock(ateco2007)}}\n`,
);

// --- esco.json -------------------------------------------------------------
// Skills and occupations keyed by the UUID at the end of their ESCO URI; occupations list their
// essential and optional skills by position in the skills array, which keeps the file small.
const SKILL_PREFIX = 'http://data.europa.eu/esco/skill/';
const OCCUPATION_PREFIX = 'http://data.europa.eu/esco/occupation/';
function uuidOf(uri, prefix) {
  if (!uri.startsWith(prefix)) throw new Error(`not an ESCO URI under ${prefix}: ${uri}`);
  return uri.slice(prefix.length);
}
const escoSkills = readCsv('esco/skills_en.csv')
  .filter((r) => r.status === 'released')
  .map((r) => [uuidOf(r.conceptUri, SKILL_PREFIX), r.preferredLabel.trim(), r.skillType === 'knowledge' ? 'K' : 'S'])
  .sort((a, b) => byKey(a[0], b[0]));
const skillIndex = new Map(escoSkills.map((s, i) => [s[0], i]));
const relations = new Map();
for (const r of readCsv('esco/occupationSkillRelations_isco4-9.csv')) {
  const occupation = uuidOf(r.occupationUri, OCCUPATION_PREFIX);
  const skill = skillIndex.get(uuidOf(r.skillUri, SKILL_PREFIX));
  if (skill === undefined) continue;
  if (!relations.has(occupation)) relations.set(occupation, [[], []]);
  relations.get(occupation)[r.relationType === 'essential' ? 0 : 1].push(skill);
}
const escoOccupations = readCsv('esco/occupations_en.csv')
  .filter((r) => r.status === 'released')
  .map((r) => {
    const id = uuidOf(r.conceptUri, OCCUPATION_PREFIX);
    const [essential, optional] = relations.get(id) ?? [[], []];
    return [id, r.preferredLabel.trim(), r.iscoGroup, r.code, essential.sort((a, b) => a - b), optional.sort((a, b) => a - b)];
  })
  .sort((a, b) => byKey(a[0], b[0]));
writeFileSync(
  path.join(here, 'esco.json'),
  `{"skills":[\n${escoSkills.map((s) => JSON.stringify(s)).join(',\n')}\n],\n"occupations":[\n${escoOccupations.map((o) => JSON.stringify(o)).join(',\n')}\n]}\n`,
);

console.log(
  [
    `municipalities: ${municipalities.length}`,
    `birthplaces: ${places.size} codes (${anpr.length} ANPR rows, ${onlyInComuni.length} only in comuni.json: ${onlyInComuni
      .map((c) => c.codiceCatastale)
      .join(' ')}, ${countries.length} foreign states)`,
    `ateco: ${ateco2025.length} codes 2025, ${ateco2007.length} codes 2007`,
    `esco: ${escoSkills.length} skills, ${escoOccupations.length} occupations, ${relations.size} with skills`,
  ].join('\n'),
);

import {
  allMunicipalities,
  atecoCode,
  birthPlaceOn,
  birthPlaces,
  distanceKm,
  municipalityByCadastralCode,
} from '../src/reference';

describe('municipalities', () => {
  it('finds current municipalities by cadastral code', () => {
    expect(municipalityByCadastralCode('D612')).toEqual({
      istatCode: '048017',
      cadastralCode: 'D612',
      name: 'Firenze',
      province: 'FI',
      region: 'Toscana',
      lat: expect.closeTo(43.77, 1),
      lng: expect.closeTo(11.25, 1),
      population: expect.any(Number),
    });
    expect(municipalityByCadastralCode(' h501 ')?.name).toBe('Roma');
    expect(municipalityByCadastralCode('A633')).toBeUndefined(); // ceased in 2018
    expect(municipalityByCadastralCode('Z330')).toBeUndefined(); // a state, not a comune
  });

  it('lists every current municipality once, sorted by cadastral code', () => {
    const all = allMunicipalities();
    expect(all.length).toBe(7896);
    const codes = all.map((m) => m.cadastralCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    expect(allMunicipalities()).toBe(all);
  });

  it('measures Firenze–Poggibonsi as the crow flies', () => {
    const firenze = municipalityByCadastralCode('D612')!;
    const poggibonsi = municipalityByCadastralCode('G752')!;
    // About 35 km in a straight line (the road is about 40 km).
    const d = distanceKm(firenze, poggibonsi);
    expect(d).toBeGreaterThan(30);
    expect(d).toBeLessThan(45);
    expect(distanceKm(poggibonsi, firenze)).toBeCloseTo(d, 9);
    expect(distanceKm(firenze, firenze)).toBe(0);
  });
});

describe('birth places', () => {
  it('returns the full history of a code', () => {
    expect(birthPlaces('A562').map((p) => [p.name, p.validFrom, p.validTo])).toEqual([
      ['BAGNI SAN GIULIANO', '1861-03-17', '1927-05-18'],
      ['BAGNI SAN GIULIANO', '1927-05-19', '1935-07-30'],
      ['SAN GIULIANO TERME', '1935-07-31', null],
    ]);
    expect(birthPlaces('Z999')).toEqual([]);
    expect(birthPlaces('nonsense')).toEqual([]);
  });

  it('picks the row valid on a date, inclusive at both ends', () => {
    expect(birthPlaceOn('A562', '1930-01-01')?.name).toBe('BAGNI SAN GIULIANO');
    expect(birthPlaceOn('A562', '1935-07-30')?.name).toBe('BAGNI SAN GIULIANO');
    expect(birthPlaceOn('A562', '1935-07-31')?.name).toBe('SAN GIULIANO TERME');
    expect(birthPlaceOn('A562', '1850-01-01')).toBeUndefined();
    expect(birthPlaceOn('A633', '2018-12-31')?.province).toBe('FI');
    expect(birthPlaceOn('A633', '2019-01-01')).toBeUndefined();
    expect(birthPlaceOn('A562', 'yesterday')).toBeUndefined();
  });

  it('follows a change of province', () => {
    // Abbadia Cerreto moved from Milano to the new province of Lodi in 1992.
    expect(birthPlaceOn('A004', '1980-01-01')?.province).toBe('MI');
    expect(birthPlaceOn('A004', '2000-01-01')?.province).toBe('LO');
  });

  it('includes the 2024 comuni missing from the ANPR snapshot', () => {
    for (const code of ['M435', 'M436', 'M437', 'M438']) {
      expect(birthPlaces(code)).toEqual([expect.objectContaining({ validFrom: '2024-01-01', validTo: null, foreign: false })]);
    }
  });

  it('treats foreign states as valid from the start of records', () => {
    expect(birthPlaceOn('Z330', '1899-05-01')).toMatchObject({ name: 'Marocco', province: 'EE', foreign: true });
    expect(birthPlaceOn('Z118', '1970-01-01')?.name).toBe('Jugoslavia');
    expect(birthPlaceOn('Z118', '2010-01-01')).toBeUndefined();
    // Serbia and Montenegro existed only from 2003 to 2006.
    expect(birthPlaceOn('Z157', '2002-01-01')).toBeUndefined();
    expect(birthPlaceOn('Z157', '2004-01-01')?.name).toBe('Serbia e Montenegro');
  });
});

describe('atecoCode', () => {
  it('finds a 2025 code', () => {
    expect(atecoCode('88.99.03')).toEqual({
      code: '88.99.03',
      title: 'Attività di mediazione culturale e interculturale',
      level: 6,
      edition: '2025',
    });
    expect(atecoCode('q')).toMatchObject({ level: 1, edition: '2025' });
  });

  it('falls back to 2007 for codes that no longer exist', () => {
    expect(atecoCode('88.99.00')).toEqual({
      code: '88.99.00',
      title: 'Altre attività di assistenza sociale non residenziale n.c.a.',
      level: 6,
      edition: '2007',
    });
  });

  it('returns undefined for unknown codes', () => {
    expect(atecoCode('99.99.99')).toBeUndefined();
    expect(atecoCode('')).toBeUndefined();
  });
});

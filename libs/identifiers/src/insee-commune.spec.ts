import {
  checkInseeCommune,
  communesOfDepartment,
  findCommune,
  isKnownCommune,
} from './insee-commune';

describe('INSEE commune codes (against @etalab/decoupage-administratif)', () => {
  it('finds Tarbes with its département, region, EPCI and population', () => {
    const tarbes = findCommune('65440');
    expect(tarbes).toMatchObject({
      code: '65440',
      name: 'Tarbes',
      kind: 'commune',
      departmentCode: '65',
      departmentName: 'Hautes-Pyrénées',
      regionCode: '76',
      regionName: 'Occitanie',
    });
    expect(tarbes?.epciCode).toMatch(/^\d{9}$/);
    expect(tarbes?.population).toBeGreaterThan(30000);
    expect(tarbes?.formerCode).toBeUndefined();
  });
  it('finds Ajaccio under 2A and accepts a lowercase code', () => {
    expect(findCommune('2a004')).toMatchObject({
      code: '2A004',
      name: 'Ajaccio',
      departmentCode: '2A',
    });
  });
  it('gives Valence the EPCI that lists it in its members', () => {
    expect(findCommune('26362')).toMatchObject({
      name: 'Valence',
      epciCode: '200068781',
      epciName: 'CA Valence Romans Agglo',
    });
  });
  it('has null EPCI for an island commune outside any EPCI', () => {
    expect(findCommune('29083')?.epciCode).toBeNull();
  });
  it('maps a former code to the current commune and says so', () => {
    expect(findCommune('01340')).toMatchObject({
      code: '01015',
      name: 'Arboys en Bugey',
      formerCode: '01340',
    });
    expect(findCommune('20004')).toMatchObject({ code: '2A004', formerCode: '20004' });
    expect(isKnownCommune('01340')).toBe(false);
  });
  it('maps an associated commune to its chef-lieu', () => {
    expect(findCommune('01120')).toMatchObject({ code: '01262', formerCode: '01120' });
  });
  it('accepts Paris arrondissements as territory units, attached to Paris and its EPCI', () => {
    const paris = findCommune('75056');
    const xiii = findCommune('75113');
    expect(xiii).toMatchObject({
      kind: 'municipal-arrondissement',
      parentCode: '75056',
      departmentCode: '75',
    });
    expect(xiii?.epciCode).toBe(paris?.epciCode);
    expect(paris?.epciCode).not.toBeNull();
    expect(isKnownCommune('75114')).toBe(true);
    expect(isKnownCommune('69381')).toBe(true);
    expect(isKnownCommune('13201')).toBe(true);
  });
  it.each(['99999', '75000', '26000', '2C004', '00000'])('does not know %s', (code) => {
    expect(isKnownCommune(code)).toBe(false);
    expect(findCommune(code)).toBeUndefined();
  });
  it('reports unknown codes with a readable reason', () => {
    expect(checkInseeCommune('99999')).toEqual({
      valid: false,
      reason: 'unknown commune code 99999',
    });
    expect(checkInseeCommune('26000')).toEqual({
      valid: false,
      reason: 'unknown commune code 26000 (a postal code is not an INSEE code)',
    });
    expect(checkInseeCommune('2600')).toEqual({
      valid: false,
      reason: 'commune code 2600 must be an INSEE code of 5 characters (e.g. 65440, 2A004)',
    });
    expect(checkInseeCommune(undefined)).toEqual({
      valid: false,
      reason: 'commune code is missing',
    });
  });
  it('refuses a former code by default, naming the current one', () => {
    expect(checkInseeCommune('01340')).toEqual({
      valid: false,
      reason: 'commune code 01340 is a former code: use 01015 (Arboys en Bugey)',
    });
  });
  it('returns the current code for a former one when old imports are allowed', () => {
    expect(checkInseeCommune('01340', { acceptFormerCodes: true })).toEqual({
      valid: true,
      value: '01015',
    });
  });
  it('accepts a delegated commune code that is also its new commune code as the current commune', () => {
    expect(checkInseeCommune('01015')).toEqual({ valid: true, value: '01015' });
  });
  it('lists the current communes of a département without arrondissements', () => {
    const drome = communesOfDepartment('26');
    expect(drome.length).toBeGreaterThan(300);
    expect(drome.every((c) => c.departmentCode === '26' && c.kind === 'commune')).toBe(true);
    expect(communesOfDepartment('75').map((c) => c.code)).toEqual(['75056']);
  });
  it('covers the overseas départements', () => {
    expect(findCommune('97101')).toMatchObject({ departmentCode: '971', name: 'Les Abymes' });
  });
});

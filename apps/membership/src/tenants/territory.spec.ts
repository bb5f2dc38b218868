import { buildTerritory, spanOf } from './territory';

describe('buildTerritory', () => {
  it('reads each commune with its département and EPCI', () => {
    const { territory, errors } = buildTerritory(['26362', '2A004']);
    expect(errors).toEqual([]);
    expect(territory).toEqual([
      expect.objectContaining({
        code: '26362',
        name: 'Valence',
        departmentCode: '26',
        epciCode: expect.stringMatching(/^\d{9}$/),
      }),
      expect.objectContaining({ code: '2A004', name: 'Ajaccio', departmentCode: '2A' }),
    ]);
    expect(spanOf(territory).departmentCodes).toEqual(['26', '2A']);
  });

  it('names each refused code by its index', () => {
    expect(buildTerritory(['26362', '26000', '01340', '26362']).errors).toEqual([
      { field: 'communes[1]', reason: 'unknown commune code 26000' },
      {
        field: 'communes[2]',
        reason: 'commune code 01340 is a former code: use 01015 (Arboys en Bugey)',
      },
      { field: 'communes[3]', reason: 'commune 26362 already listed at communes[0]' },
    ]);
  });
});

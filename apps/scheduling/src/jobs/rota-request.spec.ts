import { checkSite } from '../sites/sites.service';
import { checkRotaRequest } from './rota-jobs';

const site = '11111111-1111-4111-8111-111111111111';

describe('rota request and site checks', () => {
  it('refuses a period that ends before it starts or lasts more than 62 days', () => {
    expect(
      checkRotaRequest({ siteIds: [site], periodStart: '2027-03-02', periodEnd: '2027-03-01' }),
    ).toEqual([{ field: 'periodEnd', reason: 'must not be before periodStart' }]);
    expect(
      checkRotaRequest({ siteIds: [site], periodStart: '2027-03-01', periodEnd: '2027-05-02' })[0]
        .field,
    ).toBe('periodEnd');
    expect(
      checkRotaRequest({ siteIds: [site], periodStart: '2027-03-01', periodEnd: '2027-03-01' }),
    ).toEqual([]);
    expect(
      checkRotaRequest({
        siteIds: [site, site],
        periodStart: '2027-03-01',
        periodEnd: '2027-03-01',
      }),
    ).toEqual([{ field: 'siteIds', reason: 'names a site twice' }]);
  });

  it('refuses opening hours that end before they start and two lines with one name', () => {
    expect(
      checkSite({
        kind: 'vaccination-centre',
        name: 'C',
        operator: 'CPTS',
        lines: [
          { name: 'L', boxes: 1 },
          { name: 'L', boxes: 2 },
        ],
        openingHours: [{ weekday: 1, start: '14:00', end: '08:00' }],
      }),
    ).toEqual([
      { field: 'openingHours[0].end', reason: 'must be after start' },
      { field: 'lines', reason: 'two lines have the same name' },
    ]);
  });
});

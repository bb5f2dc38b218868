import { CreateCampaignV1 } from '@maillage/contracts';
import { checkCampaign, isRealDay } from './campaign-rules';

const icope = (overrides: Partial<CreateCampaignV1> = {}): CreateCampaignV1 => ({
  title: 'ICOPE automne',
  theme: 'icope-frailty-screening',
  aciMission: 'prevention',
  target: { ageMin: 75, communes: ['26362'] },
  periodStart: '2026-10-01',
  periodEnd: '2026-12-31',
  objectives: [{ indicator: 'people-screened', target: 300 }],
  ...overrides,
});
const territory = new Set(['26362', '26037']);

describe('campaign rules', () => {
  it('accepts a campaign on the territory', () =>
    expect(checkCampaign(icope(), territory)).toEqual([]));

  it('names the commune outside the territory by its index', () => {
    expect(checkCampaign(icope({ target: { communes: ['26362', '69123'] } }), territory)).toEqual([
      { field: 'target.communes[1]', reason: 'commune 69123 is outside the territory of the CPTS' },
    ]);
  });

  it('refuses a period that ends before it starts, a reversed age band and a repeated objective', () => {
    const errors = checkCampaign(
      icope({
        periodStart: '2026-12-01',
        periodEnd: '2026-10-01',
        target: { ageMin: 80, ageMax: 75, communes: ['26362'] },
        objectives: [
          { indicator: 'participants', target: 10 },
          { indicator: 'participants', target: 20 },
        ],
      }),
      territory,
    );
    expect(errors.map((e) => e.field)).toEqual([
      'periodEnd',
      'target.ageMax',
      'objectives[1].indicator',
    ]);
  });

  it('knows 31 February is no day', () => {
    expect(isRealDay('2026-02-31')).toBe(false);
    expect(isRealDay('2028-02-29')).toBe(true);
  });
});

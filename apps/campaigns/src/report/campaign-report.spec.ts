import {
  buildCampaignReport,
  bucketsBetween,
  campaignReportCsv,
  HeldSession,
  ReportCampaign,
} from './campaign-report';

const icope: ReportCampaign = {
  campaignId: 'c1',
  title: 'ICOPE; automne',
  theme: 'icope-frailty-screening',
  aciMission: 'prevention',
  periodStart: '2026-10-01',
  periodEnd: '2026-12-31',
  objectives: [
    { indicator: 'people-screened', target: 40 },
    { indicator: 'sessions-held', target: 4 },
  ],
};
const held = (day: string, screeningsDone: number, people: number, hours = 3): HeldSession => ({
  campaignId: 'c1',
  day,
  hours,
  participants: screeningsDone + 2,
  screeningsDone,
  referredToGp: 1,
  people,
});

describe('campaign report', () => {
  it('sums held sessions per campaign and mission, with volunteer hours and the objectives reached', () => {
    const report = buildCampaignReport(
      [icope],
      [held('2026-10-15', 10, 3), held('2026-11-05', 20, 2, 2.5)],
      { from: '2026-01-01', to: '2026-12-31', granularity: 'whole' },
    );
    expect(report.campaigns).toEqual([
      expect.objectContaining({
        period: '2026-01-01..2026-12-31',
        sessionsHeld: 2,
        participants: 34,
        screeningsDone: 30,
        referredToGp: 2,
        volunteerHours: 14,
        objectives: [
          { indicator: 'people-screened', target: 40, achieved: 30, percent: 75 },
          { indicator: 'sessions-held', target: 4, achieved: 2, percent: 50 },
        ],
        objectiveReachedPercent: 62.5,
      }),
    ]);
    expect(report.missions).toEqual([
      {
        aciMission: 'prevention',
        period: '2026-01-01..2026-12-31',
        campaigns: 1,
        sessionsHeld: 2,
        participants: 34,
        screeningsDone: 30,
        referredToGp: 2,
        volunteerHours: 14,
      },
    ]);
  });

  it('splits by month inside the campaign period, leaving out sessions outside the range', () => {
    const report = buildCampaignReport(
      [icope],
      [held('2026-10-15', 10, 3), held('2026-11-05', 20, 2), held('2027-01-02', 5, 1)],
      {
        from: '2026-10-01',
        to: '2026-12-31',
        granularity: 'month',
      },
    );
    expect(report.campaigns.map((r) => [r.period, r.sessionsHeld, r.screeningsDone])).toEqual([
      ['2026-10', 1, 10],
      ['2026-11', 1, 20],
      ['2026-12', 0, 0],
    ]);
  });

  it('names quarters and years', () => {
    expect(bucketsBetween('2026-02-10', '2026-07-01', 'quarter')).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
    ]);
    expect(bucketsBetween('2025-12-01', '2026-01-31', 'year')).toEqual(['2025', '2026']);
  });

  it('writes CSV for French spreadsheets: BOM, semicolons, decimal comma, quoted fields', () => {
    const csv = campaignReportCsv(
      buildCampaignReport([icope], [held('2026-10-15', 10, 3, 2.5)], {
        from: '2026-01-01',
        to: '2026-12-31',
        granularity: 'whole',
      }),
    );
    expect(csv.startsWith('\uFEFFNiveau;Mission ACI;Campagne;')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe(
      'campagne;prevention;"ICOPE; automne";icope-frailty-screening;2026-01-01..2026-12-31;1;12;10;1;7,5;25',
    );
    expect(lines[2]).toBe('mission;prevention;;;2026-01-01..2026-12-31;1;12;10;1;7,5;');
  });
});

import type {
  AciMission,
  CampaignObjectiveV1,
  CampaignReportRowV1,
  CampaignReportV1,
  CampaignTheme,
  MissionReportRowV1,
  ObjectiveIndicator,
  ObjectiveProgressV1,
  ReportGranularity,
} from '@maillage/contracts';

/** What the report needs of a campaign. */
export interface ReportCampaign {
  campaignId: string;
  title: string;
  theme: CampaignTheme;
  aciMission: AciMission;
  periodStart: string;
  periodEnd: string;
  objectives: CampaignObjectiveV1[];
}

/** A held session: its Paris day, duration and counts, and how many people staffed it. */
export interface HeldSession {
  campaignId: string;
  day: string;
  hours: number;
  participants: number;
  screeningsDone: number;
  referredToGp: number;
  /** distinct people on the session: rota assignees and volunteers signed up for it */
  people: number;
}

interface Totals {
  sessionsHeld: number;
  participants: number;
  screeningsDone: number;
  referredToGp: number;
  volunteerHours: number;
}

const zero = (): Totals => ({
  sessionsHeld: 0,
  participants: 0,
  screeningsDone: 0,
  referredToGp: 0,
  volunteerHours: 0,
});
const round1 = (value: number): number => Math.round(value * 10) / 10;

/** The buckets of a period: one label per month, quarter or year it touches, or the whole period. */
export function bucketOf(
  day: string,
  granularity: ReportGranularity,
  from: string,
  to: string,
): string {
  switch (granularity) {
    case 'whole':
      return `${from}..${to}`;
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return day.slice(0, 4);
  }
}

export function bucketsBetween(from: string, to: string, granularity: ReportGranularity): string[] {
  if (granularity === 'whole') return [`${from}..${to}`];
  const labels: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const lastYear = Number(to.slice(0, 4));
  const lastMonth = Number(to.slice(5, 7));
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    const label = bucketOf(`${year}-${String(month).padStart(2, '0')}-01`, granularity, from, to);
    if (labels[labels.length - 1] !== label) labels.push(label);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return labels;
}

function achievedFor(indicator: ObjectiveIndicator, totals: Totals): number {
  switch (indicator) {
    case 'people-screened':
      return totals.screeningsDone;
    case 'participants':
      return totals.participants;
    case 'sessions-held':
      return totals.sessionsHeld;
    case 'referred-to-gp':
      return totals.referredToGp;
  }
}

/**
 * The ACI indicators of the campaigns over [from, to]: one row per campaign
 * and bucket (campaigns whose period touches the range, even with nothing held
 * yet), and the same totals per ACI mission. Objectives are the campaign's
 * whole targets: a bucket shows the share of them it achieved.
 */
export function buildCampaignReport(
  campaigns: ReportCampaign[],
  sessions: HeldSession[],
  range: { from: string; to: string; granularity: ReportGranularity },
): CampaignReportV1 {
  const { from, to, granularity } = range;
  const totals = new Map<string, Totals>();
  const key = (campaignId: string, bucket: string): string => `${campaignId}|${bucket}`;
  for (const session of sessions) {
    if (session.day < from || session.day > to) continue;
    const k = key(session.campaignId, bucketOf(session.day, granularity, from, to));
    const t = totals.get(k) ?? zero();
    t.sessionsHeld += 1;
    t.participants += session.participants;
    t.screeningsDone += session.screeningsDone;
    t.referredToGp += session.referredToGp;
    t.volunteerHours += session.people * session.hours;
    totals.set(k, t);
  }

  const rows: CampaignReportRowV1[] = [];
  const missions = new Map<string, MissionReportRowV1 & { ids: Set<string> }>();
  const ordered = [...campaigns].sort(
    (a, b) =>
      a.aciMission.localeCompare(b.aciMission) ||
      a.periodStart.localeCompare(b.periodStart) ||
      a.title.localeCompare(b.title),
  );
  for (const campaign of ordered) {
    if (campaign.periodEnd < from || campaign.periodStart > to) continue;
    const start = campaign.periodStart > from ? campaign.periodStart : from;
    const end = campaign.periodEnd < to ? campaign.periodEnd : to;
    const buckets =
      granularity === 'whole' ? [`${from}..${to}`] : bucketsBetween(start, end, granularity);
    for (const bucket of buckets) {
      const t = totals.get(key(campaign.campaignId, bucket)) ?? zero();
      const objectives: ObjectiveProgressV1[] = campaign.objectives.map((objective) => {
        const achieved = achievedFor(objective.indicator, t);
        return {
          indicator: objective.indicator,
          target: objective.target,
          achieved,
          percent: round1((achieved / objective.target) * 100),
        };
      });
      rows.push({
        campaignId: campaign.campaignId,
        title: campaign.title,
        theme: campaign.theme,
        aciMission: campaign.aciMission,
        period: bucket,
        sessionsHeld: t.sessionsHeld,
        participants: t.participants,
        screeningsDone: t.screeningsDone,
        referredToGp: t.referredToGp,
        volunteerHours: round1(t.volunteerHours),
        objectives,
        ...(objectives.length
          ? {
              objectiveReachedPercent: round1(
                objectives.reduce((sum, o) => sum + o.percent, 0) / objectives.length,
              ),
            }
          : {}),
      });
      const mk = `${campaign.aciMission}|${bucket}`;
      const mission = missions.get(mk) ?? {
        aciMission: campaign.aciMission,
        period: bucket,
        campaigns: 0,
        sessionsHeld: 0,
        participants: 0,
        screeningsDone: 0,
        referredToGp: 0,
        volunteerHours: 0,
        ids: new Set<string>(),
      };
      mission.ids.add(campaign.campaignId);
      mission.campaigns = mission.ids.size;
      mission.sessionsHeld += t.sessionsHeld;
      mission.participants += t.participants;
      mission.screeningsDone += t.screeningsDone;
      mission.referredToGp += t.referredToGp;
      mission.volunteerHours = round1(mission.volunteerHours + t.volunteerHours);
      missions.set(mk, mission);
    }
  }
  return {
    from,
    to,
    granularity,
    campaigns: rows,
    missions: [...missions.values()]
      .map(({ ids: _ids, ...row }) => row)
      .sort((a, b) => a.aciMission.localeCompare(b.aciMission) || a.period.localeCompare(b.period)),
  };
}

const CSV_HEADER = [
  'Niveau',
  'Mission ACI',
  'Campagne',
  'Thème',
  'Période',
  'Séances tenues',
  'Participants',
  'Dépistages réalisés',
  'Orientations vers le médecin traitant',
  'Heures de bénévolat',
  'Objectif atteint (%)',
];

/** French spreadsheets: `;` between fields, decimal comma, UTF-8 with a BOM so Excel reads the accents. */
export function campaignReportCsv(report: CampaignReportV1): string {
  const lines = [CSV_HEADER];
  for (const row of report.campaigns) {
    lines.push([
      'campagne',
      row.aciMission,
      row.title,
      row.theme,
      row.period,
      String(row.sessionsHeld),
      String(row.participants),
      String(row.screeningsDone),
      String(row.referredToGp),
      frenchNumber(row.volunteerHours),
      row.objectiveReachedPercent === undefined ? '' : frenchNumber(row.objectiveReachedPercent),
    ]);
  }
  for (const row of report.missions) {
    lines.push([
      'mission',
      row.aciMission,
      '',
      '',
      row.period,
      String(row.sessionsHeld),
      String(row.participants),
      String(row.screeningsDone),
      String(row.referredToGp),
      frenchNumber(row.volunteerHours),
      '',
    ]);
  }
  return '\uFEFF' + lines.map((fields) => fields.map(csvField).join(';')).join('\r\n') + '\r\n';
}

const frenchNumber = (value: number): string => String(value).replace('.', ',');

function csvField(value: string): string {
  // a leading = + - @ would be run as a formula by a spreadsheet: neutralise it
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

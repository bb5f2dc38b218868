import type { CreateCampaignV1, FieldError } from '@maillage/contracts';

/** What the contract's decorators cannot say about a campaign on their own; the territory comes from membership. */
export function checkCampaign(
  campaign: CreateCampaignV1,
  territory: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  if (campaign.periodStart > campaign.periodEnd) {
    errors.push({
      field: 'periodEnd',
      reason: `the period ends (${campaign.periodEnd}) before it starts (${campaign.periodStart})`,
    });
  }
  if (!isRealDay(campaign.periodStart))
    errors.push({
      field: 'periodStart',
      reason: `${campaign.periodStart} is not a day of the calendar`,
    });
  if (!isRealDay(campaign.periodEnd))
    errors.push({
      field: 'periodEnd',
      reason: `${campaign.periodEnd} is not a day of the calendar`,
    });
  const { ageMin, ageMax } = campaign.target;
  if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax) {
    errors.push({
      field: 'target.ageMax',
      reason: `the age band ends (${ageMax}) below where it starts (${ageMin})`,
    });
  }
  campaign.target.communes.forEach((commune, index) => {
    if (!territory.has(commune))
      errors.push({
        field: `target.communes[${index}]`,
        reason: `commune ${commune} is outside the territory of the CPTS`,
      });
  });
  const seen = new Set<string>();
  campaign.objectives.forEach((objective, index) => {
    if (seen.has(objective.indicator))
      errors.push({
        field: `objectives[${index}].indicator`,
        reason: `${objective.indicator} is already an objective`,
      });
    seen.add(objective.indicator);
  });
  return errors;
}

export function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

import type { FieldError, SessionPlaceV1 } from '@maillage/contracts';
import { parisDay } from '../common/paris-date';

export interface SessionWindow {
  startsAt: Date;
  endsAt: Date;
}

export interface CampaignPeriod {
  periodStart: string;
  periodEnd: string;
}

/** A session must fall inside its campaign's period (Paris days), end after it starts, and happen on the territory. */
export function checkSessionWindowAndPlace(
  window: SessionWindow,
  place: SessionPlaceV1 | undefined,
  period: CampaignPeriod,
  territory: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  if (Number.isNaN(window.startsAt.getTime()))
    errors.push({ field: 'startsAt', reason: 'startsAt is not a real instant' });
  if (Number.isNaN(window.endsAt.getTime()))
    errors.push({ field: 'endsAt', reason: 'endsAt is not a real instant' });
  if (errors.length) return errors;
  if (window.endsAt <= window.startsAt)
    errors.push({ field: 'endsAt', reason: 'the session must end after it starts' });
  const firstDay = parisDay(window.startsAt);
  const lastDay = parisDay(new Date(window.endsAt.getTime() - 1));
  if (firstDay < period.periodStart || firstDay > period.periodEnd) {
    errors.push({
      field: 'startsAt',
      reason: `the session starts on ${firstDay}, outside the campaign period ${period.periodStart} – ${period.periodEnd}`,
    });
  }
  if (lastDay > period.periodEnd || lastDay < period.periodStart) {
    errors.push({
      field: 'endsAt',
      reason: `the session ends on ${lastDay}, outside the campaign period ${period.periodStart} – ${period.periodEnd}`,
    });
  }
  if (place && !territory.has(place.commune)) {
    errors.push({
      field: 'place.commune',
      reason: `commune ${place.commune} is outside the territory of the CPTS`,
    });
  }
  return errors;
}

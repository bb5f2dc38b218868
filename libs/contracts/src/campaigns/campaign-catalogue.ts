/**
 * The words campaigns are described with: a closed catalogue, so that reports
 * group the same action under the same name across CPTS.
 */

export const CAMPAIGN_THEMES = [
  'seasonal-vaccination',
  'icope-frailty-screening',
  'diabetes-complication-screening',
  'hearing-screening',
  'vision-screening',
  'chronic-inflammatory-diseases',
  'sport-sante',
  'advance-directives',
  'womens-health',
  'therapeutic-education',
  'other-prevention',
] as const;
export type CampaignTheme = (typeof CAMPAIGN_THEMES)[number];

/** The ACI missions a CPTS reports under (prevention is the usual one). */
export const ACI_MISSIONS = [
  'access-to-care',
  'care-pathways',
  'prevention',
  'crisis-response',
  'quality-relevance',
  'professional-support',
] as const;
export type AciMission = (typeof ACI_MISSIONS)[number];

export const SESSION_FORMATS = [
  'screening-day',
  'information-evening',
  'webinar',
  'vaccination-rider',
] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const PLACE_KINDS = ['site', 'village-hall', 'pharmacy', 'online', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** What an objective counts; each is measured from the recorded session outcomes. */
export const OBJECTIVE_INDICATORS = [
  'people-screened',
  'participants',
  'sessions-held',
  'referred-to-gp',
] as const;
export type ObjectiveIndicator = (typeof OBJECTIVE_INDICATORS)[number];

export const SESSION_STATUSES = ['planned', 'cancelled', 'held'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** INSEE code of a commune (Corsica: 2A/2B). */
export { INSEE_COMMUNE } from '../common/formats';
/** A calendar date, YYYY-MM-DD. */
export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

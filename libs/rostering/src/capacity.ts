/**
 * Dose supply decides how many boxes open: enough boxes to inject the doses in the
 * session, never more than the site has (field: 18 boxes ≈ 130 vaccinations an hour).
 */
export function boxesForDoses(doses: number, throughputPerBoxPerHour: number, hours: number, siteBoxes: number): number {
  if (doses <= 0 || throughputPerBoxPerHour <= 0 || hours <= 0) return 0;
  return Math.min(siteBoxes, Math.ceil(doses / (throughputPerBoxPerHour * hours)));
}

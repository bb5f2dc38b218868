import { Prng } from '../prng';

/**
 * The days a neighbourhood frees: `days` of the horizon's `horizon`, in `pieces`
 * windows of near-equal length with at least one fixed day between two of them. One
 * piece is a plain window. Several pieces let a member trade work between weeks far
 * apart (their totals, week-ends and shift-type limits span the horizon) while every
 * member on those days stays free to take up the cover. Where the pieces and their gaps
 * do not fit in the horizon, the days are one window.
 *
 * The pieces are laid on the horizon read as a circle, from a random day, with random
 * gaps: the gap between two pieces is then uniform (laid on a line, small gaps would be
 * the likeliest, and Instance14–20 did worse with them). A piece running past the last
 * day carries on from day 0. Sorted, each day once.
 */
export function neighbourhoodDays(
  days: number,
  horizon: number,
  pieces: number,
  rng: Prng,
): number[] {
  const count = Math.max(1, Math.min(days, horizon));
  const slack = horizon - count - pieces;
  const chosen: number[] = [];
  if (pieces < 2 || count < pieces || slack < 0) {
    const first = rng.int(horizon - count + 1);
    for (let d = first; d < first + count; d++) chosen.push(d);
    return chosen;
  }
  // Each gap is one day plus its share of the slack, cut at sorted random points.
  const cuts = Array.from({ length: pieces - 1 }, () => rng.int(slack + 1)).sort((a, b) => a - b);
  cuts.push(slack);
  let day = rng.int(horizon);
  for (let p = 0; p < pieces; p++) {
    const length = Math.floor(((p + 1) * count) / pieces) - Math.floor((p * count) / pieces);
    for (let i = 0; i < length; i++) chosen.push(day++ % horizon);
    day += 1 + cuts[p] - (p > 0 ? cuts[p - 1] : 0);
  }
  return chosen.sort((a, b) => a - b);
}

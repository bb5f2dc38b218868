/**
 * Most rows a rota may break a rule on to be rescued: the annealing repairs many rows
 * faster than HiGHS does.
 */
export const RESCUE_MAX_ROWS = 12;
/**
 * A rota rescued has broken a rule at every look for this long (since the start, while
 * no valid rota is known): the annealing walks through brief breaches by itself. On
 * 2026-12-05, at 60 s, two of eight runs of Instance24 rescued at 17.7 s a rota breaking
 * one or two members' hours by an hour or two (valid since 7.7 s), 3.0 and 3.1 s of
 * HiGHS; waiting for 3 s of breaches, neither rescued (52,793 and 52,574 against 53,840
 * and 52,521, seeds 2 and 5: within the noise of one run).
 */
export const RESCUE_INVALID_FOR_MS = 3000;

/**
 * When solveNrp hands the annealing's current rota to HiGHS's repair (its rescue),
 * once per solve: from `from` on, while the rota breaks a rule on few rows and has
 * broken one at every look for RESCUE_INVALID_FOR_MS. Looks (`look`) come from the
 * solve's loop every FOCUS_EVERY_MS; `due` is asked after every slice of annealing.
 */
export class RescueTrigger {
  private invalidSince: number;
  private breakingRows = 0;
  private fired = false;

  /** `started`: the solve's start, when no rota is valid yet. */
  constructor(
    private readonly from: number,
    started: number,
  ) {
    this.invalidSince = started;
  }

  /** The current rota's hard score and how many rows break a rule, at `now`. */
  look(now: number, hard: number, breakingRows: number): void {
    this.breakingRows = breakingRows;
    this.invalidSince = hard === 0 ? Infinity : Math.min(this.invalidSince, now);
  }

  /** Whether to rescue now a rota whose hard score is `hard`; true at most once. */
  due(now: number, hard: number): boolean {
    if (
      this.fired ||
      now < this.from ||
      hard === 0 ||
      this.breakingRows > RESCUE_MAX_ROWS ||
      now - this.invalidSince < RESCUE_INVALID_FOR_MS
    )
      return false;
    this.fired = true;
    return true;
  }
}

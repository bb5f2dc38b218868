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
 *
 * And a last call: once the single cooling cycle is over (`lastCall`), a rota that
 * still breaks a rule (for RESCUE_INVALID_FOR_MS, however many rows) is rescued once
 * more. The annealing is cold by then and no longer mends it alone: on 2026-12-05, a
 * run of Instance24 whose search weighed soft costs more while no rota was valid
 * ended breaking 6 rules, its rota invalid from start to end on too many rows for the
 * first rescue.
 */
export class RescueTrigger {
  private invalidSince: number;
  private breakingRows = 0;
  private fired = false;
  private lastCallFired = false;

  /** `started`: the solve's start, when no rota is valid yet; `lastCall`: the cooling's end. */
  constructor(
    private readonly from: number,
    started: number,
    private readonly lastCall = Infinity,
  ) {
    this.invalidSince = started;
  }

  /** The current rota's hard score and how many rows break a rule, at `now`. */
  look(now: number, hard: number, breakingRows: number): void {
    this.breakingRows = breakingRows;
    this.invalidSince = hard === 0 ? Infinity : Math.min(this.invalidSince, now);
  }

  /** Whether to rescue now a rota whose hard score is `hard`; true at most once, and once at the last call. */
  due(now: number, hard: number): boolean {
    if (hard === 0 || now - this.invalidSince < RESCUE_INVALID_FOR_MS) return false;
    if (!this.fired && now >= this.from && this.breakingRows <= RESCUE_MAX_ROWS) {
      this.fired = true;
      return true;
    }
    if (!this.lastCallFired && now >= this.lastCall) {
      this.lastCallFired = true;
      return true;
    }
    return false;
  }
}

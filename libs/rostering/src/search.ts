import * as compiled from './compile';
import { CompiledModel } from './compile';
import { Prng } from './prng';
import { RowOptimiser, reoptimiseRow } from './row-dp';
import { ScoreState } from './score-state';

// Module constants and isBlocked read once (see compile.ts on NONE): an imported binding is a getter call at every read.
const { CELL_SOFT, HARD_UNIT, NONE, isBlocked } = compiled;

export interface SearchProgress {
  hard: number;
  soft: number;
  elapsedMs: number;
  iterations: number;
}

export interface SearchOptions {
  seed: number;
  timeLimitMs: number;
  maxIterations?: number;
  /** Iterations without a new best after which the search restarts from the best. */
  restartAfter?: number;
  onProgress?: (p: SearchProgress) => void;
  progressEveryMs?: number;
  signal?: AbortSignal;
  /** When the caller started the clock (compilation counts against the time limit). */
  startedAt?: number;
  /** Skip the greedy construction (repair starts from the published rota). */
  construct?: boolean;
  /**
   * Members the greedy construction tries for each place (default: every member). Each
   * try is a move and its undo, so on wide wards the construction costs places ×
   * members moves.
   */
  constructionCandidates?: number;
  /** Soft cost one hard hour weighs while searching (tuning). */
  hardWeight?: number;
  /** Search a valid rota first, soft costs only breaking ties (default true). */
  seekValidityFirst?: boolean;
  /**
   * While a valid rota is sought first, what soft costs weigh against the hard score
   * (default SEEKING_SOFT_FACTOR, 0.02: little more than breaking ties).
   */
  seekingSoftWeight?: number;
  /** Weight of a hard minute against the counted hard rules (tuning; default 1, the rulebook's hours). */
  minuteScale?: number;
  /** Late-acceptance history length (tuning); 0 selects simulated annealing. */
  acceptanceLength?: number;
  /** Simulated annealing: start and end temperature, iterations per cooling cycle. */
  temperature?: [number, number];
  coolingIterations?: number;
  /**
   * Every this many iterations, one member's row is re-optimised exactly given the
   * others (row-dp.ts) and kept when not worse; 0 or absent: never.
   */
  rowReoptimiseEvery?: number;
  /**
   * A deficit move on a week-end day first looks for a member who works another day of
   * that week-end: they take it without one more worked week-end, which a member at
   * their max week-ends cannot. Every deficit move then also fits the member's run and
   * neighbouring shifts around the place it fills, and a member who would work a
   * week-end more gives up the day they work alone of another (see moveShiftTo).
   */
  weekendDeficitFirst?: boolean;
  /**
   * Cover and deficit moves on a need short of people first look for a member working
   * that day on a need with people to spare, and move them over: the cover moves where
   * it is missing and nobody works a shift more.
   */
  surplusFirst?: boolean;
  /**
   * Deficit moves among every 24 moves drawn (default 2, at most 5): more of them take
   * the place of paired swaps.
   */
  deficitMoves?: number;
  /**
   * One move in 24 (in place of a single swap) puts a member on the value of a day they
   * prefer (see preferenceMove).
   */
  preferenceMoves?: boolean;
}

export interface SearchResult {
  cells: Int32Array;
  hard: number;
  soft: number;
  iterations: number;
  elapsedMs: number;
  stoppedBy: 'time' | 'iterations' | 'cancelled';
}

/** Least soft cost of one hard hour while searching (tuned on the benchmark); the best is kept lexicographically. */
const DEFAULT_HARD_WEIGHT = 200;
const MAX_BLOCK = 7;
/** The hard weight grows to (1 + HARD_RAMP) times its start over a cooling cycle. */
const HARD_RAMP = 9;
const DEFAULT_COOLING = 4_000_000;
/** While no valid rota is known, soft costs only break ties between equally invalid rotas. */
const SEEKING_SOFT_FACTOR = 0.02;
/**
 * Longest undo log: a block swap changes two cells a day. The log counts a move's
 * changes; it puts a rejected move back only when the score's journal ran out, which
 * these 16 changes (13 writes each at most, against 512) never make it do.
 */
const MAX_UNDO = 2 * MAX_BLOCK + 2;
/** Simulated annealing by default: on Instance5 at 5 s late acceptance stayed 44 % off, annealing 2–10 %. */
const DEFAULT_ACCEPTANCE_LENGTH = 0;
/** Passes of row repair over every member before the annealing, while they reduce hard. */
const REPAIR_PASSES = 3;
/** Each iteration draws one of this many move slots (see runSlice for their share). */
const MOVE_KINDS = 24;
/** Slots of deficit moves by default, and the most they can take (the paired swaps' 3 more). */
const DEFICIT_MOVES = 2;
const MAX_DEFICIT_MOVES = 5;

/**
 * Greedy construction then simulated annealing (or late acceptance) over change,
 * swap, block swap, block change, day move, cover, deficit, week-end and paired
 * swap moves. Every move is a few `change` calls; a rejected move is undone by
 * the score's journal (ScoreState.rollback), or by replaying the log backwards when
 * the journal ran out, so the loop allocates nothing. The search runs
 * in slices so an async caller can yield to the event loop (progress, abort)
 * without the slicing changing any decision.
 */
export class LocalSearch {
  readonly state: ScoreState;
  private readonly rng: Prng;
  private readonly started: number;
  private readonly best: Int32Array;
  private bestHard: number;
  private bestSoft: number;
  private readonly history: Float64Array;
  private readonly hardWeight: number;
  /** The hard weight of this iteration: it ramps up over each cooling cycle so cold phases end valid. */
  private effectiveHardWeight = 0;
  /** Weight of a hard minute against the other hard rules' counts (1 = the rulebook's hours). */
  private readonly minuteScale: number;
  /**
   * Until the first valid rota, soft costs barely count: on the near hard-only landscape
   * most moves are neutral and the walk reaches validity far sooner (benchmark
   * instances of 6 to 12 months stayed invalid otherwise).
   */
  private seekingValidity: boolean;
  private readonly seekingSoftWeight: number;
  private readonly undoE = new Int32Array(MAX_UNDO);
  private readonly undoD = new Int32Array(MAX_UNDO);
  private readonly undoV = new Int32Array(MAX_UNDO);
  private undoLen = 0;
  private iterations = 0;
  private sinceBest = 0;
  private lastProgress: number;
  private stoppedBy: SearchResult['stoppedBy'] | undefined;
  private readonly restartAfter: number;
  private readonly rows: RowOptimiser | undefined;
  private focus: Int32Array | undefined;
  private readonly rowSaved: Int32Array;
  /** Iterations per cooling cycle (when the cycle is not on the clock). */
  private readonly cooling: number;
  private readonly startTemperature: number;
  private readonly coolingRatio: number;
  /** Move slots from which a draw is a deficit move. */
  private readonly deficitFrom: number;
  /** Per cell, the allowed value (a need or NONE) with the least soft cost, with preferenceMoves. */
  private readonly preferred: Int32Array | undefined;
  /** Set by `coolOver`: one cycle on the clock, and where it stands (read every 1024 iterations). */
  private clockCycle:
    | { startedAt: number; ms: number; progress: number; temperature: number }
    | undefined;

  constructor(
    private readonly model: CompiledModel,
    initial: Int32Array | undefined,
    private readonly options: SearchOptions,
  ) {
    this.started = options.startedAt ?? Date.now();
    this.rng = new Prng(options.seed);
    this.hardWeight = (options.hardWeight ?? defaultHardWeight(model)) / HARD_UNIT;
    this.effectiveHardWeight = this.hardWeight;
    this.history = new Float64Array(options.acceptanceLength ?? DEFAULT_ACCEPTANCE_LENGTH);
    this.restartAfter = options.restartAfter ?? Math.max(200_000, 20 * model.members * model.days);
    this.state = new ScoreState(model, initial);
    this.minuteScale = minuteScale(model, options.minuteScale);
    if (options.construct !== false)
      construct(
        model,
        this.state,
        this.hardWeight,
        this.minuteScale,
        options.constructionCandidates ?? model.members,
      );
    this.rows = options.rowReoptimiseEvery ? new RowOptimiser(model) : undefined;
    this.rowSaved = new Int32Array(model.days);
    if (this.rows) this.repairRows();
    this.seekingValidity = this.state.hard > 0 && options.seekValidityFirst !== false;
    this.seekingSoftWeight = options.seekingSoftWeight ?? SEEKING_SOFT_FACTOR;
    this.best = Int32Array.from(this.state.cells);
    this.bestHard = this.state.hard;
    this.bestSoft = this.state.soft;
    this.history.fill(this.cost());
    this.lastProgress = this.started;
    this.cooling = options.coolingIterations ?? DEFAULT_COOLING;
    // Read at every uphill move of a cycle by iteration count: kept, not unpacked each time.
    const [t0, t1] = options.temperature ?? [50, 1];
    this.startTemperature = t0;
    this.coolingRatio = t1 / t0;
    const deficitMoves = options.deficitMoves ?? DEFICIT_MOVES;
    this.deficitFrom = MOVE_KINDS - Math.max(0, Math.min(MAX_DEFICIT_MOVES, deficitMoves));
    this.preferred = options.preferenceMoves ? preferredValues(model) : undefined;
    if (model.members === 0 || model.days === 0) this.stoppedBy = 'iterations';
  }

  get done(): boolean {
    return this.stoppedBy !== undefined;
  }

  /** Runs until the slice, the time limit, the iteration cap or an abort ends it. */
  runSlice(sliceMs: number): void {
    const model = this.model;
    const state = this.state;
    const rng = this.rng;
    const E = model.members;
    const D = model.days;
    const sliceEnd = Date.now() + sliceMs;
    const maxIterations = this.options.maxIterations ?? Infinity;
    const progressEvery = this.options.progressEveryMs ?? 250;
    while (this.stoppedBy === undefined) {
      if ((this.iterations & 1023) === 0) {
        const now = Date.now();
        if (this.options.signal?.aborted) {
          this.stoppedBy = 'cancelled';
          break;
        }
        if (now - this.started >= this.options.timeLimitMs) {
          this.stoppedBy = 'time';
          break;
        }
        if (now - this.lastProgress >= progressEvery) {
          this.lastProgress = now;
          this.report(now);
        }
        if (this.clockCycle) {
          this.clockCycle.progress = Math.min(
            1,
            (now - this.clockCycle.startedAt) / this.clockCycle.ms,
          );
          this.clockCycle.temperature = this.temperatureAt(this.clockCycle.progress);
        }
        if (now >= sliceEnd && this.iterations > 0) return;
      }
      if (this.iterations >= maxIterations) {
        this.stoppedBy = 'iterations';
        break;
      }
      this.effectiveHardWeight = this.hardWeight * (1 + HARD_RAMP * this.cycleProgress());
      if (
        this.rows &&
        this.iterations % this.options.rowReoptimiseEvery! === 0 &&
        this.iterations > 0
      ) {
        // While the rota breaks a rule, half of these rows are drawn from the members
        // breaking one (see focusOn), as half the moves are. The annealing alone often
        // leaves a lone day off between two shifts that no move of a cell or two mends,
        // the member's hours and runs being tight around it: in 16 runs of Instance22's
        // first 26 s on 2026-12-05, 5 stuck at one or two such breaches for over 5 s
        // with rows drawn from every member, none with half from the breaking ones
        // (valid at 8.0–14.9 s).
        reoptimiseRow(state, this.rows, this.member(), this.rowSaved);
        this.keepIfBest();
      }
      const before = this.cost();
      this.undoLen = 0;
      state.mark();
      const kind = rng.int(MOVE_KINDS);
      if (kind >= this.deficitFrom) this.deficitMove();
      else if (kind >= 19) this.pairedSwapMove();
      else if (kind === 18) this.weekendSwapMove();
      else if (kind >= 16) this.coverMove();
      else if (kind < 4) this.changeMove();
      else if (kind === 4 && this.preferred) this.preferenceMove();
      else if (kind < 10) this.swapMove(kind < 7 ? 1 : 2 + rng.int(Math.min(MAX_BLOCK, D) - 1));
      else if (kind < 13) this.blockChangeMove(1 + rng.int(Math.min(MAX_BLOCK, D)));
      else this.dayMoveWithinRow();
      this.iterations++;
      if (this.undoLen === 0) {
        state.release();
        continue;
      }
      const after = this.cost();
      if (this.accept(before, after)) {
        state.release();
        if (this.seekingValidity && state.hard === 0) {
          this.seekingValidity = false;
          this.history.fill(this.cost());
        }
        if (!this.keepIfBest()) this.sinceBest++;
      } else {
        // Restoring the journal's writes is a few stores a cell; replaying the log
        // recomputes every rule. Same rota and score either way: at 60 M iterations of
        // Instance24 (seed 1) both ended on the same cells, in 50.5 s against 55.0 s;
        // 20 M of Instance22 in 14.0 s against 17.1 s.
        if (!state.rollback())
          for (let i = this.undoLen - 1; i >= 0; i--)
            state.change(this.undoE[i], this.undoD[i], this.undoV[i]);
        this.sinceBest++;
      }
      const restartLate = this.history.length > 0 && this.sinceBest > this.restartAfter;
      const newCycle =
        this.history.length === 0 && !this.clockCycle && this.iterations % this.cooling === 0;
      if (restartLate || newCycle) {
        // Each annealing cycle (or a stalled late acceptance) starts again from the best rota.
        for (let c = 0; c < E * D; c++)
          if (state.cells[c] !== this.best[c]) state.change((c / D) | 0, c % D, this.best[c]);
        this.history.fill(this.cost());
        this.sinceBest = 0;
      }
    }
    this.report(Date.now());
  }

  /**
   * One cooling cycle over the next `ms` of the clock instead of cycles of a fixed
   * count of iterations: temperature and hard weight follow the time elapsed (read
   * every 1024 iterations), and once the cycle is over the search stays cold rather
   * than restarting hot from the best. For large instances under a time limit, where
   * one slow cycle beats restarts (Instance24 at 60 s: 84,415 against 140,502 with
   * 18 M-iteration cycles). The clock decides the schedule, so a seed no longer
   * replays a run exactly; the service's rotas do not use it.
   */
  coolOver(ms: number): void {
    this.clockCycle = {
      startedAt: Date.now(),
      ms: Math.max(1, ms),
      progress: 0,
      temperature: this.temperatureAt(0),
    };
  }

  /**
   * Carries on from another rota (a repaired one): it becomes the current rota, and
   * the best when it beats it (hard first). The cooling schedule goes on where it was.
   */
  continueFrom(cells: Int32Array): void {
    const { state, model } = this;
    const D = model.days;
    for (let c = 0; c < model.members * D; c++)
      if (state.cells[c] !== cells[c]) state.change((c / D) | 0, c % D, cells[c]);
    if (this.seekingValidity && state.hard === 0) this.seekingValidity = false;
    this.keepIfBest();
    this.history.fill(this.cost());
  }

  /** The rota the search stands on now (not the best): read only. */
  get current(): Int32Array {
    return this.state.cells;
  }

  /**
   * While the rota breaks a hard rule, half the moves that start from one member (and
   * half the rows re-optimised, see rowReoptimiseEvery) start from one of these (the
   * members breaking a rule, as the caller sees them):
   * the last few breaches of a large rota are otherwise rarely drawn. An empty list
   * (or a valid rota) draws every member alike, with the same random stream as
   * without a focus.
   */
  focusOn(members: readonly number[]): void {
    const known = members.filter((e) => e >= 0 && e < this.model.members);
    this.focus = known.length > 0 ? Int32Array.from(known) : undefined;
  }

  /**
   * Focuses on the members the current rota breaks a rule of (none when it is valid),
   * whatever the best rota: a run whose best was valid early may wander through invalid
   * rotas later, and its breaches need the focus as much. Returns them.
   */
  focusOnBreaking(): number[] {
    const members = this.state.hard > 0 ? this.state.breakingMembers() : [];
    this.focusOn(members);
    return members;
  }

  private member(): number {
    const focus = this.focus;
    if (focus && this.state.hard > 0 && this.rng.int(2) === 0)
      return focus[this.rng.int(focus.length)];
    return this.rng.int(this.model.members);
  }

  /** Where the current cooling cycle stands, from 0 (hot) to 1 (cold). */
  get coolingProgress(): number {
    return this.cycleProgress();
  }

  result(): SearchResult {
    return {
      cells: this.best,
      hard: this.bestHard / HARD_UNIT,
      soft: this.bestSoft,
      iterations: this.iterations,
      elapsedMs: Date.now() - this.started,
      stoppedBy: this.stoppedBy ?? 'time',
    };
  }

  /**
   * Feasibility first: every member whose row breaks a rule gets the best row that
   * keeps their own rules, given the others. Where every hard rule is a member's
   * own (the benchmark), a pass leaves a valid rota when the programme finds a
   * valid row per member, long before the annealing would; otherwise the rows that
   * break their rules least.
   */
  private repairRows(): void {
    const { model, state } = this;
    for (let pass = 0; pass < REPAIR_PASSES && state.hard > 0; pass++) {
      const before = state.hard;
      for (let e = 0; e < model.members && state.hard > 0; e++) {
        if (Date.now() - this.started >= this.options.timeLimitMs) return;
        reoptimiseRow(state, this.rows!, e, this.rowSaved);
      }
      if (state.hard >= before) return;
    }
  }

  /** Records the current rota when it beats the best (hard first, then soft). */
  private keepIfBest(): boolean {
    const state = this.state;
    if (
      state.hard < this.bestHard ||
      (state.hard === this.bestHard && state.soft < this.bestSoft - 1e-9)
    ) {
      this.bestHard = state.hard;
      this.bestSoft = state.soft;
      this.best.set(state.cells);
      this.sinceBest = 0;
      return true;
    }
    return false;
  }

  private accept(before: number, after: number): boolean {
    if (after <= before) {
      if (this.history.length > 0) this.history[this.iterations % this.history.length] = after;
      return true;
    }
    if (this.history.length > 0) {
      const slot = this.iterations % this.history.length;
      if (after <= this.history[slot]) {
        this.history[slot] = after;
        return true;
      }
      return false;
    }
    // On the clock the temperature moves only when the clock is read (every 1024
    // iterations), so it is kept rather than raised to a power for every uphill move.
    const t = this.clockCycle
      ? this.clockCycle.temperature
      : this.temperatureAt(this.cycleProgress());
    return this.rng.float() < Math.exp((before - after) / t);
  }

  /** Geometric cooling over a cycle, by iteration count (or by the clock after `coolOver`). */
  private temperatureAt(progress: number): number {
    return this.startTemperature * Math.pow(this.coolingRatio, progress);
  }

  private cycleProgress(): number {
    if (this.clockCycle) return this.clockCycle.progress;
    return (this.iterations % this.cooling) / this.cooling;
  }

  /** One member, one day: another allowed need or a day off. */
  private changeMove(): void {
    const { model, rng, state } = this;
    const D = model.days;
    const e = this.member();
    const d = rng.int(D);
    const c = e * D + d;
    const count = model.allowedStart[c + 1] - model.allowedStart[c];
    const pick = rng.int(count + 1);
    const v = pick === count ? NONE : model.allowedNeeds[model.allowedStart[c] + pick];
    if (v !== state.cells[c]) this.set(e, d, v);
  }

  /**
   * Aimed at cover: a need short of people gets a member who is allowed on it
   * (taken from their day off or from another need), or a member leaves a need that
   * has too many. Sampling blindly wastes most moves on big horizons.
   */
  private coverMove(): void {
    const { model, rng, state } = this;
    const D = model.days;
    const E = model.members;
    const n = rng.int(model.needs);
    const d = model.needDay[n];
    const cover = state.coverOf(n);
    const req = model.needRequirement[n];
    if (cover < req) {
      const start = rng.int(E);
      if (this.options.surplusFirst && this.takeFromSurplus(n, start)) return;
      for (let i = 0; i < E; i++) {
        const e = (start + i) % E;
        const c = e * D + d;
        if (
          state.cells[c] !== n &&
          !isBlocked(model.cellBlocked, c * model.stride + model.needPos[n] + 1)
        ) {
          this.set(e, d, n);
          return;
        }
      }
    } else if (cover > req) {
      const start = rng.int(E);
      for (let i = 0; i < E; i++) {
        const e = (start + i) % E;
        if (state.cells[e * D + d] === n) {
          this.set(e, d, NONE);
          return;
        }
      }
    }
  }

  /**
   * The first member from `start` (in member order, round) working the day of need n
   * on a need with people to spare, and allowed on n, moves to n. Returns whether one
   * was found.
   */
  private takeFromSurplus(n: number, start: number): boolean {
    const { model, state } = this;
    const D = model.days;
    const E = model.members;
    const d = model.needDay[n];
    // Most days of a long horizon have no need with people to spare: their few needs
    // tell so before a pass over every member does.
    let spare = false;
    for (let i = model.dayNeedStart[d]; i < model.dayNeedStart[d + 1] && !spare; i++) {
      const v = model.dayNeeds[i];
      spare = v !== n && state.coverOf(v) > model.needRequirement[v];
    }
    if (!spare) return false;
    const slot = model.needPos[n] + 1;
    for (let i = 0; i < E; i++) {
      const e = (start + i) % E;
      const c = e * D + d;
      const v = state.cells[c];
      if (v === NONE || v === n || state.coverOf(v) <= model.needRequirement[v]) continue;
      if (isBlocked(model.cellBlocked, c * model.stride + slot)) continue;
      this.set(e, d, n);
      return true;
    }
    return false;
  }

  /**
   * Two members trade a worked day for a free day: A gives B a shift on one day and
   * takes one of B's on another, so both keep their number of shifts (and hours when
   * lengths match). Single swaps break tight min/max hours; this pair does not.
   */
  private pairedSwapMove(): void {
    const { model, rng, state } = this;
    const E = model.members;
    const D = model.days;
    if (E < 2 || D < 2) return;
    const e1 = this.member();
    let e2 = rng.int(E - 1);
    if (e2 >= e1) e2++;
    const d1 = rng.int(D);
    const w1 = state.cells[e1 * D + d1] !== NONE;
    if (w1 === (state.cells[e2 * D + d1] !== NONE)) return;
    const start = rng.int(D);
    for (let i = 0; i < D; i++) {
      const d2 = (start + i) % D;
      if ((state.cells[e1 * D + d2] !== NONE) === w1 || (state.cells[e2 * D + d2] !== NONE) !== w1)
        continue;
      const a1 = state.cells[e1 * D + d1];
      const b1 = state.cells[e2 * D + d1];
      const a2 = state.cells[e1 * D + d2];
      const b2 = state.cells[e2 * D + d2];
      if (
        !this.allowed(e1, d1, b1) ||
        !this.allowed(e2, d1, a1) ||
        !this.allowed(e1, d2, b2) ||
        !this.allowed(e2, d2, a2)
      )
        return;
      this.set(e1, d1, b1);
      this.set(e2, d1, a1);
      this.set(e1, d2, b2);
      this.set(e2, d2, a2);
      return;
    }
  }

  /**
   * A member moves one of their shifts from a day where its need has people to spare
   * (or any worked day) to a need short of people on a day they are free: cover
   * moves where it is missing while the member keeps their number of shifts. With
   * `surplusFirst`, a member working that day on a need with people to spare moves
   * over instead when there is one; with `weekendDeficitFirst`, on a week-end day the
   * member is sought among those working another day of it first, then among everyone.
   */
  private deficitMove(): void {
    const { model, rng, state } = this;
    let n2 = NONE;
    for (let tries = 0; tries < 8 && n2 === NONE; tries++) {
      const n = rng.int(model.needs);
      if (state.coverOf(n) < model.needRequirement[n]) n2 = n;
    }
    if (n2 === NONE) return;
    const weekend = model.weekendOfDay[model.needDay[n2]];
    const startE = rng.int(model.members);
    if (this.options.surplusFirst && this.takeFromSurplus(n2, startE)) return;
    const first = this.options.weekendDeficitFirst && weekend !== NONE;
    if (first && this.moveShiftTo(n2, startE, weekend)) return;
    this.moveShiftTo(n2, startE, NONE);
  }

  /**
   * The first member from startE (in member order, round) free and allowed on need n2,
   * and working another day of `weekend` unless it is NONE, moves one of their shifts
   * to n2 (see deficitMove). With `weekendDeficitFirst`, the member's run and their
   * shifts next to n2 (in the week-end pass, on the week-end's other day) are fitted
   * around n2: the run's far end is given up when n2 makes the run longer than their
   * max, and a shift that cannot precede or follow n2 moves to a need of its day that
   * can (see fitNeighbour): on Instance24, 448 of the 588 members working the other day
   * of a short week-end place whom the place alone would make break a rule broke a
   * forbidden succession and a run rule at once. A member for whom n2 would be a
   * week-end more gives up a day they work alone of another week-end first (see
   * halfWeekendDay). Returns whether a member was found.
   */
  private moveShiftTo(n2: number, startE: number, weekend: number): boolean {
    const { model, rng, state } = this;
    const D = model.days;
    const E = model.members;
    const d2 = model.needDay[n2];
    const slot = model.needPos[n2] + 1;
    for (let i = 0; i < E; i++) {
      const e = (startE + i) % E;
      const c2 = e * D + d2;
      if (state.cells[c2] !== NONE || isBlocked(model.cellBlocked, c2 * model.stride + slot)) continue;
      if (weekend !== NONE && state.weekendDaysWorked(e, weekend) === 0) continue;
      const fit = this.options.weekendDeficitFirst === true;
      const startD = rng.int(D);
      let fallback = fit ? this.halfWeekendDay(e, d2, startD) : NONE;
      const chosen = fallback !== NONE;
      for (let j = 0; j < D && !chosen; j++) {
        const d1 = (startD + j) % D;
        const v = state.cells[e * D + d1];
        if (v === NONE || d1 === d2) continue;
        if (state.coverOf(v) > model.needRequirement[v]) {
          fallback = d1;
          break;
        }
        if (fallback === NONE) fallback = d1;
      }
      if (fallback === NONE) return true;
      // Taking d2 may make the member's run too long: give up its far end instead.
      if (fit) fallback = this.farEndOfLongRun(e, d2) ?? fallback;
      this.set(e, fallback, NONE);
      this.set(e, d2, n2);
      if (fit) {
        // Their shifts next to d2 (in the week-end pass, on the week-end's other day)
        // must still fit beside the new one.
        this.fitNeighbour(e, d2, d2 - 1, weekend);
        this.fitNeighbour(e, d2, d2 + 1, weekend);
      }
      return true;
    }
    return false;
  }

  /**
   * The far end of the run member e would work with day d2 (free now) when it would be
   * longer than their max consecutive days; undefined when it would not.
   */
  private farEndOfLongRun(e: number, d2: number): number | undefined {
    const { model, state } = this;
    const D = model.days;
    let a = d2;
    let b = d2;
    while (a > 0 && state.cells[e * D + a - 1] !== NONE) a--;
    while (b < D - 1 && state.cells[e * D + b + 1] !== NONE) b++;
    if (b - a + 1 <= model.maxConsecutive[e] || b === a) return undefined;
    return d2 - a >= b - d2 ? a : b;
  }

  /**
   * When week-end day d2 would cost member e a week-end more, a day they work alone of
   * another week-end (on a need with people to spare first), from day startD round;
   * NONE otherwise. Giving it up keeps their count of worked week-ends, which every member
   * of Instance22 and 24 ends at: the short week-end places were mostly on other
   * week-ends than the half-worked ones (120 of Instance22's 158 half week-ends not held
   * by a day off had no place short of people on their other day).
   */
  private halfWeekendDay(e: number, d2: number, startD: number): number {
    const { model, state } = this;
    const D = model.days;
    const we2 = model.weekendOfDay[d2];
    if (we2 === NONE || state.weekendDaysWorked(e, we2) > 0) return NONE;
    let half = NONE;
    for (let j = 0; j < D; j++) {
      const d1 = (startD + j) % D;
      const v = state.cells[e * D + d1];
      const we1 = model.weekendOfDay[d1];
      if (v === NONE || we1 === NONE || we1 === we2 || state.weekendDaysWorked(e, we1) !== 1)
        continue;
      if (state.coverOf(v) > model.needRequirement[v]) return d1;
      if (half === NONE) half = d1;
    }
    return half;
  }

  /**
   * When member e's shift on day dn (of `weekend` unless it is NONE) cannot precede or follow
   * their new shift on d, it moves to another need of day dn that can, short of people
   * first, then with people to spare, then any.
   */
  private fitNeighbour(e: number, d: number, dn: number, weekend: number): void {
    const { model, state } = this;
    const D = model.days;
    if (dn < 0 || dn >= D || (weekend !== NONE && model.weekendOfDay[dn] !== weekend)) return;
    const vn = state.cells[e * D + dn];
    if (vn === NONE || this.fitsBeside(e, d, dn, vn)) return;
    let best = NONE;
    let rank = 3;
    for (let i = model.dayNeedStart[dn]; i < model.dayNeedStart[dn + 1] && rank > 0; i++) {
      const v = model.dayNeeds[i];
      if (v === vn || !this.allowed(e, dn, v) || !this.fitsBeside(e, d, dn, v)) continue;
      const cover = state.coverOf(v);
      const req = model.needRequirement[v];
      const r = cover < req ? 0 : cover > req ? 1 : 2;
      if (r < rank) {
        rank = r;
        best = v;
      }
    }
    if (best !== NONE) this.set(e, dn, best);
  }

  /**
   * Whether need v on day dn (next to day d) may follow or precede member e's shifts on
   * d and on dn's other side, by the succession rules (forbidden pairs, rest).
   */
  private fitsBeside(e: number, d: number, dn: number, v: number): boolean {
    const { model, state } = this;
    const D = model.days;
    const T = model.timings;
    const t = model.needTiming[state.cells[e * D + d]];
    const tv = model.needTiming[v];
    if ((dn < d ? model.successionHard[tv * T + t] : model.successionHard[t * T + tv]) > 0)
      return false;
    const outer = dn < d ? dn - 1 : dn + 1;
    if (outer < 0 || outer >= D) return true;
    const vo = state.cells[e * D + outer];
    if (vo === NONE) return true;
    const to = model.needTiming[vo];
    return (dn < d ? model.successionHard[to * T + tv] : model.successionHard[tv * T + to]) === 0;
  }

  /**
   * A member moves to the value they prefer on a day (a requested shift, or the day off
   * they asked for), and cover stays: a member working the requested need that day and
   * allowed on the first member's value takes it, or, for a day off, a member free that
   * day takes the first member's shift. On Instance24, 9540 shift requests over 32 shift
   * types: a blind swap rarely draws the member working the requested one.
   */
  private preferenceMove(): void {
    const { model, rng, state, preferred } = this;
    if (!preferred) return;
    const D = model.days;
    const E = model.members;
    let e = NONE;
    let d = 0;
    for (let tries = 0; tries < 8 && e === NONE; tries++) {
      const m = this.member();
      const day = rng.int(D);
      const c = m * D + day;
      const v = state.cells[c];
      // Most cells cost nothing whatever their value: their flag spares two reads of
      // the large cellSoft array.
      if ((model.cellCosts[c] & CELL_SOFT) === 0) continue;
      if (preferred[c] !== v && this.cellCost(c, v) > this.cellCost(c, preferred[c])) {
        e = m;
        d = day;
      }
    }
    if (e === NONE) return;
    const u = state.cells[e * D + d];
    const p = preferred[e * D + d];
    const start = rng.int(E);
    for (let i = 0; i < E; i++) {
      const f = (start + i) % E;
      if (f === e || state.cells[f * D + d] !== p || !this.allowed(f, d, u)) continue;
      this.set(f, d, u);
      break;
    }
    this.set(e, d, p);
  }

  private cellCost(c: number, v: number): number {
    const model = this.model;
    return model.cellSoft[c * model.stride + (v === NONE ? 0 : model.needPos[v] + 1)];
  }

  /** Two members exchange a whole week-end (rules count worked week-ends, not days). */
  private weekendSwapMove(): void {
    const { model, rng } = this;
    if (model.weekends === 0) return;
    const d = rng.int(model.days);
    const we = model.weekendOfDay[d];
    if (we === NONE) return;
    let first = d;
    while (first > 0 && model.weekendOfDay[first - 1] === we) first--;
    let last = d;
    while (last < model.days - 1 && model.weekendOfDay[last + 1] === we) last++;
    this.swapBlock(first, last - first + 1);
  }

  /** Two members exchange their assignments over `len` days. */
  private swapMove(len: number): void {
    this.swapBlock(this.rng.int(this.model.days - len + 1), len);
  }

  private swapBlock(d0: number, len: number): void {
    const { model, rng, state } = this;
    const E = model.members;
    const D = model.days;
    if (E < 2) return;
    const e1 = this.member();
    let e2 = rng.int(E - 1);
    if (e2 >= e1) e2++;
    for (let d = d0; d < d0 + len; d++) {
      if (
        !this.allowed(e1, d, state.cells[e2 * D + d]) ||
        !this.allowed(e2, d, state.cells[e1 * D + d])
      )
        return;
    }
    for (let d = d0; d < d0 + len; d++) {
      const v1 = state.cells[e1 * D + d];
      const v2 = state.cells[e2 * D + d];
      if (v1 !== v2) {
        this.set(e1, d, v2);
        this.set(e2, d, v1);
      }
    }
  }

  /** One member gets `len` days of one shift timing, or `len` days off (adds or removes whole runs). */
  private blockChangeMove(len: number): void {
    const { model, rng } = this;
    const D = model.days;
    const T = model.timings;
    const e = this.member();
    const d0 = rng.int(D - len + 1);
    const timing = rng.int(T + 1);
    for (let d = d0; d < d0 + len; d++) {
      const v = timing === T ? NONE : model.dayTimingNeed[d * T + timing];
      if ((v === NONE && timing !== T) || !this.allowed(e, d, v)) continue;
      if (this.state.cells[e * D + d] !== v) this.set(e, d, v);
    }
  }

  /** One member moves a shift to another day (same timing), keeping their hours. */
  private dayMoveWithinRow(): void {
    const { model, rng, state } = this;
    const D = model.days;
    const T = model.timings;
    const e = this.member();
    const d1 = rng.int(D);
    const d2 = rng.int(D);
    const v1 = state.cells[e * D + d1];
    const v2 = state.cells[e * D + d2];
    if (d1 === d2 || v1 === v2) return;
    const n1 = v2 === NONE ? NONE : model.dayTimingNeed[d1 * T + model.needTiming[v2]];
    const n2 = v1 === NONE ? NONE : model.dayTimingNeed[d2 * T + model.needTiming[v1]];
    if (
      (v2 !== NONE && n1 === NONE) ||
      (v1 !== NONE && n2 === NONE) ||
      !this.allowed(e, d1, n1) ||
      !this.allowed(e, d2, n2)
    )
      return;
    this.set(e, d1, n1);
    this.set(e, d2, n2);
  }

  private cost(): number {
    const hard = this.state.hard + (this.minuteScale - 1) * this.state.hardMinutes;
    return (
      hard * this.effectiveHardWeight +
      (this.seekingValidity ? this.seekingSoftWeight : 1) * this.state.soft
    );
  }

  private allowed(e: number, d: number, v: number): boolean {
    return (
      v === NONE ||
      !isBlocked(
        this.model.cellBlocked,
        (e * this.model.days + d) * this.model.stride + this.model.needPos[v] + 1,
      )
    );
  }

  private set(e: number, d: number, v: number): void {
    const i = this.undoLen++;
    this.undoE[i] = e;
    this.undoD[i] = d;
    this.undoV[i] = this.state.cells[e * this.model.days + d];
    this.state.change(e, d, v);
  }

  private report(now: number): void {
    this.options.onProgress?.({
      hard: this.bestHard / HARD_UNIT,
      soft: this.bestSoft,
      elapsedMs: now - this.started,
      iterations: this.iterations,
    });
  }
}

/** Runs the whole search in the calling thread. */
export function search(
  model: CompiledModel,
  initial: Int32Array | undefined,
  options: SearchOptions,
): SearchResult {
  const ls = new LocalSearch(model, initial, options);
  while (!ls.done) ls.runSlice(options.timeLimitMs + 1000);
  return ls.result();
}

/** Same search, yielding to the event loop between slices so that progress and aborts get through. */
export async function searchAsync(
  model: CompiledModel,
  initial: Int32Array | undefined,
  options: SearchOptions,
): Promise<SearchResult> {
  const ls = new LocalSearch(model, initial, options);
  while (!ls.done) {
    ls.runSlice(50);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return ls.result();
}

/**
 * A hard hour must outweigh the dearest soft unit (an unfilled place), or the
 * annealing drifts into invalid rotas that look cheaper than every valid one. (The
 * ramp over a cooling cycle multiplies it: solveNrp gives Instance24 half of it, as
 * much as an unfilled place at first; a quarter left its rota invalid.)
 */
export function defaultHardWeight(model: CompiledModel): number {
  let max = 0;
  for (let n = 0; n < model.needs; n++)
    max = Math.max(max, model.needUnderWeight[n], model.needOverWeight[n]);
  return Math.max(DEFAULT_HARD_WEIGHT, 2 * max);
}

/** 1 = the rulebook's hours; weighing a minute per shift length instead was tried and was no better. */
function minuteScale(_model: CompiledModel, given: number | undefined): number {
  return given ?? 1;
}

/**
 * Fills each need, most constrained first, with the member whose assignment improves the
 * score most, among `candidates` members per place (all by default).
 */
function construct(
  model: CompiledModel,
  state: ScoreState,
  hardWeight: number,
  scale: number,
  candidates: number,
): void {
  const D = model.days;
  const E = model.members;
  for (let n = 0; n < model.needs; n++) {
    const d = model.needDay[n];
    for (;;) {
      if (state.coverOf(n) >= model.needRequirement[n]) break;
      let bestE = NONE;
      let bestDelta = 0;
      const slot = model.needPos[n] + 1;
      // With fewer candidates than members, each place tries a run of them from an
      // offset that varies with the place and its cover (a fixed spread, no random draw).
      const tried = Math.min(candidates, E);
      const offset = tried < E ? (n * 7919 + state.coverOf(n) * 104729) % E : 0;
      for (let i = 0; i < tried; i++) {
        const e = (i + offset) % E;
        const c = e * D + d;
        if (state.cells[c] !== NONE || isBlocked(model.cellBlocked, c * model.stride + slot)) continue;
        const h = state.hard + (scale - 1) * state.hardMinutes;
        const s = state.soft;
        state.change(e, d, n);
        const hardDelta = state.hard + (scale - 1) * state.hardMinutes - h;
        const delta = hardDelta * hardWeight + (state.soft - s);
        state.change(e, d, NONE);
        // Construction never breaks a hard rule: a valid empty rota stays valid.
        if (hardDelta <= 0 && delta < bestDelta) {
          bestDelta = delta;
          bestE = e;
        }
      }
      if (bestE === NONE) break;
      state.change(bestE, d, n);
    }
  }
}

/** Per cell, the allowed value (a need, or NONE for the day off) with the least soft cost. */
function preferredValues(model: CompiledModel): Int32Array {
  const D = model.days;
  const out = new Int32Array(model.members * D).fill(NONE);
  for (let c = 0; c < out.length; c++) {
    const base = c * model.stride;
    let best = model.cellSoft[base];
    for (let i = model.allowedStart[c]; i < model.allowedStart[c + 1]; i++) {
      const v = model.allowedNeeds[i];
      const cost = model.cellSoft[base + model.needPos[v] + 1];
      if (cost < best) {
        best = cost;
        out[c] = v;
      }
    }
  }
  return out;
}

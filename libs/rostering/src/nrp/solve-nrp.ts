import { CompiledModel, HARD_UNIT, compile } from '../compile';
import { Prng } from '../prng';
import { ScoreState } from '../score-state';
import { RotaProblem } from '../model';
import { evaluate } from '../rules';
import { cellsToAssignments } from '../rota';
import { LocalSearch, defaultHardWeight } from '../search';
import { NrpAssignment, NrpInstance } from './nrp-instance';
import { nrpToProblem } from './nrp-to-problem';
import { NeighbourhoodKind, RowBreach, windowLns } from './window-lns';
import { columnGenerationDive } from './column-generation';
import { reoptimiseRows } from './fix-and-optimise';
import { RowPricer } from './row-pricing';
import { windowDives } from './window-dives';
import { RescueTrigger } from './rescue-trigger';
import { bestOrRepairedCurrent, rescueRota } from './best-or-repaired-current';

/**
 * Share of the time limit spent on fix-and-optimise (HiGHS over neighbourhoods) after
 * the annealing. Measured at 60 s, seed 1, on 2026-12-02: against 0.3, 0.55 was better
 * on Instance4, 7, 9, 11, 16 and 18, level on 5, 6, 8 and 10, worse on 14 (0.7 %); 0.85
 * lost up to 8 % on Instance5, 8 and 12, so the annealing keeps almost half of the time.
 * Instance12 (16,800 cells) takes it too: at 60 s, seeds 1–4, its annealing was level
 * from 13 s on and fix-and-optimise still gaining at the end; 0.55 gave 4084–4127
 * against 4121–4228 at 0.3, and 0.8 left a cover unit more on three seeds of four. Its
 * cover modes stay: a full benchmark run at 0.55 gave 4216 (4228 for seed 1 at 0.3).
 * On the largest loaded MIPs a round of HiGHS is slower: see LARGE_MIP_EXACT_SHARE.
 */
const EXACT_SHARE = 0.55;
/**
 * Instance20 (54,600 cells). On 2026-12-02 it lost 12 % at 0.55 against 0.3 (and 0.1
 * was worse again, 5 %); since, its rounds became smaller and faster (SLOW_MS in
 * window-lns.ts) and its rest of the objective is requests, which the rounds improve.
 * At 60 s on 2026-12-04 (a bare loop of 10⁹ additions in 5.2 s), runs side by side,
 * seeds 1–6: 5346, 5353, 5388, 5379, 5378 and 5508 at 0.45 against 5410, 5505, 5467,
 * 5496, 5500 and 5510 at 0.3 (1.6 % less on average, better on all six); 0.6 against
 * 0.45, seeds 1–3: 5724, 5496 and 5357 against 5449, 5492 and 5332.
 */
const LARGE_MIP_EXACT_SHARE = 0.45;
const LARGE_MIP_CELLS = 50_000;
/**
 * Where the whole MIP is too large (Instance24), rounds build their own small MIPs and
 * gain little against the annealing (87,515 at 0.1 against 98,356 at 0.3, 60 s): the
 * last part is a safety net that repairs an annealing ended invalid (its annealing has
 * been valid by 8–13 s since 2026-12-02). On 2026-12-04 (a bare loop of 10⁹
 * additions in 5.1 s), at 60 s, the annealing still gained about 150 a second at its end
 * and the last tenth's rounds 61 in all. At 0.02: 53,638, 55,157 and 54,894 (seeds 1–3,
 * side by side), and with the faster score (CompiledModel.cellCosts) 54,393 and 55,180
 * (seeds 1, 2, side by side) and 54,558 (seed 1 alone); at 0.1: 55,720 (seed 1), then with
 * the faster score 55,793 and 55,608 (seeds 1, 2, side by side) and 56,463 (seed 1 alone).
 */
const SPAN_EXACT_SHARE = 0.02;
/**
 * Instance24's single cooling cycle (from SMALL_SHARE_CELLS) runs from 35 down to 0.5
 * rather than the engine's 50 down to 1, and a hard rule broken weighs half the engine's
 * default (a cover unit, 100, at first; ten times that at the end of the ramp). At 60 s
 * on 2026-12-05 (a bare loop of 10⁹ additions in 6.2 s), runs two at a time, seeds 1, 2,
 * 3, 4 and 6: 54,982 (two runs), 55,860, 55,814, 53,530 and 54,336 from 50 to 1; 53,012
 * (two runs), 54,283, 53,194 (two runs), 53,509 and 54,034 from 35 to 0.5; with half the
 * hard weight as well 53,080, 52,767, 52,229, 51,769 and 51,423 (seed 5: 53,652, against
 * 55,629 at the full weight). Four runs at once (each at half speed), seeds 7–10, half the
 * weight was level: 57,759–60,053, valid at 14.6–28.3 s, against 57,881–59,722, valid at
 * 13.6–17.5 s, at the full weight.
 * A quarter of the weight ended one run of two at 151,863 (its rota broke a rule to the
 * end); 35 to 2 gave 56,121 (seed 1), 20 or 25 to 1 54,525 and 54,227 (seed 1); other
 * mixes of moves and a longer cycle were within the noise (libs/rostering/README.md).
 */
const SMALL_SHARE_TEMPERATURE: [number, number] = [35, 0.5];
const SMALL_SHARE_HARD_WEIGHT = 0.5;
/**
 * On Instance24, while no rota is valid yet, soft costs weigh 0.3 of their cost against
 * the hard score rather than the engine's 0.02 (SearchOptions.seekingSoftWeight): the
 * first valid rota comes a few seconds later (16 s against 10 s, seed 1) but far
 * cheaper, and where a run stands when it first becomes valid carries through its
 * cooling. At 60 s on 2026-12-05, two at a time, one on each core, the cores swapped
 * from one seed to the next: seeds 1–14, 12 runs valid with a mean of 51,104 against
 * 52,176 at 0.02 (better on 10), and two ended breaking 5 and 6 rules (55,822 and
 * 55,887), their rota invalid too long for the first rescue; with the rescue's last
 * call at the cooling's end (RescueTrigger), seeds 17–28: all valid, mean 51,006
 * against 52,029 (better on 8 of 12; 6 under Instance24's 5 % mark, 51,216, against
 * 2). Weighed fully (1), seed 1 never found a valid rota.
 */
const SMALL_SHARE_SEEKING_SOFT_WEIGHT = 0.3;
/**
 * Instance22, whose fix-and-optimise re-optimises whole rows (see neighbourhoodKinds):
 * 18 s at 0.3 made about one pass over its 50 members. At 60 s on 2026-12-03, runs
 * side by side, seeds 3–8: 37,149, 34,904, 36,369, 36,386, 36,435 and 36,977 at 0.4
 * against 36,687, 36,090, 36,895, 36,498, 37,383 and 37,758 at 0.3 (1.4 % less on
 * average); 0.5 against 0.4 was level (seeds 1–3: 37,394, 37,518 and 34,996 against
 * 37,232, 37,574 and 35,695).
 */
const ROWS_EXACT_SHARE = 0.4;
/**
 * Few-member neighbourhoods over the whole horizon pay up to four weeks; beyond, day
 * windows alone did better at 60 s (Instance14 1367 against 1390, Instance20 5945
 * against 6108, Instance16 level).
 */
const MEMBERS_NEIGHBOURHOOD_MAX_DAYS = 28;

/**
 * Where each round builds its own MIP, Instance22 (50 members × 364 days × 10 shift
 * types) frees one member's whole row at a time, members in turn, instead of day
 * windows: from where the annealing left it, HiGHS improved 39 of its 50 rows one by
 * one (0.1–1.2 s each). At 60 s on 2026-12-03 (a bare loop of 10⁹ additions in 5.4 s),
 * runs side by side, seeds 1–4: 35,869, 36,357, 35,934 and 34,665 against 36,278,
 * 36,363, 35,761 and 35,058 with day windows (fix-and-optimise alone gained 672 and 390
 * on seeds 3 and 4, against 435 and 183); an earlier pair of runs of seeds 3 and 4
 * with one-member neighbourhoods grown to whole rows, 35,399 and 34,902 against 36,150
 * and 36,448. Rows and day windows drawn in turn were between the two. Instance24
 * keeps day windows: its fix-and-optimise has 6 s and a row of 364 × 32 cells; with
 * rows added, 56,945 and 56,085 against 56,373 and 56,593 (seeds 1, 2). Instance18 and
 * 20 (whole MIP loaded) with rows added: Instance18 worse (5198 and 5017 against 4916
 * and 4901), Instance20 level.
 */
function neighbourhoodKinds(instance: NrpInstance): NeighbourhoodKind[] | undefined {
  // A split neighbourhood's own MIP spans the weeks between its windows: too large here.
  if (!loadsWholeMip(instance)) return takesSmallShare(instance) ? ['days'] : ['rows'];
  return instance.horizonDays > MEMBERS_NEIGHBOURHOOD_MAX_DAYS ? ['days', 'split'] : undefined;
}
/**
 * Annealing iterations between two exact row re-optimisations: at least 5000, more
 * as a row's programme grows (days × shift types), so rows take a bounded share of the time.
 */
const ROW_REOPTIMISE_EVERY = 5000;
const ROW_ITERATIONS_PER_CELL = 45;
/**
 * From LONG_ROW_MIN_MEMBER_DAYS (Instance22, 18,200 member-days; Instance24 has no rows;
 * Instance20's 9,100 keep 45, unmeasured with 180), four times as many: Instance22's row
 * programme took about a fifth of its 21 s annealing, whose rota at its end was the
 * better the more iterations it made. At 60 s on 2026-12-05 (a
 * bare loop of 10⁹ additions in 4.9 s), runs two at a time, seeds 1–8: 35,338, 34,828,
 * 35,135, 34,705, 35,083, 36,429, 34,424 and 34,426 (mean 35,046) against 35,935,
 * 35,219, 34,974, 37,962, 36,062, 35,912, 35,563 and 35,307 (mean 35,867) at 45; seeds
 * 1–4 again: 35,050, 34,979, 34,824 and 36,753 at 180, and 34,412, 35,533, 35,482 and
 * 35,464 at 300. The annealing's rota alone (seeds 1–6): mean 39,789 at 22, 39,378 at
 * 45, 38,956 at 90, 38,084 at 180 and 38,966 at 400 iterations per cell.
 */
const LONG_ROW_ITERATIONS_PER_CELL = 180;
const LONG_ROW_MIN_MEMBER_DAYS = 15_000;
/**
 * Above this many (day, shift type) pairs a row's programme is too dear (Instance24,
 * 364 days × 32 types: 21 s for one repair pass of 150 rows), so the annealing runs alone.
 */
const MAX_ROW_CELLS = 4000;

function rowReoptimiseEvery(instance: NrpInstance): number {
  const cells = instance.horizonDays * instance.shiftTypes.length;
  const perCell =
    instance.employees.length * instance.horizonDays >= LONG_ROW_MIN_MEMBER_DAYS
      ? LONG_ROW_ITERATIONS_PER_CELL
      : ROW_ITERATIONS_PER_CELL;
  return cells > MAX_ROW_CELLS ? 0 : Math.max(ROW_REOPTIMISE_EVERY, perCell * cells);
}
/**
 * Cells (member × day × shift type) above which fix-and-optimise gets the smaller
 * share of the time (SPAN_EXACT_SHARE): Instance24 (1.7 M cells).
 */
const SMALL_SHARE_CELLS = 200_000;
/**
 * Cells above which the whole MIP is not loaded into HiGHS: each round builds the MIP
 * of its neighbourhood alone (span-fix-and-optimise.ts). On the whole MIP of Instance22
 * (182,000 cells) a round pays about half a second to bound and presolve every column
 * whatever its size: a day window of its 50 members took 490 ms over 2 days and 780 ms
 * over 8, against 45 and 293 ms built alone. Measured at 60 s, seeds 1–4, on
 * 2026-12-03, runs side by side: Instance22 43,011, 42,286, 43,026 and 40,788 against
 * 44,311, 42,210, 43,221 and 45,017 (its 18 s of rounds, 26 of them, each improved
 * the rota); Instance20 (54,600 cells) level, 5514–5748 against 5601–5826, so it keeps
 * the whole MIP. A larger share for those faster rounds was worse: 0.4 and 0.5 of
 * Instance22's time gave 44,536, 42,296 and 43,530 (with day windows; its rounds of
 * whole rows since do better with 0.4, see ROWS_EXACT_SHARE).
 */
const MAX_LOADED_CELLS = 100_000;

/**
 * Members × days from which the annealing runs one slow cooling cycle over its share of
 * the time rather than cycles of a fixed count of iterations that restart from the best.
 * Measured at 60 s, seed 1, on 2026-12-02: Instance20 5636 against 5862, Instance22
 * 41,970 against 49,733 (both with fix-and-optimise after it), Instance24 84,415 against
 * 140,502. From 1000 (Instance9–18) since the fifth session: restarts found their best
 * in the first cycle or two and then restarted in vain (Instance14's best at 4.9 s of
 * 27), and a run's cover level is set there. Seeds 1–4 of Instance14 all reached its
 * lower mode (1327–1351) against two of four (1362–1455); Instance12 4086–4113 against
 * 4084–4127, Instance16 3438–3454 against 3349–3551, Instance18 4888 and 5006 against
 * 5123 and 5120 (seeds 1, 2), Instance9, 10 and 11 level. Instance5–8 (from 400) were
 * level too, so they keep their restarts. Fewer seeds than the noise of one run asks
 * for; the single runs that first set 5000 (Instance12 4139 against 4099, 14 1399
 * against 1363) were within it.
 */
const ONE_CYCLE_MIN_CELLS = 1000;
/** The cycle ends a little before the annealing's share, so it ends cold and valid. */
const ONE_CYCLE_SHARE = 0.9;
/**
 * Start temperature of the cooling cycles from HOT_START_MIN_CELLS up to
 * HOT_START_MAX_CELLS member-days (Instance8–18: Instance8's restarting cycles, the
 * single cycle of Instance9–18); the engine's default, 50, elsewhere.
 * A unit of under-cover costs 100: at 50 the cycle stops trading cover units once a
 * quarter of it has gone (exp(-100/20) at 20), and runs land in one of two cover levels
 * a unit apart by chance. From 100 they reach the lower one more often. Measured at
 * 60 s, two runs side by side, on 2026-12-03 (a machine as slow as on 2026-12-02
 * before 19:30):
 * - Instance14: seeds 1–6 all at under-cover 1200 (1336–1374), against 4 of 10 runs
 *   at 1300 from 50 (1428–1455; the others 1329–1386);
 * - Instance12: seeds 1–4 at 4000 (4082–4103), against 4100 in 3 of 15 runs from 50
 *   (4191–4219; some of those runs tried fix-and-optimise variants, which do not touch
 *   the annealing);
 * - Instance18 5087 and 5100 against 5305 and 5017; Instance20 5769 and 5693 against
 *   5788 and 5791; Instance9, 11 and 16 level;
 * - Instance10 within its noise: seeds 1–6 gave 4649–4670 and twice the upper level
 *   (4749, 4750), against 4655–4682 and once (4752) from 50.
 * The restarting cycles of smaller wards keep 50: from 100, Instance6 landed at
 * 2000 under-cover in 3 runs of 4 (1 of 4 from 50). Instance8 (840 member-days) takes
 * 100: on 2026-12-03's slowest machine, seeds 1–8 reached under-cover 1200 in 6 runs
 * (1344–1371; 1455 and 1477 at 1300) against 4 from 50 (1361–1379; 1447–1470), and an
 * earlier session's 4 runs from 100 were all at 1200. The long horizons keep 50 too:
 * Instance22 ended at 85,676 and 94,572 from 100 against 42,136 and 42,268 (its cycle
 * no longer cools in time), Instance24 at 80,339 from 150 against 78,513 (the fifth
 * session); Instance20's gain is two runs and its size half Instance22's, so it keeps 50.
 */
const HOT_START_TEMPERATURE = 100;
const HOT_START_MIN_CELLS = 800;
const HOT_START_MAX_CELLS = 5000;
/**
 * Share of the annealing after which a rota still invalid is repaired by HiGHS. Instance24
 * needs about 30 s of its 54 to find a valid rota alone; in runs a little slower it
 * found none and ended far worse (212,106 against 82,775).
 *
 * The repair waits until at most RESCUE_MAX_ROWS rows break a rule (the annealing
 * repairs many rows faster than HiGHS does; rescue-trigger.ts has the conditions) and
 * stops after RESCUE_SHARE of the annealing's time, so the annealing always gets the
 * rest. On 2026-12-02's machine, about half as fast as the one of the tuning, Instance24
 * at 60 s had 7–12 rows breaking a rule at 22 s; the repair of whole rows at 40 % then
 * ran to 54 s (three rounds of 10 s) and ended at 509,321, or still invalid (519,135; 1
 * breach). With rounds over windows (window-lns.ts) and these limits, five runs were
 * valid at 26.5–38.9 s and ended at 92,674–103,051, and one whose annealing had more
 * than 12 breaking rows until 42 s at 220,058.
 */
const RESCUE_AT = 0.3;
/**
 * An annealing still invalid at the end of its share goes on until valid, up to this
 * share of the limit: what follows it repairs an invalid rota far worse than the
 * annealing does. Instance22 (its annealing 35 % of the time) was valid at 16–20 s of
 * 60 in runs alone on 2026-12-05 (a bare loop of 10⁹ additions in 8.0 s), and ended at
 * 50,026 and 52,290 in two runs of eight side by side, against 36,062–37,270. Four runs
 * at once on the two cores (each as slow as a machine twice slower), seeds 1 and 2:
 * 42,482 and 41,950 (valid at 33.6 and 32.3 s) against 43,373 and 59,597 (valid at
 * 25.5 and 35.9 s, by the repair after the annealing).
 */
const VALID_BY = 0.5;
const RESCUE_SHARE = 0.15;
/**
 * Most of the time left after the annealing that HiGHS may spend repairing its current
 * rota (see bestOrRepairedCurrent), leaving the rest to improve whichever rota wins.
 */
const END_REPAIR_SHARE = 0.5;
/**
 * Members the greedy construction tries per place. Instance24 (150 members, 11,648
 * places) took 7.8 s of its 60 to construct with all of them, 1.9 s with 40, and after
 * 10 s of annealing either start was as far from valid (54 and 58 hard units). At 60 s,
 * on 2026-12-02's slower machine, three runs with 40 ended at 94,117–95,589 against
 * 92,674, 103,051 and 220,058 with all. Instance11, 12, 20 and 22 (50–60 members) try
 * 40 of theirs as well; their construction takes a second at most either way.
 */
const CONSTRUCTION_CANDIDATES = 40;
/**
 * While the annealing's rota breaks a rule, the members breaking one are looked up this
 * often, and half the moves start from them. Instance24 found a valid rota at 11.7–13.3 s
 * in four runs (two of them beside another run) against 15–44 s in six runs without;
 * Instance22 at 7.6, 9.2 and 27.5 s (the last held by one breach until the repair)
 * against 27.2 s in the one comparable run without. The members come from the
 * incremental score (ScoreState.breakingMembers). They came from the rulebook's pass
 * over the whole rota until the sixth session of 2026-12-02: on that day's slower
 * machine, that pass held Instance24's annealing so long that it was valid only at
 * 26.5–38.9 s; with the score's list it was valid at 8.5 s. Run in turn with the code
 * before, on the same machine at the same hour: 80,053 and 81,197 against 84,621 and
 * 86,462 (every 50 ms instead of 250: level).
 */
const FOCUS_EVERY_MS = 250;
/**
 * Members × days from which a deficit move on a week-end day first looks for a member
 * working the other day of it (SearchOptions.weekendDeficitFirst). On Instance22 and 24
 * every member ends at their max week-ends, a fifth of them worked one day only (257
 * of Instance22's 1320), and 400 of its 410 missing places are on week-ends: the first
 * member free for a week-end place was almost always one the week-end would cost a
 * week-end more, and the move broke their max. Measured at 60 s on 2026-12-03 (a bare
 * loop of 10⁹ additions in 14 s), runs side by side: Instance22 41,040, 42,738, 41,541,
 * 39,890 and 43,942 against 45,181, 44,546, 41,487, 41,696 and 44,397 (seeds 1–5),
 * Instance24 77,620, 77,927, 79,552, 78,735 and 78,102 against 82,291, 84,867, 81,643,
 * 82,175 and 83,148. Instance20 (9,100) did worse with it, 5902 and 5975 against 5743
 * and 5762; Instance18 and 14 were mixed (one seed better, one worse), 16 level.
 * Since the fifth session of 2026-12-03 the move also fits the member around the place
 * (their run's far end given up when too long, their shift on the other day moved to
 * one that may precede or follow it): at 60 s, seeds 1–4 side by side on a machine
 * twice as fast (a bare loop of 10⁹ additions in 6.9 s), Instance22 38,167, 38,633,
 * 38,850 and 38,396 against 39,248, 38,842, 39,858 and 39,309, Instance24 69,408,
 * 68,307, 70,257 and 68,962 against 72,713, 72,702, 70,709 and 71,004. Fitting every
 * deficit move so (weekday places too, and any neighbouring day), seeds 1–4: Instance24
 * 65,001, 65,193, 66,405 and 65,284 against 69,812, 67,311, 70,214 and 69,812,
 * Instance22 39,096, 39,692, 38,074 and 37,435 against 39,450, 37,976, 38,387 and 40,369.
 * A member for whom the place is a week-end more gives up a day they work alone of
 * another week-end (the week-ends short of people were mostly not the half-worked
 * ones): at 60 s on 2026-12-03 (a bare loop of 10⁹ additions in 4.6 s), seeds 1–4 side
 * by side, Instance22 35,997, 35,573, 36,612 and 37,358 against 38,001, 37,730, 44,653
 * (a run that ended invalid) and 37,676, Instance24 56,986, 56,888, 55,739 and 56,953
 * against 57,339, 59,423, 60,927 and 59,076. Instance20 and 18 with that choice alone
 * (without the rest of the option) were worse or level: 5649 and 5686 against 5509
 * and 5662, 5008 and 5016 against 4994 and 5193.
 */
const WEEKEND_DEFICIT_MIN_CELLS = 15_000;
/**
 * Deficit moves among every 24 drawn from WEEKEND_DEFICIT_MIN_CELLS (2 elsewhere), in
 * place of paired swaps, which found almost nothing late in Instance20's cycle. With
 * the week-end preference above, at 60 s, seeds 1–4 side by side: Instance22 41,890,
 * 40,433, 41,970 and 43,121 against 43,230, 40,671, 40,813 and 44,431 (1 % less in
 * all), Instance24 73,627, 70,747, 74,980 and 80,118 against 76,894, 75,758, 77,512 and
 * 79,202 (3 % less). Six slots (no paired swaps, no week-end swaps) against four: Instance22
 * 39,078 and 39,785 against 41,121 and 40,322, Instance24 79,631 and 69,193 against
 * 71,676 and 71,023.
 */
const WEEKEND_DEFICIT_MOVES = 4;
/**
 * From WEEKEND_DEFICIT_MIN_CELLS too, cover and deficit moves on a place short of people
 * first move over a member working that day on a need with people to spare
 * (SearchOptions.surplusFirst). Instance24 misses places of every shift type while
 * the same types have people to spare on other days (a1: 31 short, 53 over), and the
 * moves took the first member free or on any need. Measured at 60 s on 2026-12-03 (a
 * bare loop of 10⁹ additions in 6.9 s), runs side by side, seeds 1–4, in the cover
 * move only: Instance24 71,142, 70,318, 75,924 and 70,195 against 71,446, 71,049,
 * 74,152 and 73,387, Instance22 39,373, 39,634, 39,331 and 39,911 against 40,063,
 * 43,359, 40,284 and 39,165; in the deficit move as well, seeds 1–2: Instance24 71,562
 * and 71,239 against 71,674 and 72,495, Instance22 39,922 and 37,890 against 42,620 and
 * 37,840. The same code and seed can differ by 8 % from one run to the next here (the
 * cycle is on the clock). Smaller instances were mixed in the cover move alone: at
 * seed 1, Instance5, 9, 14 and 18 better, 6, 8 and 20 worse, the rest level.
 *
 * From WEEKEND_DEFICIT_MIN_CELLS as well, one move in 24 puts a member on the shift
 * they asked for (or the day off), and whoever worked it on theirs
 * (SearchOptions.preferenceMoves). Instance24's rotas left 16,075 of its 19,033 weight
 * of shift requests unmet: with 32 shift types a blind swap rarely draws the member
 * working the requested one. Measured at 60 s on 2026-12-03 (a bare loop of 10⁹
 * additions in 4.6 s), runs side by side, seeds 1–4: Instance24 58,388, 57,925,
 * 58,167 and 58,545 against 61,944, 64,258, 62,918 and 66,375; Instance22 38,372,
 * 37,561, 36,966 and 37,089 against 37,641, 37,658, 37,204 and 39,245. Smaller
 * instances were mixed at seeds 1–2 (Instance12, 14, 18 and 20 one better, one worse).
 */

/**
 * Cells up to which HiGHS gets the whole MIP, from the fix-and-optimise result, for the
 * last part of fix-and-optimise (from WHOLE_MIP_FROM of its time): alone it proves
 * Instance1–3 optimal (840 cells at most) within 33 s on a fast machine; from a good
 * rota it can only do better. Instance3's neighbourhoods of 13 of its 14 days hit the
 * round's time limit and shrank, and seed 1 ended at 1003 against 1001.
 *
 * Those MIPs get most of the time (WHOLE_MIP_EXACT_SHARE): on 2026-12-03's slowest
 * machine (a bare loop of 10⁹ additions in 13.1 s), HiGHS alone proved Instance3 in
 * 34.6 s, while our run, whose whole MIP started at 43 s, stopped at 1005 unproven;
 * Instance4 ended at 1722 and 1723 against HiGHS's 1718. With 85 % of the time and the
 * whole MIP from a fifth of it (about 19 s), seeds 1–3 proved Instance3 at 49, 41 and
 * 50 s and gave Instance4 1718 three times; Instance1 and 2 were proven at 22 and 20 s
 * against 45 s. Handing over sooner (90 %, from 5 %) proved Instance3 sooner (31, 39 s)
 * but gave Instance4 1721 and 1719.
 */
const WHOLE_MIP_CELLS = 850;
const WHOLE_MIP_FROM = 0.2;
const WHOLE_MIP_EXACT_SHARE = 0.85;

/**
 * Column generation over whole rows and a dive (column-generation.ts) where its rows
 * price fast enough: member-days × the row programme's states a day up to this:
 * Instance5–12, 14, 16 and 18. Seed 1 at 60 s on 2026-12-04, two runs side by side:
 * Instance14 1278 (its best known) against 1364 without; Instance20 (51 members, 62,776
 * states a day) 6298 against 5274.
 */
const COLUMN_GENERATION_MAX_WORK = 100_000_000;
/**
 * Above this many members the dive stops with DIVE_FINISH_MEMBERS members left free and
 * HiGHS re-optimises their rows exactly (the whole MIP, every other row fixed). On
 * Instance12 (60 members) a whole dive reached its best known 4040 but took 57–87 s: its
 * last dozen fixes each re-priced 25–100 times. On 2026-12-04 (a bare loop of 10⁹
 * additions in 4.8 s), from a 9 s annealing, seeds 1–3: the dive to 12 free members took
 * 22–26 s (root 6 s) and HiGHS proved 4040 over their rows in 7.0, 3.8 and 2.6 s from
 * their rows of largest LP value (from their annealed rows: 2.9, 23.1 and 1.7 s); with
 * 16 left, 6.2, 11.1 s and twice unfinished at 30 s; with 8, the dive took 31–50 s.
 * In `solveNrp` at 60 s: Instance12 4040 (seeds 1, 2, and in a full benchmark run)
 * against 4082–4105 on its old path (annealing and fix-and-optimise), Instance11 (50
 * members) 3443, its best known, against 3450. A dive its deadline cuts short leaves
 * more members free: HiGHS then re-optimises their rows just the same, until 80 %.
 */
const COLUMN_GENERATION_MAX_MEMBERS = 45;
const DIVE_FINISH_MEMBERS = 12;
/**
 * Share of the dive's time its root LP may take there: the rest of the dive to 12 free
 * members took about three times the root (Instance12: root 5–8 s, dive after it 16–20 s).
 * A slower root gives the dive up, and fix-and-optimise gets the time from the annealing's
 * rota.
 */
const FINISH_ROOT_SHARE = 0.25;
// Measured at 60 s on 2026-12-04, three runs on two cores (each about 1.5 times slower
// than alone): seeds 1–3 gave 4104, 4099 and 4204 with this rule, against 4234, 4144 and
// 4040 and then 4150, 4258 and 4040 without (dives cut short, their rows finished badly,
// little time left for fix-and-optimise); alone, two at a time, seeds 1 and 2 still 4040.
/** Branch-and-bound nodes of that re-optimisation: its time limit bounds it first. */
const FINISH_MAX_NODES = 1_000_000;
/**
 * With column generation the annealing only gives it a start (the dive does not
 * depend on it much: Instance6 from rotas at 2066–2156 reached 1952–1953): it ends at
 * this share of the limit; the dive may run until DIVE_UNTIL, a master MIP over the
 * rows priced so far finishes a dive cut short until COLUMN_GENERATION_UNTIL, and
 * fix-and-optimise polishes the best rota for the rest.
 */
const COLUMN_GENERATION_ANNEAL_SHARE = 0.15;
const DIVE_UNTIL = 0.7;
const COLUMN_GENERATION_UNTIL = 0.8;

/**
 * Longer horizons whose whole rows price too slowly go through column generation over
 * windows of days (window-dives.ts) until WINDOWS_UNTIL, then fix-and-optimise:
 * Instance20 and 22. Instance24 keeps its annealing: its 7-day windows take about a
 * second each since the faster pricing of 2026-12-04 and gained about 90 each from a
 * finished rota, but less than the annealing's own last seconds: at 60 s, seed 1, side
 * by side, the annealing until 80 % then windows gave 58,000 against 56,128 (until 70 %,
 * 59,028).
 * Measured at 60 s, seed 1 unless said, on 2026-12-04, one run at a time:
 * - Instance20 (after 15 % of annealing): 35 days 14 apart 4944 and 5189 (seeds 1, 2)
 *   against 5390 in the last table; from a 9 s annealing, 40 s of windows of 28 days 14
 *   apart reached 5061, 42/21 5088, 28/7 5025, 21/10 5604; 56 days took 15 s a window.
 *   Passes over 8 week-ends as well: 5090 and 5013.
 * - Instance22 (after SHORT_WINDOW_ANNEAL_SHARE, valid by then in every run): windows
 *   of 14 days 14 apart with passes over 8 week-ends between, 33,987, 34,880 and 34,882
 *   (seeds 1–3) against 36,617; without the week-ends, 14 days 7 apart 35,140 and
 *   34,811, 10/5 34,676 and 34,869; 21 days took 8 s a window (its dives fix many
 *   fractional rows), 28 more than 15. Its annealing needs about 20 s to end valid:
 *   at 0.28 of the time, 35,443 (seed 1).
 */
const WINDOW_DAYS = 35;
const WINDOW_STEP = 14;
const WINDOWS_UNTIL = 0.9;
/** Member-days from which windows are SHORT_WINDOW_DAYS long (Instance22: 18,200). */
const SHORT_WINDOW_MIN_CELLS = 15_000;
const SHORT_WINDOW_DAYS = 14;
const SHORT_WINDOW_STEP = 14;
const SHORT_WINDOW_ANNEAL_SHARE = 0.35;
/** Week-ends freed together in the passes over week-ends (Instance22). */
const WINDOW_WEEKENDS = 8;

/** The windows' days, step and week-ends, and the annealing's share before them. */
function windowShape(model: CompiledModel): {
  days: number;
  step: number;
  weekends: number;
  annealShare: number;
} {
  return model.members * model.days >= SHORT_WINDOW_MIN_CELLS
    ? {
        days: SHORT_WINDOW_DAYS,
        step: SHORT_WINDOW_STEP,
        weekends: WINDOW_WEEKENDS,
        annealShare: SHORT_WINDOW_ANNEAL_SHARE,
      }
    : {
        days: WINDOW_DAYS,
        step: WINDOW_STEP,
        weekends: 0,
        annealShare: COLUMN_GENERATION_ANNEAL_SHARE,
      };
}

function usesWindowDives(instance: NrpInstance, model: CompiledModel): boolean {
  return (
    !solvesWholeMip(instance) &&
    !takesSmallShare(instance) &&
    model.days > windowShape(model).days &&
    !usesColumnGeneration(instance, model)
  );
}

function usesColumnGeneration(instance: NrpInstance, model: CompiledModel): boolean {
  if (solvesWholeMip(instance)) return false;
  const pricer = new RowPricer(model);
  let states = 0;
  for (let e = 0; e < model.members; e++) states = Math.max(states, pricer.states(e));
  return model.members * model.days * states <= COLUMN_GENERATION_MAX_WORK;
}

/** Whether the cooling cycles start at HOT_START_TEMPERATURE (Instance8–18). */
function hotStart(model: CompiledModel): boolean {
  const memberDays = model.members * model.days;
  return memberDays >= HOT_START_MIN_CELLS && memberDays <= HOT_START_MAX_CELLS;
}

/**
 * Whether deficit moves are more, seek week-end places' other day first and, with cover
 * moves, a member on a need with people to spare that day, and whether preference moves
 * are drawn (Instance22, 24).
 */
function aimsAtDeficits(model: CompiledModel): boolean {
  return model.members * model.days >= WEEKEND_DEFICIT_MIN_CELLS;
}

/** Cells (member × day × shift type): the x columns of the benchmark MIP, at most. */
function mipCells(instance: NrpInstance): number {
  return instance.employees.length * instance.horizonDays * instance.shiftTypes.length;
}

/** Whether fix-and-optimise gets only SPAN_EXACT_SHARE of the time (Instance24). */
function takesSmallShare(instance: NrpInstance): boolean {
  return mipCells(instance) > SMALL_SHARE_CELLS;
}

/** Whether HiGHS gets the whole MIP for the last part of fix-and-optimise (Instance1–4). */
function solvesWholeMip(instance: NrpInstance): boolean {
  return mipCells(instance) <= WHOLE_MIP_CELLS;
}

/** Share of the time limit spent on fix-and-optimise, by the size of the MIP. */
function fixAndOptimiseShare(instance: NrpInstance): number {
  if (solvesWholeMip(instance)) return WHOLE_MIP_EXACT_SHARE;
  if (takesSmallShare(instance)) return SPAN_EXACT_SHARE;
  if (!loadsWholeMip(instance)) return ROWS_EXACT_SHARE;
  return mipCells(instance) > LARGE_MIP_CELLS ? LARGE_MIP_EXACT_SHARE : EXACT_SHARE;
}

function loadsWholeMip(instance: NrpInstance): boolean {
  return mipCells(instance) <= MAX_LOADED_CELLS;
}

/**
 * Rows breaking a hard rule of the rulebook, in member order, each with the first and
 * last days of its breaches that name one (rules over the whole horizon name none).
 */
export function rowBreaches(
  problem: RotaProblem,
  model: CompiledModel,
  cells: Int32Array,
): RowBreach[] {
  const byMember = new Map<number, RowBreach>();
  for (const b of evaluate(problem, cellsToAssignments(model, cells)).breaches) {
    if (b.level !== 'hard' || b.memberId === undefined) continue;
    const member = model.memberIndex.get(b.memberId)!;
    const known = byMember.get(member) ?? { member };
    if (b.day !== undefined) {
      known.first = Math.min(known.first ?? b.day, b.day);
      known.last = Math.max(known.last ?? b.day, b.day);
    }
    byMember.set(member, known);
  }
  return [...byMember.values()].sort((a, b) => a.member - b.member);
}

export interface NrpSolveProgress {
  objective: number;
  hardViolations: number;
  elapsedMs: number;
}
export interface NrpSolveOptions {
  timeLimitSeconds: number;
  seed?: number;
  /** Share of the limit for fix-and-optimise, in place of the engine's choice (experiments). */
  exactShare?: number;
  onProgress?: (p: NrpSolveProgress) => void;
  signal?: AbortSignal;
}
export interface NrpSolveResult {
  assignments: NrpAssignment[];
  objective: number;
  hardViolations: number;
  seconds: number;
}

/**
 * Solves a benchmark instance with the service's engine: the instance is mapped to
 * a RotaProblem and goes through the same compile + search as a CPTS rota. The
 * objective and violation count come from the rulebook's rescoring of the result.
 */
export async function solveNrp(
  instance: NrpInstance,
  options: NrpSolveOptions,
): Promise<NrpSolveResult> {
  const started = Date.now();
  const problem = nrpToProblem(instance);
  const model = compile(problem);
  const violators = (rota: Int32Array) => rowBreaches(problem, model, rota);
  const seed = options.seed ?? 1;
  const limitMs = options.timeLimitSeconds * 1000;
  const columns = options.exactShare === undefined && usesColumnGeneration(instance, model);
  const windows = options.exactShare === undefined && usesWindowDives(instance, model);
  const exactShare =
    options.exactShare ??
    (columns
      ? 1 - COLUMN_GENERATION_ANNEAL_SHARE
      : windows
        ? 1 - windowShape(model).annealShare
        : fixAndOptimiseShare(instance));
  const progress = (hard: number, soft: number): void =>
    options.onProgress?.({
      objective: soft,
      hardViolations: Math.ceil(hard),
      elapsedMs: Date.now() - started,
    });
  const deficitsFirst = aimsAtDeficits(model);
  const search = new LocalSearch(model, undefined, {
    seed,
    startedAt: started,
    timeLimitMs: limitMs,
    signal: options.signal,
    rowReoptimiseEvery: rowReoptimiseEvery(instance),
    constructionCandidates: CONSTRUCTION_CANDIDATES,
    temperature: takesSmallShare(instance)
      ? SMALL_SHARE_TEMPERATURE
      : hotStart(model)
        ? [HOT_START_TEMPERATURE, 1]
        : undefined,
    hardWeight: takesSmallShare(instance)
      ? SMALL_SHARE_HARD_WEIGHT * defaultHardWeight(model)
      : undefined,
    seekingSoftWeight: takesSmallShare(instance) ? SMALL_SHARE_SEEKING_SOFT_WEIGHT : undefined,
    weekendDeficitFirst: deficitsFirst,
    surplusFirst: deficitsFirst,
    deficitMoves: deficitsFirst ? WEEKEND_DEFICIT_MOVES : undefined,
    preferenceMoves: deficitsFirst,
    // A cooling cycle sized from the annealing's share of the time limit (an input, so runs
    // stay reproducible), unless coolOver below puts the large instances' single cycle on the clock.
    coolingIterations: Math.min(
      30_000_000,
      Math.max(2_000_000, Math.round(options.timeLimitSeconds * (1 - exactShare) * 300_000)),
    ),
    onProgress: options.onProgress && ((p) => progress(p.hard, p.soft)),
  });
  // Annealing until its share is spent, valid or not: fix-and-optimise repairs the
  // members who break a rule (without fix-and-optimise, the annealing goes on until valid).
  const annealUntil = started + limitMs * (1 - exactShare);
  const oneCycle = model.members * model.days >= ONE_CYCLE_MIN_CELLS;
  const cycleMs = ONE_CYCLE_SHARE * (annealUntil - Date.now());
  if (oneCycle) search.coolOver(cycleMs);
  // Part way through the annealing, a rota with few rows still breaking a rule is
  // repaired by HiGHS (those rows, over windows around their breaches) and the
  // annealing carries on from it; once more when the single cycle is over.
  const rescue = new RescueTrigger(
    started + (annealUntil - started) * RESCUE_AT,
    started,
    oneCycle ? Date.now() + cycleMs : Infinity,
  );
  let nextFocus = 0;
  while (
    !search.done &&
    (Date.now() < annealUntil ||
      (search.result().hard > 0 && (exactShare === 0 || Date.now() < started + limitMs * VALID_BY)))
  ) {
    search.runSlice(50);
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (Date.now() >= nextFocus) {
      // The members the current rota breaks a rule of, as the incremental score keeps
      // them. The current rota's, not the best's: on 2026-12-05, three of four runs of
      // Instance24 at 180 s ended at 132,244–144,976 with the best's. One of them kept
      // its valid rota of the 14th second (146,581) to the end while the current one
      // broke one rule from the 25th, unfocused and unrescued (51,027 soft at the end).
      // With the current's, seeds 1 and 2 gave 50,488 and 50,436.
      const breaking = search.focusOnBreaking().length;
      nextFocus = Date.now() + FOCUS_EVERY_MS;
      rescue.look(Date.now(), search.state.hard, breaking);
    }
    if (exactShare > 0 && rescue.due(Date.now(), search.state.hard)) {
      const repaired = await rescueRota(instance, model, search.current, {
        seed,
        violators,
        deadline: Math.min(annealUntil, Date.now() + RESCUE_SHARE * (annealUntil - started)),
        signal: options.signal,
      });
      search.continueFrom(repaired);
    }
  }
  let cells = search.result().cells;
  // An annealing that walked through breaches since an early valid rota holds a far
  // better rota than its best: repaired, that one goes on. (The rescue's last call
  // covers a rota invalid when the cooling ends; this, one that broke a rule after.)
  if (exactShare > 0 && oneCycle)
    cells = await bestOrRepairedCurrent(instance, model, cells, search.current, {
      seed,
      deadline: Date.now() + (started + limitMs - Date.now()) * END_REPAIR_SHARE,
      violators,
      signal: options.signal,
    });
  const annealed = new ScoreState(model, cells);
  // The dive starts from the annealing's rows, so only from a valid rota. A dive that
  // ends early is followed by others from the best rota so far, each drawing the rows
  // it fixes by their LP values (the first takes the largest).
  if (columns && annealed.hard === 0) {
    let best = annealed.soft;
    const random = new Prng(seed ^ 0x5bd1e995);
    const finishes = model.members > COLUMN_GENERATION_MAX_MEMBERS;
    const diveDeadline = started + limitMs * DIVE_UNTIL;
    for (let dive = 0; !options.signal?.aborted; dive++) {
      const result = await columnGenerationDive(model, cells, {
        diveDeadline,
        deadline: started + limitMs * COLUMN_GENERATION_UNTIL,
        random: dive > 0 ? () => random.float() : undefined,
        stopAtFree: finishes ? DIVE_FINISH_MEMBERS : undefined,
        rootDeadline: finishes
          ? Date.now() + (diveDeadline - Date.now()) * FINISH_ROOT_SHARE
          : undefined,
        signal: options.signal,
      }).catch(() => null); // HiGHS failing leaves the best rota so far to fix-and-optimise
      if (!result) break;
      // The members it left free get their rows from HiGHS, the others' kept.
      const dived =
        finishes && result.unfixed.length > 0
          ? await reoptimiseRows(instance, model, result.cells, result.unfixed, {
              deadline: started + limitMs * COLUMN_GENERATION_UNTIL,
              maxNodes: FINISH_MAX_NODES,
              signal: options.signal,
            })
          : result.cells;
      const state = new ScoreState(model, dived);
      if (state.hard === 0 && state.soft < best) {
        best = state.soft;
        cells = dived;
        progress(0, best);
      }
      if (!result.complete || Date.now() >= started + limitMs * DIVE_UNTIL) break;
    }
  }
  // The windows keep every row outside them, so they start from a valid rota: one the
  // annealing left invalid is repaired first, as its rescue does.
  if (windows && annealed.hard > 0 && !options.signal?.aborted) {
    cells = await rescueRota(instance, model, cells, {
      seed,
      violators,
      deadline: started + limitMs * WINDOWS_UNTIL,
      signal: options.signal,
    });
  }
  if (windows && new ScoreState(model, cells).hard === 0) {
    const { days, step, weekends } = windowShape(model);
    const dived = await windowDives(model, cells, {
      days,
      step,
      weekends,
      deadline: started + limitMs * WINDOWS_UNTIL,
      signal: options.signal,
      onImprove: (soft) => progress(0, soft),
    });
    cells = dived.cells;
  }
  if (exactShare > 0 && !options.signal?.aborted && Date.now() < started + limitMs) {
    const lns = await windowLns(instance, model, cells, {
      seed,
      kinds: neighbourhoodKinds(instance),
      violators,
      // Too large for the whole MIP in HiGHS: each round builds its neighbourhood's own.
      exact: loadsWholeMip(instance) ? 'whole' : 'span',
      deadline: started + limitMs,
      wholeFrom: solvesWholeMip(instance)
        ? Date.now() + (started + limitMs - Date.now()) * WHOLE_MIP_FROM
        : undefined,
      signal: options.signal,
      onImprove: (hard, soft) => progress(hard / HARD_UNIT, soft),
    });
    cells = lns.cells;
  }
  const assignments = cellsToAssignments(model, cells);
  const score = evaluate(problem, assignments);
  return {
    assignments: assignments.map((a) => {
      const shift = problem.shifts[model.shiftIndex.get(a.shiftId)!];
      return { employeeId: a.memberId, day: shift.day, shiftId: shift.kind };
    }),
    objective: score.soft,
    hardViolations: score.breaches.filter((b) => b.level === 'hard').length,
    seconds: (Date.now() - started) / 1000,
  };
}

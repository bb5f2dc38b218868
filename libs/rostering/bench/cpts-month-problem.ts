import { boxesForDoses } from '../src/capacity';
import { Member, PreferredPair, RotaProblem, Shift, StaffLoan } from '../src/model';
import { Prng } from '../src/prng';

/**
 * A realistic CPTS month, seeded: ~400 members (GPs, nurses, other professions and
 * staff lent by an occupational-health service), SNP for 2 sectors × 3 bands every
 * day, 3 vaccination centres of 18 boxes open morning and afternoon Monday to
 * Saturday morning with dose deliveries deciding how many boxes open, and a weekly
 * ICOPE screening session riding on a vaccination session.
 */
export interface CptsMonthOptions {
  seed?: number;
  members?: number;
  startDate?: string;
  days?: number;
}

const COMMUNES = ['26362', '26281', '26058', '26124', '26165', '26197', '26235', '26252', '26313', '26333', '26347', '26366'];
/** Field figure: 18 boxes ≈ 130 vaccinations an hour. */
const VACCINATIONS_PER_BOX_HOUR = 130 / 18;

export function cptsMonth(options: CptsMonthOptions = {}): RotaProblem {
  const rng = new Prng(options.seed ?? 1);
  const startDate = options.startDate ?? '2026-10-01';
  const days = options.days ?? 31;
  const size = options.members ?? 400;
  const weekday = (d: number) => (((new Date(`${startDate}T00:00:00Z`).getUTCDay() + 6) % 7) + d) % 7;

  const coords = new Map(COMMUNES.map((c) => [c, [rng.int(30), rng.int(30)]]));
  const sites = [
    { id: 'valence', name: 'Valence vaccination centre', commune: COMMUNES[0], boxes: 18 },
    { id: 'romans', name: 'Romans vaccination centre', commune: COMMUNES[3], boxes: 18 },
    { id: 'crest', name: 'Crest vaccination centre', commune: COMMUNES[7], boxes: 18 },
    { id: 'snp-north', name: 'SNP north sector', commune: COMMUNES[2] },
    { id: 'snp-south', name: 'SNP south sector', commune: COMMUNES[9] },
  ];
  const travelKm: Record<string, Record<string, number>> = {};
  for (const c of COMMUNES) {
    travelKm[c] = {};
    for (const s of sites) {
      const [x1, y1] = coords.get(c)!;
      const [x2, y2] = coords.get(s.commune)!;
      travelKm[c][s.id] = Math.round(Math.hypot(x1 - x2, y1 - y2));
    }
  }

  const shifts: Shift[] = [];
  const snpBands: [string, number, number][] = [['SNP morning', 480, 840], ['SNP afternoon', 840, 1200], ['SNP evening', 1200, 1440]];
  for (let d = 0; d < days; d++) {
    for (const sector of ['snp-north', 'snp-south']) {
      for (const [kind, start, end] of snpBands) {
        shifts.push({ id: `${sector}-${d}-${kind}`, kind, day: d, start, end, siteId: sector, label: `${kind}, ${sector}`, needs: [{ role: 'gp', count: kind === 'SNP evening' ? 1 : 2, professions: ['gp'] }] });
      }
    }
    const wd = weekday(d);
    if (wd === 6) continue;
    for (const site of sites.slice(0, 3)) {
      for (const [half, start, end] of [['morning', 480, 840], ['afternoon', 840, 1200]] as const) {
        if (wd === 5 && half === 'afternoon') continue;
        const doses = 40 + rng.int(260);
        const boxes = boxesForDoses(doses, VACCINATIONS_PER_BOX_HOUR, (end - start) / 60, site.boxes ?? 0);
        shifts.push({
          id: `${site.id}-${d}-${half}`, kind: `vaccination ${half}`, day: d, start, end, siteId: site.id, label: `${site.name}, ${boxes} boxes`,
          needs: [
            { role: 'doctor', count: boxes, professions: ['gp'] },
            { role: 'nurse', count: boxes, professions: ['nurse'], skills: ['vaccination'] },
          ],
        });
      }
    }
    if (wd === 2) {
      shifts.push({
        id: `icope-${d}`, kind: 'ICOPE screening', day: d, start: 540, end: 720, siteId: 'valence', campaignId: 'icope', label: 'ICOPE screening, Valence',
        needs: [{ role: 'screener', count: 3, skills: ['icope'] }],
      });
    }
  }

  const loans: StaffLoan[] = [{ id: 'spsti', partner: 'SPSTI ASMT', siteIds: ['romans'], campaignIds: ['icope'], fromDay: 4, toDay: days - 6, maxMinutes: 150 * 60 }];
  const members: Member[] = [];
  const lent = Math.round(size * 0.04);
  const gps = Math.round(size * 0.4);
  const nurses = Math.round(size * 0.45);
  for (let i = 0; i < size; i++) {
    const isLent = i >= size - lent;
    const profession = isLent ? (i % 2 === 0 ? 'gp' : 'nurse') : i < gps ? 'gp' : i < gps + nurses ? 'nurse' : (['pharmacist', 'physiotherapist', 'midwife'] as const)[rng.int(3)];
    const skills = [
      ...(profession === 'nurse' && rng.int(10) < 8 ? ['vaccination'] : []),
      ...(profession !== 'gp' && rng.int(3) === 0 ? ['icope'] : []),
    ];
    const availability = [];
    for (let d = 0; d < days; d++) {
      if (rng.int(100) >= 55) continue;
      const pattern = rng.int(4);
      availability.push(pattern === 0 ? { day: d, start: 480, end: 1440 } : pattern === 1 ? { day: d, start: 480, end: 840 } : pattern === 2 ? { day: d, start: 840, end: 1200 } : { day: d, start: 840, end: 1440 });
    }
    members.push({
      id: `m${i}`, name: `${profession} ${i}`, profession, skills, communes: [COMMUNES[rng.int(COMMUNES.length)]],
      availability, maxMinutes: 60 * (18 + 6 * rng.int(5)), maxMinutesPerWeek: 60 * 18,
      maxConsecutiveDays: 4,
      preferences: [
        ...(rng.int(4) === 0 ? [{ type: 'prefers' as const, siteId: sites[rng.int(5)].id, weight: 10 }] : []),
        ...(rng.int(5) === 0 ? [{ type: 'avoids' as const, shiftKind: 'SNP evening', weight: 30 }] : []),
      ],
      loanId: isLent ? 'spsti' : undefined,
    });
  }
  const pairs: PreferredPair[] = [];
  for (let i = 0; i < 30; i++) pairs.push({ memberA: `m${rng.int(gps)}`, memberB: `m${gps + rng.int(nurses)}` });

  return { startDate, days, sites, shifts, members, loans, pairs, travelKm, settings: { minRestMinutes: 11 * 60 } };
}

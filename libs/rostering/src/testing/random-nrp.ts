import { NrpAssignment, NrpEmployee, NrpInstance } from '../nrp/nrp-instance';

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random benchmark instance small enough to enumerate: at most 2^14 rotas. */
export function randomTinyInstance(seed: number): NrpInstance {
  const random = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const shape = seed % 3; // 0: 2 staff × 7 days × 1 shift; 1: 1 × 7 × 2 shifts; 2: 1 × 14 × 1
  const horizonDays = shape === 2 ? 14 : 7;
  const shiftTypes =
    shape === 1
      ? [
          { id: 'E', lengthMinutes: 480, cannotFollow: [] },
          { id: 'N', lengthMinutes: 600, cannotFollow: random() < 0.7 ? ['E'] : [] },
        ]
      : [{ id: 'D', lengthMinutes: 480, cannotFollow: [] }];
  const employeeIds = shape === 0 ? ['A', 'B'] : ['A'];
  const employees = employeeIds.map((id): NrpEmployee => ({
    id,
    maxShifts: Object.fromEntries(shiftTypes.map((shift) => [shift.id, int(2, horizonDays)])),
    maxTotalMinutes: int(3, horizonDays) * 480,
    minTotalMinutes: int(0, 3) * 480,
    maxConsecutiveShifts: int(1, 5),
    minConsecutiveShifts: int(1, 3),
    minConsecutiveDaysOff: int(1, 3),
    maxWeekends: int(0, horizonDays / 7),
    daysOff: Array.from({ length: horizonDays }, (_, day) => day).filter(() => random() < 0.1),
  }));
  const requests = (count: number) =>
    Array.from({ length: count }, () => ({
      employeeId: employeeIds[int(0, employeeIds.length - 1)],
      day: int(0, horizonDays - 1),
      shiftId: shiftTypes[int(0, shiftTypes.length - 1)].id,
      weight: int(1, 3),
    }));
  return {
    name: `tiny-${seed}`,
    horizonDays,
    shiftTypes,
    employees,
    shiftOnRequests: requests(int(0, 4)),
    shiftOffRequests: requests(int(0, 4)),
    cover: Array.from({ length: horizonDays }, (_, day) => day).flatMap((day) =>
      shiftTypes.map((shift) => ({
        day,
        shiftId: shift.id,
        requirement: int(0, 2),
        weightUnder: int(1, 10),
        weightOver: int(0, 5),
      })),
    ),
  };
}

/** Every rota of a tiny instance, in a fixed order. */
export function* everyRoster(instance: NrpInstance): Generator<NrpAssignment[]> {
  const choices = [null, ...instance.shiftTypes.map((shift) => shift.id)];
  const slots = instance.employees.flatMap((employee) =>
    Array.from({ length: instance.horizonDays }, (_, day) => ({ employeeId: employee.id, day })),
  );
  const total = choices.length ** slots.length;
  for (let code = 0; code < total; code++) {
    const roster: NrpAssignment[] = [];
    let rest = code;
    for (const slot of slots) {
      const shiftId = choices[rest % choices.length];
      rest = Math.floor(rest / choices.length);
      if (shiftId !== null) roster.push({ ...slot, shiftId });
    }
    yield roster;
  }
}

import { compile, isBlocked } from './compile';
import { member, shift, tinyProblem } from './testing/tiny-problem';

describe('compile: blocked cells', () => {
  // Three needs a day (so a member-day's slots straddle bytes of the bit array), members
  // each barred from some of them by profession, skill or a day off.
  const needs = [
    { role: 'doctor', count: 1, professions: ['doctor'] },
    { role: 'nurse', count: 1, professions: ['nurse'] },
    { role: 'antigen', count: 1, skills: ['antigen-test'] },
  ];
  const problem = tinyProblem({
    shifts: Array.from({ length: 7 }, (_, day) => shift(`s${day}`, day, '08:00', '14:00', needs)),
    members: [
      member('doc', { profession: 'doctor', skills: [] }),
      member('nurse', { skills: ['antigen-test'], daysOff: [2, 5] }),
      member('other-nurse', { skills: [] }),
    ],
  });
  const model = compile(problem);

  it('sets exactly the bits of the values a member may not take', () => {
    const expected = (m: (typeof problem.members)[number], day: number, role: string): boolean => {
      if (m.daysOff?.includes(day)) return true;
      const need = needs.find((n) => n.role === role)!;
      if (need.professions && !need.professions.includes(m.profession)) return true;
      return (need.skills ?? []).some((s) => !(m.skills ?? []).includes(s));
    };
    let blocked = 0;
    problem.members.forEach((m, e) => {
      for (let day = 0; day < 7; day++) {
        const base = (e * model.days + day) * model.stride;
        // Slot 0 is the day off, never blocked.
        expect(isBlocked(model.cellBlocked, base)).toBe(false);
        for (let i = model.dayNeedStart[day]; i < model.dayNeedStart[day + 1]; i++) {
          const n = model.dayNeeds[i];
          const got = isBlocked(model.cellBlocked, base + model.needPos[n] + 1);
          expect(got).toBe(expected(m, day, needRoleOf(n)));
          if (got) blocked++;
        }
      }
    });
    // doc: nurse and antigen each day; nurse: doctor each day, all three on 2 days off;
    // other-nurse: doctor and antigen each day.
    expect(blocked).toBe(7 * 2 + (5 * 1 + 2 * 3) + 7 * 2);
  });

  it('holds one bit per slot', () => {
    expect(model.cellBlocked.length).toBe(Math.ceil((model.members * model.days * model.stride) / 8));
  });

  function needRoleOf(n: number): string {
    const s = problem.shifts[model.needShift[n]];
    return s.needs[model.needRole[n]].role;
  }
});

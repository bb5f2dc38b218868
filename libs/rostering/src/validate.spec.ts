import { member, on, shift, tinyProblem } from './testing/tiny-problem';
import { validate } from './validate';

const p = tinyProblem({
  shifts: [
    shift('late', 0, '14:00', '23:00', [{ role: 'nurse', count: 1, professions: ['nurse'] }]),
    shift('early', 1, '07:00', '13:00'),
    shift('mid', 1, '10:00', '16:00', [{ role: 'doctor', count: 1, professions: ['gp'] }]),
  ],
  members: [member('a'), member('b', { profession: 'gp' })],
});

describe('validate', () => {
  it('accepts a valid rota', () => {
    expect(validate(p, [on('a', 'late')]).valid).toBe(true);
  });

  it('names the broken rule, for whom and where', () => {
    const v = validate(p, [on('a', 'late'), on('a', 'early')]);
    expect(v.valid).toBe(false);
    expect(v.violations).toHaveLength(1);
    expect(v.violations[0]).toMatchObject({ rule: 'minimum-rest', name: 'Minimum rest between shifts', memberId: 'a', shiftId: 'early', size: 3 });
  });

  it('checks a proposed edit and reports what it introduces', () => {
    const v = validate(p, [on('a', 'late')], { type: 'assign', assignment: on('a', 'early') });
    expect(v.introduced.map((b) => b.rule)).toEqual(['minimum-rest']);
  });

  it('checks a swap between two members', () => {
    const rota = [on('a', 'late'), on('b', 'mid', 'doctor')];
    expect(validate(p, rota).valid).toBe(true);
    const v = validate(p, rota, { type: 'swap', first: on('a', 'late'), second: on('b', 'mid', 'doctor') });
    expect(v.introduced.map((b) => [b.rule, b.memberId]).sort()).toEqual([['qualification', 'a'], ['qualification', 'b']]);
  });

  it('reports assignments to unknown members or shifts', () => {
    expect(validate(p, [on('ghost', 'late')]).unknown).toHaveLength(1);
  });
});

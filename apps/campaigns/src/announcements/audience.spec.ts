import { inAudience, Reachable } from './audience';

const nurse: Reachable = {
  memberId: 'a',
  profession: 'nurse',
  skills: ['icope-trained'],
  communes: ['26362'],
  active: true,
};

describe('announcement audience', () => {
  it('an empty audience reaches every active member, never one who left', () => {
    expect(inAudience(nurse, {})).toBe(true);
    expect(inAudience({ ...nurse, active: false }, {})).toBe(false);
  });

  it('every named dimension must match, any value within one', () => {
    expect(inAudience(nurse, { professions: ['gp', 'nurse'], communes: ['26362'] })).toBe(true);
    expect(inAudience(nurse, { professions: ['gp'] })).toBe(false);
    expect(inAudience(nurse, { professions: ['nurse'], skills: ['can-vaccinate'] })).toBe(false);
    expect(inAudience(nurse, { communes: ['26037'] })).toBe(false);
  });
});

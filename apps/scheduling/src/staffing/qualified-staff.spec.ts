import { pickQualified, PoolMember } from './qualified-staff';

const pool: PoolMember[] = [
  { memberId: 'n1', displayName: 'Nurse One', profession: 'nurse', skills: ['icope-trained'] },
  { memberId: 'n2', displayName: 'Nurse Two', profession: 'nurse', skills: [] },
  {
    memberId: 'g1',
    displayName: 'GP One',
    profession: 'general-practitioner',
    skills: ['icope-trained'],
  },
];

describe('pickQualified', () => {
  it('fills each need with qualified people, each person once', () => {
    const picked = pickQualified(
      [
        { skill: 'icope-trained', count: 1 },
        { profession: 'nurse', count: 2 },
      ],
      pool,
    );
    expect(picked.map((p) => p.map((m) => m.memberId))).toEqual([['n1'], ['n2']]);
  });

  it('asks for profession and skill together when both are named', () => {
    expect(
      pickQualified(
        [{ profession: 'general-practitioner', skill: 'icope-trained', count: 3 }],
        pool,
      )[0].map((m) => m.memberId),
    ).toEqual(['g1']);
  });
});

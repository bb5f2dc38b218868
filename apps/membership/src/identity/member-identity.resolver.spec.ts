import { rolesOf } from './member-identity.resolver';

describe('rolesOf', () => {
  it('makes every registered professional a member, and the association coordinator a coordinator too', () => {
    expect(rolesOf({ association_roles: ['member'], has_left: false })).toEqual(['member']);
    expect(rolesOf({ association_roles: ['treasurer', 'coordinator'], has_left: false })).toEqual([
      'member',
      'coordinator',
    ]);
    expect(rolesOf({ association_roles: null, has_left: false })).toEqual(['member']);
  });

  it('gives no access to someone who left', () => {
    expect(rolesOf({ association_roles: ['coordinator'], has_left: true })).toEqual([]);
  });
});

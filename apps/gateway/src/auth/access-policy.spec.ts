import { decideAccess, RouteRules } from './access-policy';

const route = (rules: Partial<RouteRules> = {}): RouteRules => ({ jobRoute: false, ...rules });
const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

describe('decideAccess', () => {
  it('refuses a caller without any role in the tenant', () => {
    expect(decideAccess([], route(), {}, {})).toEqual({
      allowed: false,
      reason: 'no access to this tenant',
    });
  });

  it('lets a listed role in and names the roles when none matches', () => {
    expect(decideAccess(['coordinator'], route({ roles: ['coordinator'] }), {}, {})).toEqual({
      allowed: true,
      roles: ['coordinator'],
    });
    expect(decideAccess(['member'], route({ roles: ['coordinator'] }), {}, {})).toEqual({
      allowed: false,
      reason: 'this action needs one of the roles: coordinator',
    });
  });

  it('lets an operator in everywhere, even on routes that do not list them', () => {
    expect(
      decideAccess(
        ['operator'],
        route({ roles: ['coordinator'], ownMemberParam: 'memberId' }),
        {},
        { memberId: OTHER },
      ).allowed,
    ).toBe(true);
  });

  it('keeps a member to their own record on @OwnMember routes; a coordinator may act on anyone', () => {
    const rules = route({ roles: ['coordinator', 'member'], ownMemberParam: 'memberId' });
    expect(decideAccess(['member'], rules, { memberId: ME }, { memberId: ME }).allowed).toBe(true);
    expect(decideAccess(['member'], rules, { memberId: ME }, { memberId: OTHER })).toEqual({
      allowed: false,
      reason: 'a member may act only on their own record',
    });
    expect(decideAccess(['member'], rules, {}, { memberId: OTHER }).allowed).toBe(false);
    expect(
      decideAccess(['coordinator', 'member'], rules, { memberId: ME }, { memberId: OTHER }).allowed,
    ).toBe(true);
  });

  it('lets a scheduler client trigger and read jobs only', () => {
    const jobs = route({ roles: ['coordinator', 'scheduler'], jobRoute: true });
    expect(decideAccess(['scheduler'], jobs, {}, {})).toEqual({
      allowed: true,
      roles: ['scheduler'],
    });
    expect(
      decideAccess(['scheduler'], route({ roles: ['coordinator', 'scheduler'] }), {}, {}),
    ).toEqual({
      allowed: false,
      reason: 'a scheduler client may only trigger and read rota jobs',
    });
    expect(decideAccess(['scheduler'], route(), {}, {}).allowed).toBe(false);
    // a person who is also a scheduler keeps their other roles, without the scheduler one
    expect(decideAccess(['coordinator', 'scheduler'], route(), {}, {})).toEqual({
      allowed: true,
      roles: ['coordinator'],
    });
  });

  it('needs a partnerId for a partner', () => {
    const rules = route({ roles: ['partner'] });
    expect(decideAccess(['partner'], rules, {}, {})).toEqual({
      allowed: false,
      reason: 'a partner token must name its partner organisation',
    });
    expect(decideAccess(['partner'], rules, { partnerId: 'ehpad-1' }, {}).allowed).toBe(true);
  });
});

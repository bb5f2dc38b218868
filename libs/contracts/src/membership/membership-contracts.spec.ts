import { validatePlain } from '../common/contract';
import { MemberAvailabilityChangedV1 } from './member-availability-changed.v1';
import { MemberErasedV1 } from './member-erased.v1';
import { MemberLeftV1 } from './member-left.v1';
import { SearchMembersV1, UpdateMemberProfileBodyV1 } from './member-requests.v1';
import { MemberSkillsChangedV1 } from './member-skills-changed.v1';
import { MemberUpdatedV1 } from './member-updated.v1';
import { RegisterMemberV1 } from './register-member.v1';
import { RegisterTenantV1 } from './register-tenant.v1';
import { TenantRegisteredV1 } from './tenant-registered.v1';

const MEMBER_ID = '0b6f2f7e-9a55-4a3b-8f0e-2f1c5d0c9a11';

const registration = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  lastName: 'Martin',
  firstName: 'Claire',
  profession: 'nurse',
  identifierKind: 'RPPS',
  identifierValue: '10005173140',
  communes: ['26362'],
  status: 'active',
  skills: [{ code: 'can-vaccinate', trainedOn: '2024-09-15' }],
  availability: {
    weekly: [{ weekday: 1, start: '08:00', end: '13:00', bands: ['morning'] }],
    exceptions: [],
  },
  votingRights: true,
  association: {
    periods: [{ from: '2025-01-01', duesPaid: true }],
    college: 'liberal-professionals',
    roles: ['member'],
  },
  consents: [{ purpose: 'shift-broadcasts', givenAt: '2025-01-03T10:00:00Z' }],
  ...overrides,
});

const fieldsOf = (result: ReturnType<typeof validatePlain>): string[] =>
  result.ok ? [] : result.errors.map((e) => e.field);

describe('membership contracts', () => {
  it('accepts a complete registration and refuses a bad RPPS key naming identifierValue', () => {
    expect(validatePlain(RegisterMemberV1, registration()).ok).toBe(true);
    const bad = validatePlain(RegisterMemberV1, registration({ identifierValue: '10101201234' }));
    expect(bad).toEqual({
      ok: false,
      errors: [{ field: 'identifierValue', reason: 'RPPS key digit is wrong' }],
    });
  });

  it('checks ADELI by its own rule and refuses a value with NONE', () => {
    expect(
      validatePlain(
        RegisterMemberV1,
        registration({ identifierKind: 'ADELI', identifierValue: '269912345' }),
      ).ok,
    ).toBe(true);
    expect(
      fieldsOf(
        validatePlain(
          RegisterMemberV1,
          registration({ identifierKind: 'ADELI', identifierValue: '2699' }),
        ),
      ),
    ).toEqual(['identifierValue']);
    expect(
      fieldsOf(
        validatePlain(
          RegisterMemberV1,
          registration({ identifierKind: 'NONE', identifierValue: '10005173140' }),
        ),
      ),
    ).toEqual(['identifierValue']);
  });

  it('refuses an unknown commune code naming communes', () => {
    const bad = validatePlain(RegisterMemberV1, registration({ communes: ['26362', '99999'] }));
    expect(bad).toEqual({
      ok: false,
      errors: [{ field: 'communes', reason: 'communes[1]: unknown commune code 99999' }],
    });
  });

  it('refuses unknown fields, bands and roles', () => {
    expect(fieldsOf(validatePlain(RegisterMemberV1, registration({ revision: 3 })))).toEqual([
      'revision',
    ]);
    expect(
      fieldsOf(
        validatePlain(
          RegisterMemberV1,
          registration({ association: { periods: [], roles: ['king'] } }),
        ),
      ),
    ).toEqual(['association.roles']);
  });

  it('lets a profile update give any subset of fields, never skills', () => {
    expect(validatePlain(UpdateMemberProfileBodyV1, { phone: '0612345678' }).ok).toBe(true);
    expect(fieldsOf(validatePlain(UpdateMemberProfileBodyV1, { skills: [] }))).toEqual(['skills']);
  });

  it('reads search filters from a query string', () => {
    const ok = validatePlain(SearchMembersV1, {
      profession: 'nurse',
      page: '2',
      pageSize: '10',
      includeLeft: 'true',
      availableOn: '2026-12-02',
    });
    expect(ok.ok && ok.value).toMatchObject({ page: 2, pageSize: 10, includeLeft: true });
    expect(fieldsOf(validatePlain(SearchMembersV1, { commune: '260' }))).toEqual(['commune']);
  });

  it('registers a tenant with INSEE communes only', () => {
    const tenant = {
      name: 'CPTS Sud-Valence',
      legalForm: 'association',
      communes: ['26362', '26252'],
      aciAgreementDate: '2021-03-15',
      contact: { name: 'Coordination', email: 'coordination@cpts.example' },
    };
    expect(validatePlain(RegisterTenantV1, tenant).ok).toBe(true);
    expect(fieldsOf(validatePlain(RegisterTenantV1, { ...tenant, communes: ['26000'] }))).toEqual([
      'communes',
    ]);
    expect(
      fieldsOf(
        validatePlain(RegisterTenantV1, { ...tenant, contact: { name: 'x', email: 'nope' } }),
      ),
    ).toEqual(['contact.email']);
  });

  it('validates each event payload', () => {
    const snapshot: Record<string, unknown> = {
      ...registration(),
      memberId: MEMBER_ID,
      revision: 2,
      consentPurposes: ['shift-broadcasts'],
    };
    delete snapshot.consents;
    expect(validatePlain(MemberUpdatedV1, snapshot).ok).toBe(true);
    expect(
      validatePlain(MemberSkillsChangedV1, {
        memberId: MEMBER_ID,
        skills: [{ code: 'etp' }],
        revision: 2,
      }).ok,
    ).toBe(true);
    expect(
      fieldsOf(
        validatePlain(MemberSkillsChangedV1, { memberId: MEMBER_ID, skills: [{ code: 'etp' }] }),
      ),
    ).toEqual(['revision']);
    expect(
      validatePlain(MemberAvailabilityChangedV1, {
        memberId: MEMBER_ID,
        availability: { weekly: [], exceptions: [] },
        revision: 3,
      }).ok,
    ).toBe(true);
    expect(
      validatePlain(MemberLeftV1, { memberId: MEMBER_ID, leftOn: '2026-12-31', revision: 4 }).ok,
    ).toBe(true);
    expect(
      fieldsOf(
        validatePlain(MemberLeftV1, { memberId: MEMBER_ID, leftOn: '31/12/2026', revision: 4 }),
      ),
    ).toEqual(['leftOn']);
    expect(
      validatePlain(MemberErasedV1, { memberId: MEMBER_ID, erasedAt: '2026-11-25T21:00:00Z' }).ok,
    ).toBe(true);
    expect(
      fieldsOf(validatePlain(MemberErasedV1, { memberId: 'x', erasedAt: '2026-11-25T21:00:00Z' })),
    ).toEqual(['memberId']);
    const tenant = {
      tenantId: 'cpts-sud-valence',
      name: 'CPTS Sud-Valence',
      legalForm: 'association',
      revision: 1,
      territory: [
        {
          code: '26362',
          name: 'Valence',
          departmentCode: '26',
          epciCode: '200068781',
          epciName: 'CA Valence Romans Agglo',
        },
      ],
      departmentCodes: ['26'],
      epciCodes: ['200068781'],
      contact: { name: 'Coordination', email: 'coordination@cpts.example' },
    };
    expect(validatePlain(TenantRegisteredV1, tenant).ok).toBe(true);
    expect(fieldsOf(validatePlain(TenantRegisteredV1, { ...tenant, territory: [] }))).toEqual([
      'territory',
    ]);
  });
});

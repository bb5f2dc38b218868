import { validatePlain } from './contract';
import { assertVersion, versionToken } from './concurrency';
import { GetJobV1, isTerminalJobState } from './job';
import { PageQueryV1, pageOf, pageWindow, parseSort } from './page';
import { ProblemError } from './request';
import { ResolveMemberIdentityV1 } from '../membership/resolve-identity.v1';

const fieldsOf = (result: ReturnType<typeof validatePlain>): string[] =>
  result.ok ? [] : result.errors.map((e) => e.field);

describe('ResolveMemberIdentityV1', () => {
  it('takes an RPPS, ADELI or sandbox identity', () => {
    expect(validatePlain(ResolveMemberIdentityV1, { kind: 'RPPS', value: '99700218896' }).ok).toBe(
      true,
    );
    expect(
      validatePlain(ResolveMemberIdentityV1, { kind: 'SANDBOX', value: 'ANS20231122132732' }).ok,
    ).toBe(true);
  });

  it('refuses another kind, a value with separators and extra fields', () => {
    expect(
      fieldsOf(validatePlain(ResolveMemberIdentityV1, { kind: 'NIR', value: '99700218896' })),
    ).toEqual(['kind']);
    expect(
      fieldsOf(validatePlain(ResolveMemberIdentityV1, { kind: 'RPPS', value: "997' OR 1=1" })),
    ).toEqual(['value']);
    expect(
      fieldsOf(
        validatePlain(ResolveMemberIdentityV1, {
          kind: 'RPPS',
          value: '99700218896',
          tenantId: 'x',
        }),
      ),
    ).toEqual(['tenantId']);
  });
});

describe('PageQueryV1', () => {
  it('takes page, pageSize and sort, with defaults', () => {
    expect(validatePlain(PageQueryV1, {}).ok).toBe(true);
    expect(
      validatePlain(PageQueryV1, { page: 2, pageSize: 200, sort: 'lastName,-registeredAt' }).ok,
    ).toBe(true);
    expect(pageWindow({})).toEqual({ page: 1, pageSize: 50, offset: 0, limit: 50 });
    expect(pageWindow({ page: 3, pageSize: 20 })).toEqual({
      page: 3,
      pageSize: 20,
      offset: 40,
      limit: 20,
    });
    expect(pageOf(['a'], 41, { page: 3, pageSize: 20 })).toEqual({
      items: ['a'],
      total: 41,
      page: 3,
      pageSize: 20,
    });
  });

  it('refuses page 0, a page size above 200 and a sort that is not a list of field names', () => {
    expect(fieldsOf(validatePlain(PageQueryV1, { page: 0 }))).toEqual(['page']);
    expect(fieldsOf(validatePlain(PageQueryV1, { pageSize: 201 }))).toEqual(['pageSize']);
    expect(fieldsOf(validatePlain(PageQueryV1, { sort: 'name; DROP TABLE members' }))).toEqual([
      'sort',
    ]);
  });

  it('parses sort against the fields a list allows, refusing others and repeats with a 400 naming sort', () => {
    expect(parseSort('lastName,-registeredAt', ['lastName', 'registeredAt'] as const)).toEqual([
      { field: 'lastName', direction: 'ASC' },
      { field: 'registeredAt', direction: 'DESC' },
    ]);
    expect(
      parseSort(undefined, ['lastName'] as const, [{ field: 'lastName', direction: 'ASC' }]),
    ).toEqual([{ field: 'lastName', direction: 'ASC' }]);
    for (const sort of ['password', 'lastName,-lastName']) {
      let error: unknown;
      try {
        parseSort(sort, ['lastName'] as const);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).problem).toMatchObject({
        status: 400,
        errors: [{ field: 'sort' }],
      });
    }
  });
});

describe('jobs and versions', () => {
  it('validates a job id and knows the terminal states', () => {
    expect(validatePlain(GetJobV1, { jobId: '7d0c7f0e-4a4e-4c3e-9d55-0b7e0e3f1a10' }).ok).toBe(
      true,
    );
    expect(fieldsOf(validatePlain(GetJobV1, { jobId: '42' }))).toEqual(['jobId']);
    expect(
      ['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) =>
        isTerminalJobState(s as never),
      ),
    ).toEqual([false, false, true, true, true]);
  });

  it('compares versions as numbers or instants, and throws 412 when they differ', () => {
    expect(versionToken(new Date('2026-11-25T20:00:00Z'))).toBe(
      versionToken('2026-11-25T20:00:00.000Z'),
    );
    expect(() => assertVersion(3, '3')).not.toThrow();
    expect(() => assertVersion(3, undefined)).not.toThrow();
    expect(() => assertVersion(4, '3')).toThrow(ProblemError);
    try {
      assertVersion(4, '3');
    } catch (e) {
      expect((e as ProblemError).problem.status).toBe(412);
    }
  });
});

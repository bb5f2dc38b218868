import { canonicalJson, requestHash } from './idempotency.interceptor';

describe('idempotency request hash', () => {
  it('is the same for the same body whatever the order of its keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    expect(requestHash('POST', '/v1/x', { a: 1, b: 2 })).toBe(
      requestHash('POST', '/v1/x', { b: 2, a: 1 }),
    );
  });

  it('differs when the body, the path or the method differ', () => {
    const base = requestHash('POST', '/v1/tenants/a/members', { lastName: 'Martin' });
    expect(requestHash('POST', '/v1/tenants/a/members', { lastName: 'Martín' })).not.toBe(base);
    expect(requestHash('POST', '/v1/tenants/b/members', { lastName: 'Martin' })).not.toBe(base);
    expect(requestHash('PUT', '/v1/tenants/a/members', { lastName: 'Martin' })).not.toBe(base);
  });
});

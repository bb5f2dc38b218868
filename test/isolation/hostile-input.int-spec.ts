import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { cptsTenant } from '../fixtures';
import { hostileBodies, HostileBody, oversizedBodies } from './hostile-bodies';
import { fillPath, WriteRoute, writeRoutes } from './openapi-routes';
import { Platform, rowCounts, startPlatform } from './platform';

const TENANT = 'cpts-a';
const REFUSALS = [400, 413, 415, 422];

/**
 * Hostile input on every write route of the gateway, enumerated from its
 * OpenAPI document with the four services behind it: generated bodies (wrong
 * types, unknown and prototype keys, huge strings, deep nesting, oversized)
 * and foreign media types are refused with a problem+json 4xx, never a 5xx,
 * and write no row, no outbox row, in any schema.
 */
describe('hostile input on every write route', () => {
  let platform: Platform;
  let routes: WriteRoute[];
  let operator: string;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    platform = await startPlatform();
    operator = await platform.http.token({ subject: 'operator-hostile', operator: true });
    const opened = await platform.http.call('POST', `/v1/tenants/${TENANT}`, {
      token: operator,
      body: cptsTenant(),
    });
    expect(opened.status).toBe(201);
    await platform.settled();
    routes = writeRoutes((await platform.http.call('GET', '/docs-json')).body);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  /** Path values: the open tenant, random ids (a new tenant for the route that opens one). */
  const pathOf = (route: WriteRoute): string =>
    fillPath(
      route,
      Object.fromEntries(
        route.params.map((p) => [
          p,
          p === 'tenantId'
            ? route.path === '/v1/tenants/{tenantId}' && route.method === 'POST'
              ? 'cpts-hostile'
              : TENANT
            : randomUUID(),
        ]),
      ),
    );

  const send = (
    route: WriteRoute,
    path: string,
    text: string,
    contentType = 'application/json',
    key = false,
  ) =>
    platform.http.call(route.method, path, {
      token: operator,
      body: text,
      headers: {
        'content-type': contentType,
        ...(route.method === 'PUT' || route.method === 'PATCH' ? { 'if-match': 'W/"1"' } : {}),
        ...(key ? { 'idempotency-key': randomUUID() } : {}),
      },
    });

  const expectRefusedAndNothingWritten = async (
    route: WriteRoute,
    path: string,
    hostile: HostileBody,
    contentType?: string,
    key?: boolean,
  ) => {
    const before = await rowCounts(platform.db);
    const response = await send(route, path, hostile.text, contentType, key);
    const what = `${route.method} ${path} with ${hostile.kind} (${hostile.text.length} B): ${response.status} ${JSON.stringify(response.body)?.slice(0, 300)}`;
    if (!REFUSALS.includes(response.status)) throw new Error(`not refused: ${what}`);
    if (!/^application\/problem\+json/.test(response.headers.get('content-type') ?? ''))
      throw new Error(`not problem+json: ${what}`);
    if (response.body.status !== response.status)
      throw new Error(`problem status differs: ${what}`);
    const after = await rowCounts(platform.db);
    expect({ route: `${route.method} ${route.path}`, counts: after }).toEqual({
      route: `${route.method} ${route.path}`,
      counts: before,
    });
  };

  it('finds the write routes of all four services in the OpenAPI document', () => {
    const listed = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'POST /v1/tenants/{tenantId}',
      'POST /v1/tenants/{tenantId}/members',
      'PUT /v1/tenants/{tenantId}/members/{memberId}/availability',
      'POST /v1/tenants/{tenantId}/rota-jobs',
      'POST /v1/tenants/{tenantId}/campaigns',
      'POST /v1/tenants/{tenantId}/partners',
      'POST /v1/tenants/{tenantId}/referrals',
    ])
      expect(listed).toContain(expected);
    expect(routes.filter((r) => r.body).length).toBeGreaterThanOrEqual(25);
  });

  it('refuses generated hostile JSON bodies on every route that takes a body, writing nothing', async () => {
    for (const route of routes.filter((r) => r.body)) {
      const path = pathOf(route);
      await fc.assert(
        fc.asyncProperty(hostileBodies(route.body!), fc.boolean(), async (hostile, key) => {
          await expectRefusedAndNothingWritten(route, path, hostile, 'application/json', key);
        }),
        { numRuns: 24, endOnFailure: true },
      );
    }
    // no parser, transformer or validator let a key reach Object.prototype
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);

  it('refuses generated hostile CSV on the import route, writing nothing', async () => {
    const route = routes.find((r) => r.path === '/v1/tenants/{tenantId}/members/import');
    expect(route?.mediaTypes).toContain('text/csv');
    const header =
      'Nom;Prénom;Profession;RPPS;ADELI;Email;Téléphone;Communes;Compétences;Statut;Structure';
    const cell = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '=cmd|/C calc!A0',
        '+SUM(A1:A9)',
        '@HYPERLINK("http://x")',
        '"unclosed',
        '\u0000',
        '10005173140',
        'nurse',
        '26362',
      ),
      fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n)),
    );
    const line = fc
      .array(cell, { minLength: 1, maxLength: 14 })
      .chain((cells) => fc.constantFrom(';', ',', '\t').map((separator) => cells.join(separator)));
    const csv = fc
      .tuple(
        fc.oneof(fc.constant(header), line),
        fc.array(line, { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
      )
      .map(([first, rest, newline]) => [first, ...rest].join(newline));
    await fc.assert(
      fc.asyncProperty(csv, async (text) => {
        const before = await rowCounts(platform.db);
        const response = await platform.http.call('POST', pathOf(route!), {
          token: operator,
          body: text,
          headers: { 'content-type': 'text/csv' },
        });
        const what = `${response.status} ${JSON.stringify(response.body)?.slice(0, 300)} for ${JSON.stringify(text.slice(0, 200))}`;
        // a header alone is an empty import (200, nobody registered); anything else is refused
        const empty = response.status === 200 && response.body.registered === 0;
        if (!empty && (response.status < 400 || response.status >= 500))
          throw new Error(`not refused: ${what}`);
        if (!empty)
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await rowCounts(platform.db)).toEqual(before);
      }),
      { numRuns: 30, endOnFailure: true },
    );
    // over the CSV limit (5 MB)
    const before = await rowCounts(platform.db);
    const huge = await platform.http.call('POST', pathOf(route!), {
      token: operator,
      body: `${header}\n${'Martin;Claire;nurse;10005173140;;;;26362;;active;\n'.repeat(120_000)}`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(huge.status).toBe(413);
    expect(await rowCounts(platform.db)).toEqual(before);
  }, 300_000);

  it('refuses oversized bodies with 413 on every write route', async () => {
    for (const route of routes) {
      const path = pathOf(route);
      await fc.assert(
        fc.asyncProperty(oversizedBodies, async (hostile) => {
          const before = await rowCounts(platform.db);
          const response = await send(route, path, hostile.text);
          expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
            route: `${route.method} ${route.path}`,
            status: 413,
          });
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(await rowCounts(platform.db)).toEqual(before);
        }),
        { numRuns: 2, endOnFailure: true },
      );
    }
  }, 300_000);

  it('refuses bodies of other media types with 415, and malformed JSON with 400, on every write route', async () => {
    const before = await rowCounts(platform.db);
    for (const route of routes) {
      const path = pathOf(route);
      // a DELETE reads no body: whatever it carries is not parsed
      if (route.method !== 'DELETE')
        for (const [contentType, text] of [
          ['text/plain', '{"lastName":"Martin"}'],
          ['application/xml', '<member><lastName>Martin</lastName></member>'],
          ['application/x-www-form-urlencoded', 'lastName=Martin&__proto__[polluted]=yes'],
          [
            'multipart/form-data; boundary=x',
            '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
          ],
        ]) {
          const response = await send(route, path, text, contentType);
          expect({
            route: `${route.method} ${route.path}`,
            contentType,
            status: response.status,
          }).toEqual({ route: `${route.method} ${route.path}`, contentType, status: 415 });
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        }
      for (const text of ['{"lastName":', '{lastName: "Martin"}', '\u0000', '{"a":1}}', '']) {
        const response = await send(route, path, text || ' ');
        expect({ route: `${route.method} ${route.path}`, text, status: response.status }).toEqual({
          route: `${route.method} ${route.path}`,
          text,
          status: 400,
        });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
    }
    expect(await rowCounts(platform.db)).toEqual(before);
  }, 300_000);

  it('answers hostile path identifiers with a 4xx, never a 5xx, writing nothing', async () => {
    const hostileId = fc.oneof(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.constantFrom(
        "' OR '1'='1",
        '../../members',
        '%00',
        '00000000-0000-0000-0000-00000000000g',
        'null',
        '__proto__',
        'constructor',
        ' ',
        '𝕏'.repeat(300),
      ),
      fc.integer({ min: 200, max: 2_000 }).map((n) => 'a'.repeat(n)),
    );
    for (const route of routes.filter((r) => r.params.length > 1)) {
      const idParams = route.params.filter((p) => p !== 'tenantId');
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...idParams), hostileId, async (param, value) => {
          const path = fillPath(
            route,
            Object.fromEntries(
              route.params.map((p) => [
                p,
                p === param ? value : p === 'tenantId' ? TENANT : randomUUID(),
              ]),
            ),
          );
          const before = await rowCounts(platform.db);
          // a well-formed body where one is taken: the id alone is hostile
          const response = await platform.http.call(route.method, path, {
            token: operator,
            body: route.body ? '{}' : undefined,
            headers:
              route.method === 'PUT' || route.method === 'PATCH' ? { 'if-match': 'W/"1"' } : {},
          });
          const what = `${route.method} ${path}: ${response.status} ${JSON.stringify(response.body)?.slice(0, 200)}`;
          if (response.status < 400 || response.status >= 500)
            throw new Error(`not a 4xx: ${what}`);
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(await rowCounts(platform.db)).toEqual(before);
        }),
        { numRuns: 12, endOnFailure: true },
      );
    }
  }, 300_000);

  it('refuses a hostile tenant id on the route that opens a CPTS, with an otherwise valid body', async () => {
    const before = await rowCounts(platform.db);
    for (const tenantId of [
      'a'.repeat(300),
      'CPTS A',
      'cpts/../a',
      "cpts-a'; --",
      'cpts-\u00e9t\u00e9',
      '__proto__',
      '',
    ]) {
      const response = await platform.http.call(
        'POST',
        `/v1/tenants/${encodeURIComponent(tenantId)}`,
        { token: operator, body: cptsTenant() },
      );
      if (response.status < 400 || response.status >= 500)
        throw new Error(
          `tenant ${JSON.stringify(tenantId)}: ${response.status} ${JSON.stringify(response.body)}`,
        );
    }
    expect(await rowCounts(platform.db)).toEqual(before);
  });
});

import { Client } from 'pg';
import { RequestMessage } from '@maillage/contracts';
import { createTestDatabase, createTestPrefix, RunningService } from '@maillage/testing';
import { configureGatewayHttp } from '../apps/gateway/src/http/configure-http';
import { HttpClient } from './fixtures';
import { startFrontDoor } from './front-door';
import { GatewayUnderTestModule, NotesController, Slow } from './gateway-http-fixture';

const TENANT = 'cpts-http';
const RATE_LIMIT = 80;

interface ServerSentEvent {
  event: string;
  id?: string;
  data: any;
}

function parseEventStream(text: string): ServerSentEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event: ServerSentEvent = { event: 'message', data: undefined };
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(':');
        const value = rest.join(':').replace(/^ /, '');
        if (field === 'event') event.event = value;
        if (field === 'id') event.id = value;
        if (field === 'data') event.data = JSON.parse(value);
      }
      return event;
    });
}

/**
 * The gateway's HTTP conventions through real HTTP, PostgreSQL and NATS:
 * problem+json for every refusal, limits, rate limiting, idempotency keys,
 * ETags, paging, jobs and their server-sent events, timeouts toward services.
 */
describe('gateway HTTP conventions', () => {
  let databaseUrl: string;
  let gateway: RunningService;
  let membership: RunningService;
  let http: HttpClient;
  let baseUrl: string;
  let coordinator: string;
  let db: Client;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const prefix = createTestPrefix();
    ({ membership, gateway, http } = await startFrontDoor({
      databaseUrl,
      prefix,
      tenants: [[TENANT]],
      gateway: (r) =>
        GatewayUnderTestModule.register(r, {
          devIssuerEnabled: true,
          rateLimit: { limit: RATE_LIMIT, windowMs: 60_000 },
        }),
      configure: (app) => configureGatewayHttp(app, { bodyLimit: '16kb' }),
    }));
    baseUrl = await gateway.app.getUrl();
    coordinator = await http.token({
      subject: 'coordinator-http',
      tenants: { [TENANT]: ['coordinator'] },
    });
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await gateway?.stop();
    await membership?.stop();
  });

  const notes = () => gateway.app.get(NotesController).notes;
  const isProblem = (response: { headers: Headers }) =>
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);

  describe('problem+json for every refusal', () => {
    it('404 for an unknown route', async () => {
      const response = await http.call('GET', '/v1/nowhere', { token: coordinator });
      expect(response.status).toBe(404);
      isProblem(response);
      expect(response.body).toMatchObject({
        status: 404,
        title: 'Not found',
        instance: '/v1/nowhere',
      });
    });

    it('413 for a body above the limit, before any handler runs', async () => {
      const before = notes().size;
      const response = await http.call('POST', `/v1/tenants/${TENANT}/notes`, {
        token: coordinator,
        body: { text: 'x'.repeat(20_000) },
      });
      expect(response.status).toBe(413);
      isProblem(response);
      expect(response.body.detail).toMatch(/larger than the limit/);
      expect(notes().size).toBe(before);
    });

    it('415 for a body that is not JSON', async () => {
      const before = notes().size;
      const response = await http.call('POST', `/v1/tenants/${TENANT}/notes`, {
        token: coordinator,
        body: '<note><text>hi</text></note>',
        headers: { 'content-type': 'application/xml' },
      });
      expect(response.status).toBe(415);
      isProblem(response);
      expect(notes().size).toBe(before);
    });

    it('400 for JSON that does not parse', async () => {
      const response = await http.call('POST', `/v1/tenants/${TENANT}/notes`, {
        token: coordinator,
        body: '{"text": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      isProblem(response);
      expect(response.body.detail).toMatch(/not valid JSON/);
    });

    it('security headers on every answer', async () => {
      const response = await http.call('GET', '/v1/nowhere');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('lists', () => {
    beforeAll(() => {
      for (const text of ['delta', 'alpha', 'charlie', 'bravo', 'echo'])
        notes().set(text, { id: text, text, version: text.length });
    });

    it('pages and sorts, answering items, total, page and pageSize', async () => {
      const response = await http.call(
        'GET',
        `/v1/tenants/${TENANT}/notes?page=2&pageSize=2&sort=-text`,
        { token: coordinator },
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
      expect(response.body.items.map((n: { text: string }) => n.text)).toEqual([
        'charlie',
        'bravo',
      ]);
    });

    it('refuses an unknown filter, a page size above 200 and a field it does not sort on, naming them', async () => {
      const response = await http.call(
        'GET',
        `/v1/tenants/${TENANT}/notes?pageSize=500&color=red`,
        { token: coordinator },
      );
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'color',
        'pageSize',
      ]);
      const sort = await http.call('GET', `/v1/tenants/${TENANT}/notes?sort=secret`, {
        token: coordinator,
      });
      expect(sort.status).toBe(400);
      expect(sort.body.errors).toEqual([
        { field: 'sort', reason: expect.stringMatching(/cannot sort on secret/) },
      ]);
    });

    afterAll(() => notes().clear());
  });

  describe('ETags and If-Match', () => {
    let id: string;

    beforeAll(async () => {
      const created = await http.call('POST', `/v1/tenants/${TENANT}/notes`, {
        token: coordinator,
        body: { text: 'availability of Claire' },
      });
      id = created.body.id;
    });

    it('answers a weak ETag from the version, and 304 when If-None-Match names it', async () => {
      const read = await http.call('GET', `/v1/tenants/${TENANT}/notes/${id}`, {
        token: coordinator,
      });
      expect(read.headers.get('etag')).toBe('W/"1"');
      const again = await http.call('GET', `/v1/tenants/${TENANT}/notes/${id}`, {
        token: coordinator,
        headers: { 'if-none-match': 'W/"1"' },
      });
      expect(again.status).toBe(304);
    });

    it('refuses an update without If-Match (428) and a stale one (412), and accepts the current one', async () => {
      const missing = await http.call('PUT', `/v1/tenants/${TENANT}/notes/${id}`, {
        token: coordinator,
        body: { text: 'coordinator edit' },
      });
      expect(missing.status).toBe(428);
      isProblem(missing);
      const coordinatorEdit = await http.call('PUT', `/v1/tenants/${TENANT}/notes/${id}`, {
        token: coordinator,
        body: { text: 'coordinator edit' },
        headers: { 'if-match': 'W/"1"' },
      });
      expect(coordinatorEdit.status).toBe(200);
      expect(coordinatorEdit.headers.get('etag')).toBe('W/"2"');
      // the member read version 1 too: their write would erase the coordinator's
      const member = await http.token({ subject: 'claire', tenants: { [TENANT]: ['member'] } });
      const stale = await http.call('PUT', `/v1/tenants/${TENANT}/notes/${id}`, {
        token: member,
        body: { text: 'member edit' },
        headers: { 'if-match': 'W/"1"' },
      });
      expect(stale.status).toBe(412);
      isProblem(stale);
      expect(notes().get(id)!.text).toBe('coordinator edit');
      const malformed = await http.call('PUT', `/v1/tenants/${TENANT}/notes/${id}`, {
        token: member,
        body: { text: 'member edit' },
        headers: { 'if-match': 'version 2' },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].field).toBe('If-Match');
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer, status and Location included, and creates once', async () => {
      const before = notes().size;
      const headers = { 'idempotency-key': 'note-create-1' };
      const first = await http.call('POST', `/v1/tenants/${TENANT}/notes`, {
        token: coordinator,
        body: { text: 'one' },
        headers,
      });
      const retry = await http.call('POST', `/v1/tenants/${TENANT}/notes`, {
        token: coordinator,
        body: { text: 'one' },
        headers,
      });
      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('location')).toBe(first.headers.get('location'));
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(notes().size).toBe(before + 1);
      const { rows } = await db.query(
        `SELECT state, response_status FROM gateway.idempotency_keys WHERE key = 'note-create-1'`,
      );
      expect(rows).toEqual([{ state: 'completed', response_status: 201 }]);
    });

    it('creates once when retries race: the others see it running (409) or replay it', async () => {
      const before = notes().size;
      const headers = { 'idempotency-key': 'note-race' };
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          http.call('POST', `/v1/tenants/${TENANT}/notes`, {
            token: coordinator,
            body: { text: 'raced' },
            headers,
          }),
        ),
      );
      expect(notes().size).toBe(before + 1);
      const created = responses.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    });

    it('forgets the key of a refused request, so a corrected retry runs', async () => {
      const headers = { 'idempotency-key': 'note-create-2' };
      const invalid = await http.call('POST', `/v1/tenants/${TENANT}/notes`, {
        token: coordinator,
        body: { text: 42 },
        headers,
      });
      expect(invalid.status).toBe(400);
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM gateway.idempotency_keys WHERE key = 'note-create-2'`,
      );
      expect(rows[0].n).toBe(0);
    });

    it('refuses a key that is not printable ASCII', async () => {
      const response = await http.call('POST', `/v1/tenants/${TENANT}/notes`, {
        token: coordinator,
        body: { text: 'x' },
        headers: { 'idempotency-key': 'clé' },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('Idempotency-Key');
    });
  });

  describe('jobs', () => {
    it('answers 202 with Location, is readable by polling, and streams progress then done as server-sent events', async () => {
      const scheduler = await http.token({
        subject: 'rota-bot',
        tenants: { [TENANT]: ['scheduler'] },
      });
      const started = await http.call('POST', `/v1/tenants/${TENANT}/notes/jobs`, {
        token: scheduler,
      });
      expect(started.status).toBe(202);
      const location = started.headers.get('location')!;
      expect(location).toBe(`/v1/tenants/${TENANT}/notes/jobs/${started.body.jobId}`);
      const polled = await http.call('GET', location, { token: scheduler });
      expect(polled.status).toBe(200);
      expect(polled.body.jobId).toBe(started.body.jobId);

      const stream = await fetch(`${baseUrl}${location}/events`, {
        headers: { authorization: `Bearer ${scheduler}` },
      });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = parseEventStream(await stream.text());
      const kinds = events.map((e) => e.event).filter((k) => k !== 'ping');
      expect(kinds.at(-1)).toBe('done');
      expect(kinds.slice(0, -1).every((k) => k === 'progress')).toBe(true);
      expect(events.at(-1)!.data).toMatchObject({
        state: 'succeeded',
        progress: { done: 3, total: 3 },
      });
      const done = events.map((e) => e.data?.progress?.done).filter((d) => d !== undefined);
      expect(done).toEqual([...done].sort());
    });

    it('answers a problem, not a stream, for an unknown job; a scheduler may not read notes', async () => {
      const scheduler = await http.token({
        subject: 'rota-bot',
        tenants: { [TENANT]: ['scheduler'] },
      });
      const unknown = await http.call(
        'GET',
        `/v1/tenants/${TENANT}/notes/jobs/00000000-0000-4000-8000-000000000000/events`,
        { token: scheduler },
      );
      expect(unknown.status).toBe(404);
      isProblem(unknown);
      const notesAsScheduler = await http.call('GET', `/v1/tenants/${TENANT}/notes`, {
        token: scheduler,
      });
      expect(notesAsScheduler.status).toBe(403);
    });
  });

  describe('services behind the gateway', () => {
    it('answers 503 when no service serves the request', async () => {
      const response = await http.call('GET', `/v1/tenants/${TENANT}/notes/slow`, {
        token: coordinator,
      });
      expect(response.status).toBe(503);
      isProblem(response);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    });

    it('answers 504 when the service does not answer in time', async () => {
      await gateway.transport.serve(Slow.subject, 'slow-test', async (_: RequestMessage) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return { ok: true, value: {} };
      });
      const started = Date.now();
      const response = await http.call('GET', `/v1/tenants/${TENANT}/notes/slow`, {
        token: coordinator,
      });
      expect(response.status).toBe(504);
      isProblem(response);
      expect(Date.now() - started).toBeLessThan(1400);
    });
  });

  it('documents the conventions in the OpenAPI document: problems, Idempotency-Key, If-Match, event streams', async () => {
    const { status, body: doc } = await http.call('GET', '/docs-json');
    expect(status).toBe(200);
    expect(doc.components.schemas.Problem.properties.errors).toBeDefined();
    const notesPath = doc.paths['/v1/tenants/{tenantId}/notes'];
    expect(notesPath.get.responses['401'].content['application/problem+json'].schema.$ref).toBe(
      '#/components/schemas/Problem',
    );
    expect(notesPath.post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
    expect(doc.paths['/v1/tenants/{tenantId}/notes/{id}'].put.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
      ]),
    );
    expect(doc.paths['/v1/tenants/{tenantId}/notes/{id}'].put.responses['428']).toBeDefined();
    expect(notesPath.get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'sort', 'contains']),
    );
    expect(doc.paths['/v1/tenants/{tenantId}/notes/jobs'].post.responses['202']).toBeDefined();
    expect(
      doc.paths['/v1/tenants/{tenantId}/notes/jobs/{jobId}/events'].get.responses['200'].content[
        'text/event-stream'
      ],
    ).toBeDefined();
  });

  it(`limits each client to ${RATE_LIMIT} requests a minute: 429 problem+json with Retry-After, other clients unaffected`, async () => {
    const token = await http.token({
      subject: 'busy-client',
      tenants: { [TENANT]: ['coordinator'] },
    });
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++)
      statuses.push((await http.call('GET', `/v1/tenants/${TENANT}/notes`, { token })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await http.call('GET', `/v1/tenants/${TENANT}/notes`, { token });
    expect(limited.status).toBe(429);
    isProblem(limited);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await http.call('GET', `/v1/tenants/${TENANT}/notes`, { token: coordinator });
    expect(other.status).toBe(200);
  });
});

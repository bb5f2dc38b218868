import { fromMemberRegistration } from '../members/member-wire';
import { generateDemoCpts } from './demo-cpts';

/**
 * Loads the demo CPTS Sud-Valence through the HTTP API of a gateway whose dev
 * issuer is on (standalone, or any test deployment): an operator opens the
 * CPTS, a coordinator registers its members. Same path as a real client, so
 * every event reaches scheduling and the other services. A CPTS already
 * there is left as it is.
 */
export interface DemoLoadOptions {
  readonly baseUrl: string;
  readonly tenantId?: string;
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

export interface DemoLoadResult {
  readonly tenantId: string;
  readonly created: boolean;
  readonly registered: number;
  readonly refused: { member: string; status: number; detail: string }[];
}

export const DEMO_TENANT_ID = 'cpts-sud-valence';

export async function loadDemoCpts(options: DemoLoadOptions): Promise<DemoLoadResult> {
  const tenantId = options.tenantId ?? DEMO_TENANT_ID;
  const log = options.log ?? (() => undefined);
  const api = apiOf(options.baseUrl);
  const operator = await api.token({ subject: 'demo-operator', operator: true });
  const coordinator = await api.token({
    subject: 'demo-coordinator',
    tenants: { [tenantId]: ['coordinator'] },
  });
  const cpts = generateDemoCpts();

  const opened = await api.call('POST', `/v1/tenants/${tenantId}`, operator, {
    name: cpts.name,
    legalForm: 'association',
    communes: cpts.communes.map((c) => c.code),
    aciAgreementDate: '2021-03-15',
    contact: {
      name: `Coordination ${cpts.name}`,
      email: `coordination@${cpts.slug}.example`,
      phone: '04 65 71 00 00',
    },
  });
  if (opened.status === 409) {
    log(`${tenantId} already exists: demo data not loaded again`);
    return { tenantId, created: false, registered: 0, refused: [] };
  }
  if (opened.status !== 201)
    throw new Error(
      `opening ${tenantId} answered ${opened.status}: ${JSON.stringify(opened.body)}`,
    );
  log(
    `${cpts.name} opened: ${cpts.communes.length} communes (${[...new Set(cpts.communes.map((c) => c.epciName))].join(', ')})`,
  );

  let registered = 0;
  const refused: DemoLoadResult['refused'] = [];
  const queue = [...cpts.members];
  const worker = async (): Promise<void> => {
    for (let member = queue.shift(); member; member = queue.shift()) {
      const response = await api.call(
        'POST',
        `/v1/tenants/${tenantId}/members`,
        coordinator,
        fromMemberRegistration(member),
      );
      if (response.status === 201) registered += 1;
      else
        refused.push({
          member: `${member.identity.firstName} ${member.identity.lastName}`,
          status: response.status,
          detail: JSON.stringify(response.body),
        });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  log(`${registered} members registered${refused.length ? `, ${refused.length} refused` : ''}`);
  return { tenantId, created: true, registered, refused };
}

/** How a newcomer gets a token for the demo CPTS, printed after loading. */
export function demoTokenHelp(baseUrl: string, tenantId = DEMO_TENANT_ID): string {
  return [
    `Demo CPTS "${tenantId}" is ready. Get a coordinator token:`,
    `  curl -s -X POST ${baseUrl}/dev-issuer/token -H 'content-type: application/json' \\`,
    `    -d '{"subject":"coordinator@${tenantId}","tenants":{"${tenantId}":["coordinator"]}}'`,
    `then: curl -H "authorization: Bearer <access_token>" '${baseUrl}/v1/tenants/${tenantId}/members?profession=nurse&skill=can-vaccinate'`,
    `API docs: ${baseUrl}/docs`,
  ].join('\n');
}

function apiOf(baseUrl: string) {
  const call = async (
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${baseUrl.replace(/\/$/, '')}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed };
  };
  return {
    call,
    token: async (claims: object): Promise<string> => {
      const { status, body } = await call('POST', '/dev-issuer/token', undefined, claims);
      if (status !== 201)
        throw new Error(
          `the dev issuer answered ${status}: is this a standalone or test gateway with AUTH_DEV_ISSUER_ENABLED?`,
        );
      return (body as { access_token: string }).access_token;
    },
  };
}

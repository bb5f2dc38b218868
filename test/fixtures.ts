import { RegisterMemberV1, RegisterTenantV1 } from '@maillage/contracts';

/** A nurse as a coordinator registers her; RPPS values from FRENCH-IDS.md. */
export function nurse(overrides: Partial<RegisterMemberV1> = {}): RegisterMemberV1 {
  return {
    lastName: 'Martin',
    firstName: 'Claire',
    profession: 'nurse',
    identifierKind: 'RPPS',
    identifierValue: '10005173140',
    communes: ['26362'],
    status: 'active',
    skills: [{ code: 'can-vaccinate', trainedOn: '2024-09-15' }],
    availability: { weekly: [{ weekday: 1, start: '08:00', end: '13:00' }], exceptions: [], monthlyShiftCap: 8 },
    votingRights: true,
    ...overrides,
  };
}

export interface HttpClient {
  token(claims: { subject: string; tenants?: Record<string, string[]>; operator?: boolean; memberId?: string; expiresIn?: number }): Promise<string>;
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

/** A tiny client of the gateway's HTTP API, with the dev issuer for tokens. */
export function httpClient(baseUrl: string): HttpClient {
  const call: HttpClient['call'] = async (method, path, options = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body, headers: response.headers };
  };
  return {
    call,
    token: async (claims) => {
      const { status, body } = await call('POST', '/dev-issuer/token', { body: claims });
      if (status !== 201) throw new Error(`dev issuer answered ${status}: ${JSON.stringify(body)}`);
      return (body as { access_token: string }).access_token;
    },
  };
}

/** A CPTS as an operator opens it: a tenant must exist before its members (membership answers 404 otherwise). */
export function cptsTenant(overrides: Partial<RegisterTenantV1> = {}): RegisterTenantV1 {
  return {
    name: 'CPTS Sud-Valence',
    legalForm: 'association',
    communes: ['26362', '26252', '26124'],
    aciAgreementDate: '2021-03-15',
    contact: { name: 'Coordination CPTS Sud-Valence', email: 'coordination@cpts-sud-valence.example' },
    ...overrides,
  };
}

/** Opens the CPTS `tenantId` with an operator token; a CPTS already open is fine. */
export async function openTenant(http: HttpClient, tenantId: string, overrides: Partial<RegisterTenantV1> = {}): Promise<void> {
  const token = await http.token({ subject: 'operator-1', operator: true });
  const { status, body } = await http.call('POST', `/v1/tenants/${tenantId}`, { token, body: cptsTenant(overrides) });
  if (status !== 201 && status !== 409) throw new Error(`opening ${tenantId} answered ${status}: ${JSON.stringify(body)}`);
}

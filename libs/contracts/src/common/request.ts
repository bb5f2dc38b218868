import { FieldError } from './contract';

/** The roles of the platform, per tenant. */
export const ROLES = ['operator', 'coordinator', 'member', 'partner', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];

/** Who asks, on behalf of which tenant: travels with every request to a service. */
export interface Actor {
  subject: string;
  roles: Role[];
  /** set when the caller is a professional known to membership */
  memberId?: string;
  /** set when the caller acts for a partner organisation */
  partnerId?: string;
}

export interface RequestContextV1 {
  tenantId: string;
  correlationId: string;
  actor: Actor;
}

export interface RequestMessage<Q = unknown> {
  context: RequestContextV1;
  body: Q;
}

/** A refusal a service sends back; the gateway renders it as problem+json. */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: FieldError[];
}

export type Reply<R = unknown> = { ok: true; value: R } | { ok: false; problem: Problem };

/** Thrown by request handlers to refuse with a status the caller understands. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  static badRequest(
    errors: FieldError[],
    detail = 'The request has invalid fields.',
  ): ProblemError {
    return new ProblemError({ status: 400, title: 'Invalid request', detail, errors });
  }

  static notFound(detail: string): ProblemError {
    return new ProblemError({ status: 404, title: 'Not found', detail });
  }

  static conflict(detail: string, errors?: FieldError[]): ProblemError {
    return new ProblemError({ status: 409, title: 'Conflict', detail, errors });
  }

  static forbidden(detail: string): ProblemError {
    return new ProblemError({ status: 403, title: 'Forbidden', detail });
  }
}

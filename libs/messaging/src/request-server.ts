import { Logger } from '@nestjs/common';
import { ProblemError, Reply, RequestContract, RequestMessage, ROLES, validatePlain } from '@maillage/contracts';
import { RequestContext } from './event-context';

export type RequestHandlerMethod = (body: object, context: RequestContext) => Promise<unknown>;

/**
 * Wraps a request handler: validates the context and body (a service checks
 * again what the gateway checked: it trusts no caller), and turns refusals into
 * problems the gateway renders as problem+json.
 */
export function serveRequest(service: string, contract: RequestContract, handler: RequestHandlerMethod) {
  const logger = new Logger(`${service}:${contract.subject}`);
  return async (message: RequestMessage): Promise<Reply> => {
    const context = message?.context;
    if (!context || typeof context.tenantId !== 'string' || !context.tenantId || !context.actor || !Array.isArray(context.actor.roles)
      || !context.actor.roles.every((r) => (ROLES as readonly string[]).includes(r))) {
      logger.warn({ subject: contract.subject }, 'request refused: missing or invalid context');
      return { ok: false, problem: { status: 400, title: 'Invalid request context', detail: 'tenant and actor are required' } };
    }
    const body = validatePlain(contract.request, message.body ?? {});
    if (!body.ok) return { ok: false, problem: ProblemError.badRequest(body.errors).problem };
    try {
      const value = await handler(body.value, {
        tenantId: context.tenantId,
        correlationId: context.correlationId,
        causationId: null,
        actor: context.actor,
      });
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ProblemError) return { ok: false, problem: error.problem };
      logger.error({ correlationId: context.correlationId, error: error instanceof Error ? error.stack : String(error) }, 'request failed');
      return { ok: false, problem: { status: 500, title: 'Internal error', detail: 'the service could not handle the request' } };
    }
  };
}

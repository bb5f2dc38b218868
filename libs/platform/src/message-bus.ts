import { Inject, Injectable } from '@nestjs/common';
import { ProblemError, RequestContextV1, RequestContract } from '@maillage/contracts';
import { MessageTransport } from '@maillage/messaging';
import { SERVICE_RUNTIME, SERVICE_TRANSPORT, ServiceRuntime } from './service-runtime';

/** Asks another service and waits for its answer; a refusal comes back as a ProblemError. */
@Injectable()
export class MessageBus {
  constructor(
    @Inject(SERVICE_TRANSPORT) private readonly transport: MessageTransport,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async request<Q extends object, R>(
    contract: RequestContract<Q, R>,
    body: Q,
    context: RequestContextV1,
    timeoutMs?: number,
  ): Promise<R> {
    const reply = await this.transport.request(
      contract.subject,
      { context, body },
      timeoutMs ?? this.runtime.requestTimeoutMs ?? 10_000,
    );
    if (!reply.ok) throw new ProblemError(reply.problem);
    return reply.value as R;
  }
}

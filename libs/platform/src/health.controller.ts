import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { pingDatabase } from '@maillage/database';
import { MessageTransport } from '@maillage/messaging';
import { Public } from './public.decorator';
import {
  SERVICE_DATA_SOURCE,
  SERVICE_IDENTITY,
  SERVICE_TRANSPORT,
  ServiceIdentity,
} from './service-runtime';

/** Liveness says the process answers; readiness that its PostgreSQL and broker do. */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_TRANSPORT) private readonly transport: MessageTransport,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
  ) {}

  @Get()
  @HttpCode(200)
  live(): { status: string; service: string } {
    return { status: 'ok', service: this.identity.service };
  }

  @Get('ready')
  async ready(): Promise<{ status: string; service: string; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    checks.postgres = await pingDatabase(this.dataSource).then(
      () => 'up',
      (e: unknown) => `down: ${String(e)}`,
    );
    checks.broker = this.transport.isHealthy()
      ? `up (${this.transport.name})`
      : `down (${this.transport.name})`;
    const ready = Object.values(checks).every((c) => c.startsWith('up'));
    const body = { status: ready ? 'ready' : 'not-ready', service: this.identity.service, checks };
    if (!ready) throw new ServiceUnavailableException(body);
    return body;
  }
}

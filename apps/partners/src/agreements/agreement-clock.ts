import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { UnitOfWork } from '@maillage/platform';
import { AgreementEntity } from './agreement.entity';
import { AgreementLifecycle } from './agreement-lifecycle';
import { parisDay } from './agreement-rules';

export const AGREEMENT_CLOCK_INTERVAL = Symbol('AGREEMENT_CLOCK_INTERVAL');

/**
 * Starts agreements whose first day has come and ends those past their last
 * day. Safe with several replicas: each agreement is moved in its own
 * transaction that takes its row with FOR UPDATE SKIP LOCKED and checks its
 * status again, so a row is moved once whoever gets it first.
 */
@Injectable()
export class AgreementClock implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AgreementClock.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(AGREEMENT_CLOCK_INTERVAL) private readonly intervalMs: number,
    private readonly unitOfWork: UnitOfWork,
    private readonly lifecycle: AgreementLifecycle,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    const tick = (): void => {
      if (this.running) return;
      this.running = this.runDue(new Date())
        .catch((error: unknown) =>
          this.logger.error(
            { error: error instanceof Error ? error.stack : String(error) },
            'agreement clock failed',
          ),
        )
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, this.intervalMs);
    tick();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Moves every agreement due at `now`; returns what it moved. */
  async runDue(now: Date): Promise<{ activated: string[]; ended: string[] }> {
    const today = parisDay(now);
    const activated: string[] = [];
    const ended: string[] = [];
    // the scan spans every CPTS (read-only); each move runs in its agreement's tenant
    const toStart: { id: string; tenant_id: string }[] = await this.unitOfWork.readAcrossTenants(
      '*',
      (m) =>
        m.query(
          `SELECT id, tenant_id FROM "partners".agreements WHERE status = 'signed' AND starts_on <= $1::date AND ends_on >= $1::date ORDER BY starts_on LIMIT 500`,
          [today],
        ),
    );
    for (const row of toStart) {
      if (
        await this.move(
          row,
          `status = 'signed' AND starts_on <= $2::date AND ends_on >= $2::date`,
          today,
          (tx, a) => this.lifecycle.activate(tx, a, now),
        )
      ) {
        activated.push(row.id);
      }
    }
    const toEnd: { id: string; tenant_id: string }[] = await this.unitOfWork.readAcrossTenants(
      '*',
      (m) =>
        m.query(
          `SELECT id, tenant_id FROM "partners".agreements WHERE status <> 'ended' AND ends_on < $1::date ORDER BY ends_on LIMIT 500`,
          [today],
        ),
    );
    for (const row of toEnd) {
      if (
        await this.move(row, `status <> 'ended' AND ends_on < $2::date`, today, (tx, a) =>
          this.lifecycle.end(tx, a, now, 'term-reached'),
        )
      ) {
        ended.push(row.id);
      }
    }
    if (activated.length || ended.length)
      this.logger.log(
        { today, activated: activated.length, ended: ended.length },
        'agreements moved by date',
      );
    return { activated, ended };
  }

  private move(
    row: { id: string; tenant_id: string },
    stillDue: string,
    today: string,
    change: (
      tx: Parameters<Parameters<UnitOfWork['run']>[1]>[0],
      agreement: AgreementEntity,
    ) => Promise<void>,
  ): Promise<boolean> {
    return this.unitOfWork.run(
      { tenantId: row.tenant_id, correlationId: `agreement-clock:${today}:${row.id}` },
      async (tx) => {
        const locked: unknown[] = await tx.manager.query(
          `SELECT id FROM "partners".agreements WHERE id = $1 AND ${stillDue} FOR UPDATE SKIP LOCKED`,
          [row.id, today],
        );
        if (!locked.length) return false; // another replica has it, or it moved meanwhile
        const agreement = await tx.manager
          .getRepository(AgreementEntity)
          .findOneByOrFail({ id: row.id });
        await change(tx, agreement);
        return true;
      },
    );
  }
}

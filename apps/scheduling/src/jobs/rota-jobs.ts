import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CancelRotaJob,
  CreateRotaJob,
  FieldError,
  GetJobV1,
  GetRotaJob,
  JobViewV1,
  MessageContext,
  ProblemError,
  RequestRotaV1,
  RotaGenerated,
  RotaProgress,
} from '@maillage/contracts';
import { OnRequest, RequestContext, WorkItem, WorkQueue } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { solveInWorker, SolveProgress } from '@maillage/rostering';
import { administers, rowsOf, SqlRow } from '../rota/access';
import { daysBetween } from '../rota/paris-time';
import { insertDraft } from '../rota/rota-amendments';
import { buildRotaProblem } from '../rota/rota-problem.adapter';
import { loadRotaInput, loadSites } from '../rota/rota-store';

export const ROTA_WORK_QUEUE = Symbol('ROTA_WORK_QUEUE');
/** Who this replica is, recorded on the jobs it runs. */
export const SCHEDULING_INSTANCE = Symbol('SCHEDULING_INSTANCE');

export interface RotaJobItem {
  tenantId: string;
  jobId: string;
  correlationId: string;
}

const S = '"scheduling"';
const MAX_DAYS = 62;
const LEASE_SECONDS = 30;

/** Why a rota request cannot be run, by field; empty when it can. */
export function checkRotaRequest(request: RequestRotaV1): FieldError[] {
  const errors: FieldError[] = [];
  const days = daysBetween(request.periodStart, request.periodEnd) + 1;
  if (days < 1) errors.push({ field: 'periodEnd', reason: 'must not be before periodStart' });
  else if (days > MAX_DAYS)
    errors.push({ field: 'periodEnd', reason: `a rota covers at most ${MAX_DAYS} days` });
  if (new Set(request.siteIds).size !== request.siteIds.length)
    errors.push({ field: 'siteIds', reason: 'names a site twice' });
  return errors;
}

function jobView(row: SqlRow): JobViewV1 {
  return {
    jobId: row.job_id,
    kind: 'rota-generation',
    state: row.state,
    progress: row.progress,
    ...(row.rota_id ? { resultLocation: `/v1/tenants/${row.tenant_id}/rotas/${row.rota_id}` } : {}),
    ...(row.error ? { error: row.error } : {}),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * Rota generation as a job: the request is recorded and queued on a work
 * queue shared by every scheduling replica; one replica solves it in a worker
 * thread (the service keeps answering), writes progress, stores the draft and
 * only then acknowledges the item. A sweep re-queues jobs whose message was
 * lost or whose replica died.
 */
@Injectable()
export class RotaJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RotaJobs.name);
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(ROTA_WORK_QUEUE) private readonly queue: WorkQueue<RotaJobItem>,
    @Inject(SCHEDULING_INSTANCE) private readonly instance: string,
  ) {}

  @OnRequest(CreateRotaJob)
  async create(request: RequestRotaV1, context: RequestContext): Promise<JobViewV1> {
    if (
      !context.actor.roles.some((r) => r === 'operator' || r === 'coordinator' || r === 'scheduler')
    ) {
      throw ProblemError.forbidden('only a coordinator or a scheduler client requests a rota');
    }
    const errors = checkRotaRequest(request);
    if (errors.length) throw ProblemError.badRequest(errors);
    const jobId = randomUUID();
    const row = await this.unitOfWork.run(context, async (tx) => {
      const known = new Set(
        (await loadSites(tx.manager, context.tenantId, request.siteIds)).map((s) => s.siteId),
      );
      const unknown = request.siteIds
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => !known.has(id));
      if (unknown.length)
        throw ProblemError.badRequest(
          unknown.map(({ i }) => ({ field: `siteIds[${i}]`, reason: 'no such site in this CPTS' })),
        );
      const rows: SqlRow[] = await tx.manager.query(
        `INSERT INTO ${S}.rota_jobs (tenant_id, job_id, request, state, progress, created_at, updated_at)
         VALUES ($1, $2, $3, 'queued', $4, now(), now()) RETURNING *`,
        [
          context.tenantId,
          jobId,
          JSON.stringify(request),
          JSON.stringify({ done: 0, message: 'queued' }),
        ],
      );
      return rows[0];
    });
    // after commit: a lost enqueue is caught by the sweep
    await this.queue
      .enqueue(jobId, { tenantId: context.tenantId, jobId, correlationId: context.correlationId })
      .catch((error: unknown) => {
        this.logger.warn(
          { jobId, error: String(error) },
          'rota job not queued yet; the sweep will',
        );
      });
    return jobView(row);
  }

  @OnRequest(GetRotaJob)
  async get(query: GetJobV1, context: RequestContext): Promise<JobViewV1> {
    if (!administers(context) && !context.actor.roles.includes('scheduler'))
      throw ProblemError.forbidden('only coordinators and schedulers read rota jobs');
    const rows: SqlRow[] = await this.unitOfWork.read(context.tenantId, (manager) =>
      manager.query(`SELECT * FROM ${S}.rota_jobs WHERE tenant_id = $1 AND job_id = $2`, [
        context.tenantId,
        query.jobId,
      ]),
    );
    if (!rows.length) throw ProblemError.notFound(`no rota job ${query.jobId} in this CPTS`);
    return jobView(rows[0]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.start((item, signal) => this.run(item, signal));
    this.sweeper = setInterval(
      () =>
        void this.sweep().catch((e: unknown) =>
          this.logger.warn({ error: String(e) }, 'rota job sweep failed'),
        ),
      10_000,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.queue.stop();
  }

  /** Jobs queued long ago whose message never came, or running on a replica that stopped renewing its lease. */
  async sweep(): Promise<void> {
    const rows: { tenant_id: string; job_id: string }[] = await this.unitOfWork.read(
      '*',
      async (manager) => {
        // the one read across tenants: under row-level security the read-across policy admits it (read only)
        await manager.query(`SELECT set_config('app.read_tenants', '*', true)`);
        return manager.query(
          `SELECT tenant_id, job_id FROM ${S}.rota_jobs
          WHERE (state = 'queued' AND updated_at < now() - interval '20 seconds') OR (state = 'running' AND lease_until < now())
          LIMIT 100`,
        );
      },
    );
    for (const row of rows) {
      await this.queue.enqueue(`${row.job_id}:${Math.floor(Date.now() / 60_000)}`, {
        tenantId: row.tenant_id,
        jobId: row.job_id,
        correlationId: `sweep-${row.job_id}`,
      });
    }
  }

  /** Runs one job; resolving acknowledges the queue item. */
  async run(item: WorkItem<RotaJobItem>, signal: AbortSignal): Promise<void> {
    const { tenantId, jobId } = item.data;
    const context: MessageContext = { tenantId, correlationId: item.data.correlationId };
    const claimed: SqlRow[] = await this.unitOfWork.run(context, (tx) =>
      tx.manager.query(
        `UPDATE ${S}.rota_jobs SET state = 'running', runner = $3, attempts = attempts + 1, lease_until = now() + interval '${LEASE_SECONDS} seconds',
                progress = $4, updated_at = now()
          WHERE tenant_id = $1 AND job_id = $2 AND (state = 'queued' OR (state = 'running' AND lease_until < now())) RETURNING *`,
        [tenantId, jobId, this.instance, JSON.stringify({ done: 0, message: 'solving' })],
      ),
    );
    const rows = Array.isArray(claimed[0]) ? (claimed[0] as SqlRow[]) : claimed;
    // done, or running elsewhere: nothing to do, the item leaves the queue
    if (!rows.length) return;
    const request = rows[0].request as RequestRotaV1;
    try {
      const { problem, shifts } = await this.unitOfWork.read(tenantId, async (manager) =>
        buildRotaProblem(
          await loadRotaInput(
            manager,
            tenantId,
            request.siteIds,
            request.periodStart,
            request.periodEnd,
          ),
        ),
      );
      const timeLimitMs = (request.timeLimitSeconds ?? 3) * 1000;
      let writes = Promise.resolve();
      const onProgress = (p: SolveProgress) => {
        item.working();
        writes = writes
          .then(async () => {
            if (!(await this.progress(context, jobId, p, timeLimitMs))) controller.abort();
          })
          .catch(() => undefined);
      };
      // aborted when the replica stops (the job goes back to the queue) or the job is cancelled
      const controller = new AbortController();
      const onAbort = () => controller.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      const result = await solveInWorker(problem, {
        timeLimitMs,
        seed: request.seed ?? 1,
        onProgress,
        progressEveryMs: 500,
        signal: controller.signal,
      }).finally(() => signal.removeEventListener('abort', onAbort));
      await writes;
      if (signal.aborted)
        throw new Error('the replica is stopping: the job goes back to the queue');
      const rotaId = randomUUID();
      await this.unitOfWork.run(context, async (tx) => {
        const mine: SqlRow[] = await tx.manager.query(
          `SELECT state, runner FROM ${S}.rota_jobs WHERE tenant_id = $1 AND job_id = $2 FOR UPDATE`,
          [tenantId, jobId],
        );
        if (mine[0]?.state !== 'running' || mine[0]?.runner !== this.instance) return;
        const { unfilled, hard } = await insertDraft(tx.manager, {
          tenantId,
          rotaId,
          jobId,
          siteIds: request.siteIds,
          periodStart: request.periodStart,
          periodEnd: request.periodEnd,
          problem,
          shifts,
          rota: result.rota,
        });
        await tx.manager.query(
          `UPDATE ${S}.rota_jobs SET state = 'succeeded', rota_id = $3, progress = $4, lease_until = NULL, updated_at = now() WHERE tenant_id = $1 AND job_id = $2`,
          [
            tenantId,
            jobId,
            rotaId,
            JSON.stringify({
              done: timeLimitMs,
              total: timeLimitMs,
              message: `${result.rota.length} assignments, ${unfilled} unfilled`,
            }),
          ],
        );
        await tx.emit(RotaGenerated, {
          jobId,
          rotaId,
          siteIds: request.siteIds,
          periodStart: request.periodStart,
          periodEnd: request.periodEnd,
          assignments: result.rota.length,
          unfilled,
          hard,
        });
      });
    } catch (error) {
      if (signal.aborted) {
        await this.unitOfWork.run(context, (tx) =>
          tx.manager.query(
            `UPDATE ${S}.rota_jobs SET state = 'queued', runner = NULL, updated_at = now() WHERE tenant_id = $1 AND job_id = $2 AND runner = $3`,
            [tenantId, jobId, this.instance],
          ),
        );
        throw error;
      }
      this.logger.error({ jobId, error: String(error) }, 'rota job failed');
      await this.unitOfWork.run(context, (tx) =>
        tx.manager.query(
          `UPDATE ${S}.rota_jobs SET state = 'failed', error = $3, lease_until = NULL, updated_at = now() WHERE tenant_id = $1 AND job_id = $2 AND state = 'running'`,
          [
            tenantId,
            jobId,
            JSON.stringify({ title: 'Rota generation failed', detail: String(error) }),
          ],
        ),
      );
    }
  }

  /** Records progress; false when the job is no longer running here (cancelled). */
  private async progress(
    context: MessageContext,
    jobId: string,
    p: SolveProgress,
    timeLimitMs: number,
  ): Promise<boolean> {
    return this.unitOfWork.run(context, async (tx) => {
      const updated = rowsOf(
        await tx.manager.query(
          `UPDATE ${S}.rota_jobs SET progress = $4, lease_until = now() + interval '${LEASE_SECONDS} seconds', updated_at = now()
          WHERE tenant_id = $1 AND job_id = $2 AND state = 'running' AND runner = $3 RETURNING job_id`,
          [
            context.tenantId,
            jobId,
            this.instance,
            JSON.stringify({
              done: Math.min(p.elapsedMs, timeLimitMs),
              total: timeLimitMs,
              message: `best so far: ${p.hard} hard, ${Math.round(p.soft)} soft`,
            }),
          ],
        ),
      );
      if (!updated.length) return false;
      await tx.emit(RotaProgress, {
        jobId,
        hard: p.hard,
        soft: p.soft,
        elapsedMs: Math.round(p.elapsedMs),
        iterations: p.iterations,
      });
      return true;
    });
  }

  @OnRequest(CancelRotaJob)
  async cancel(query: GetJobV1, context: RequestContext): Promise<JobViewV1> {
    if (!administers(context) && !context.actor.roles.includes('scheduler')) {
      throw ProblemError.forbidden('only coordinators and schedulers cancel rota jobs');
    }
    return this.unitOfWork.run(context, async (tx) => {
      const rows: SqlRow[] = await tx.manager.query(
        `SELECT * FROM ${S}.rota_jobs WHERE tenant_id = $1 AND job_id = $2 FOR UPDATE`,
        [context.tenantId, query.jobId],
      );
      if (!rows.length) throw ProblemError.notFound(`no rota job ${query.jobId} in this CPTS`);
      if (rows[0].state !== 'queued' && rows[0].state !== 'running')
        throw ProblemError.conflict(`the job has already ${rows[0].state}`);
      const updated = rowsOf<SqlRow>(
        await tx.manager.query(
          `UPDATE ${S}.rota_jobs SET state = 'cancelled', lease_until = NULL, progress = progress || '{"message": "cancelled"}'::jsonb, updated_at = now()
            WHERE tenant_id = $1 AND job_id = $2 RETURNING *`,
          [context.tenantId, query.jobId],
        ),
      );
      return jobView(updated[0]);
    });
  }
}

import { Body, Get, HttpCode, MessageEvent, Param, Post, Res, Sse } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import {
  CancelRotaJob,
  CreateRotaJob,
  GetRotaJob,
  JobViewV1,
  RequestContextV1,
  RequestRotaV1,
} from '@maillage/contracts';
import { MessageBus } from '@maillage/platform';
import { Ctx, JobRoute, Roles } from '../auth/auth.guard';
import { Idempotent } from '../http/idempotency/idempotency.interceptor';
import { acceptJob, ApiJobAccepted, ApiJobEvents, jobEvents } from '../jobs/job-resource';
import { TenantController, uuid } from '../http/tenant-controller';

/**
 * Rota generation as a job resource: the only routes a scheduler client may
 * call. The job runs on whichever scheduling replica takes it from the queue.
 */
@ApiForbiddenResponse({ description: 'neither a coordinator nor a scheduler client of this CPTS' })
@TenantController('scheduling', 'rota-jobs')
export class RotaJobsController {
  constructor(private readonly bus: MessageBus) {}

  @Post()
  @JobRoute()
  @Roles('coordinator', 'scheduler')
  @Idempotent()
  @ApiOperation({
    summary: 'Ask for a rota of some sites over some days',
    description:
      "Answers 202 with the job; `Location` is its URL. Progress comes as scheduling.rota.progress.v1, the result as scheduling.rota.generated.v1 and a draft rota at the job's `resultLocation`.",
  })
  @ApiJobAccepted()
  @ApiBadRequestResponse({
    description:
      'a period that ends before it starts, a site unknown in this CPTS…: `errors[].field` names it; nothing is queued',
  })
  async create(
    @Body() body: RequestRotaV1,
    @Ctx() context: RequestContextV1,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobViewV1> {
    const job = await this.bus.request(CreateRotaJob, body, context);
    return acceptJob(response, job, `/v1/tenants/${context.tenantId}/rota-jobs/${job.jobId}`);
  }

  @Get(':jobId')
  @JobRoute()
  @Roles('coordinator', 'scheduler')
  @ApiOperation({
    summary: 'A rota job: state, progress, and where its draft rota is once it succeeded',
  })
  @ApiOkResponse({ type: JobViewV1 })
  @ApiNotFoundResponse({ description: 'no such job in this CPTS' })
  get(@Param('jobId', uuid) jobId: string, @Ctx() context: RequestContextV1): Promise<JobViewV1> {
    return this.bus.request(GetRotaJob, { jobId }, context);
  }

  @Post(':jobId/cancel')
  @HttpCode(200)
  @JobRoute()
  @Roles('coordinator', 'scheduler')
  @ApiOperation({
    summary: 'Cancel a queued or running rota job: the solver stops and no draft is stored',
  })
  @ApiOkResponse({ type: JobViewV1 })
  @ApiConflictResponse({ description: 'the job has already ended' })
  cancel(
    @Param('jobId', uuid) jobId: string,
    @Ctx() context: RequestContextV1,
  ): Promise<JobViewV1> {
    return this.bus.request(CancelRotaJob, { jobId }, context);
  }

  @Sse(':jobId/events')
  @JobRoute()
  @Roles('coordinator', 'scheduler')
  @ApiOperation({ summary: 'Server-sent events of a rota job until it ends' })
  @ApiJobEvents()
  events(
    @Param('jobId', uuid) jobId: string,
    @Ctx() context: RequestContextV1,
  ): Observable<MessageEvent> {
    return jobEvents(() => this.bus.request(GetRotaJob, { jobId }, context), { intervalMs: 500 });
  }
}

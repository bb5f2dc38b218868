import {
  Body,
  Controller,
  DynamicModule,
  Get,
  HttpCode,
  Module,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Res,
  Sse,
  MessageEvent,
} from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Observable } from 'rxjs';
import {
  assertVersion,
  defineRequest,
  JobViewV1,
  PageQueryV1,
  PageV1,
  pageOf,
  pageWindow,
  parseSort,
  RequestContextV1,
} from '@maillage/contracts';
import { MessageBus, ServiceRuntime } from '@maillage/platform';
import { Ctx, JobRoute, Roles } from '../apps/gateway/src/auth/auth.guard';
import { GatewayAuthOptions, GatewayModule } from '../apps/gateway/src/gateway.module';
import { ETagged, IfMatch, RequireIfMatch } from '../apps/gateway/src/http/etag';
import { Idempotent } from '../apps/gateway/src/http/idempotency/idempotency.interceptor';
import { acceptJob, ApiJobAccepted, ApiJobEvents, openJobEvents } from '../apps/gateway/src/jobs/job-resource';

export class NoteBody {
  @IsString()
  @MaxLength(200_000)
  text!: string;
}

export class NoteQuery extends PageQueryV1 {
  @ApiPropertyOptional({ description: 'notes whose text contains this' })
  @IsOptional()
  @IsString()
  contains?: string;
}

interface Note {
  id: string;
  text: string;
  version: number;
}

export class SlowV1 {
  @IsOptional()
  @IsString()
  nothing?: string;
}
export const Slow = defineRequest<SlowV1, object>('gatewaytest.slow.wait.v1', SlowV1);

/**
 * A resource of the tests' own, to drive the gateway's reusable HTTP pieces
 * (idempotency, ETags, paging, jobs and their events) without a service.
 */
@Controller('v1/tenants/:tenantId/notes')
export class NotesController {
  readonly notes = new Map<string, Note>();
  readonly jobs = new Map<string, JobViewV1>();

  constructor(private readonly bus: MessageBus) {}

  @Get()
  @Roles('coordinator')
  list(@Query() query: NoteQuery): PageV1<Note> {
    const sort = parseSort(query.sort, ['text', 'version'] as const, [
      { field: 'text', direction: 'ASC' },
    ]);
    const all = [...this.notes.values()]
      .filter((n) => !query.contains || n.text.includes(query.contains))
      .sort((a, b) => {
        for (const key of sort) {
          const order = String(a[key.field]).localeCompare(String(b[key.field]), 'fr', {
            numeric: true,
          });
          if (order) return key.direction === 'ASC' ? order : -order;
        }
        return 0;
      });
    const { offset, limit } = pageWindow(query);
    return pageOf(all.slice(offset, offset + limit), all.length, query);
  }

  @Post()
  @HttpCode(201)
  @Roles('coordinator')
  @Idempotent()
  create(
    @Param('tenantId') tenantId: string,
    @Body() body: NoteBody,
    @Res({ passthrough: true }) response: Response,
  ): Note {
    const note = { id: randomUUID(), text: body.text, version: 1 };
    this.notes.set(note.id, note);
    response.location(`/v1/tenants/${tenantId}/notes/${note.id}`);
    return note;
  }

  @Get('slow')
  slow(@Ctx() context: RequestContextV1): Promise<object> {
    return this.bus.request(Slow, {}, context, 300);
  }

  @Get(':id')
  @ETagged()
  get(@Param('id') id: string): Note {
    return this.note(id);
  }

  @Put(':id')
  @Roles('coordinator', 'member')
  @RequireIfMatch()
  update(
    @Param('id') id: string,
    @Body() body: NoteBody,
    @IfMatch() expected: string | undefined,
  ): Note {
    const note = this.note(id);
    assertVersion(note.version, expected);
    note.text = body.text;
    note.version++;
    return note;
  }

  @Post('jobs')
  @ApiJobAccepted()
  @JobRoute()
  @Roles('coordinator', 'scheduler')
  @Idempotent()
  startJob(
    @Param('tenantId') tenantId: string,
    @Res({ passthrough: true }) response: Response,
  ): JobViewV1 {
    const now = new Date().toISOString();
    const job: JobViewV1 = {
      jobId: randomUUID(),
      kind: 'note-digest',
      state: 'queued',
      progress: { done: 0, total: 3 },
      createdAt: now,
      updatedAt: now,
    };
    this.jobs.set(job.jobId, job);
    const timer = setInterval(() => {
      const current = this.jobs.get(job.jobId)!;
      const done = current.progress.done + 1;
      this.jobs.set(job.jobId, {
        ...current,
        state: done >= 3 ? 'succeeded' : 'running',
        progress: { done, total: 3, message: `step ${done}` },
        resultLocation: done >= 3 ? `/v1/tenants/${tenantId}/notes` : undefined,
        updatedAt: new Date(Date.parse(current.updatedAt) + 1).toISOString(),
      });
      if (done >= 3) clearInterval(timer);
    }, 120);
    return acceptJob(response, job, `/v1/tenants/${tenantId}/notes/jobs/${job.jobId}`);
  }

  @Get('jobs/:jobId')
  @JobRoute()
  @Roles('coordinator', 'scheduler')
  getJob(@Param('jobId') jobId: string): JobViewV1 {
    return this.job(jobId);
  }

  @Sse('jobs/:jobId/events')
  @ApiJobEvents()
  @JobRoute()
  @Roles('coordinator', 'scheduler')
  events(@Param('jobId') jobId: string): Promise<Observable<MessageEvent>> {
    return openJobEvents(async () => this.job(jobId), { intervalMs: 30 });
  }

  private note(id: string): Note {
    const note = this.notes.get(id);
    if (!note) throw new NotFoundException('no such note');
    return note;
  }

  private job(jobId: string): JobViewV1 {
    const job = this.jobs.get(jobId);
    if (!job) throw new NotFoundException('no such job');
    return job;
  }
}

/** The gateway with the tests' resource beside its own routes. */
@Module({})
export class GatewayUnderTestModule {
  static register(runtime: ServiceRuntime, options: GatewayAuthOptions): DynamicModule {
    return {
      module: GatewayUnderTestModule,
      imports: [GatewayModule.register(runtime, options, 'warn')],
      controllers: [NotesController],
    };
  }
}

import { applyDecorators, MessageEvent } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { isTerminalJobState, JobViewV1, Problem } from '@maillage/contracts';
import { toProblem } from '../http/problem.filter';

/**
 * The job resource pattern for long operations (rota generation):
 *
 *   POST …/rota-jobs            → 202, Location: …/rota-jobs/{jobId}, body: the job
 *   GET  …/rota-jobs/{jobId}    → 200, the job (state, progress, resultLocation)
 *   GET  …/rota-jobs/{jobId}/events → text/event-stream: `progress` events, then
 *                                     one `done` (or `error`), then the stream ends
 *
 * The service owns the job (its table, its worker) and answers a "get job"
 * request; the gateway streams by polling that request, so every gateway
 * replica can serve any client and nothing is held in memory between events.
 * See README.md beside this file for a controller to copy.
 */

/** Answers a creating POST with 202 and the job's URL. */
export function acceptJob(response: Response, job: JobViewV1, location: string): JobViewV1 {
  response.status(202);
  response.location(location);
  response.setHeader('Retry-After', '1');
  return job;
}

export interface JobEventsOptions {
  /** how often the service is asked (ms) */
  intervalMs?: number;
  /** a `ping` event after this long without change keeps proxies from closing the stream */
  heartbeatMs?: number;
  /** the stream ends (event `timeout`) after this long; the client may reopen it */
  maxDurationMs?: number;
}

/**
 * Server-sent events of one job: `progress` whenever its state or progress
 * change (the event id is its updatedAt), `done` with the final job, `error`
 * with a problem if the job can no longer be read. Stops polling as soon as
 * the client goes away (Nest unsubscribes).
 */
export function jobEvents(
  readJob: () => Promise<JobViewV1>,
  options: JobEventsOptions = {},
): Observable<MessageEvent> {
  const intervalMs = options.intervalMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxDurationMs = options.maxDurationMs ?? 15 * 60_000;
  return new Observable<MessageEvent>((subscriber) => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let last = '';
    let lastSent = Date.now();
    const deadline = Date.now() + maxDurationMs;
    const tick = async (): Promise<void> => {
      if (stopped) return;
      let job: JobViewV1;
      try {
        job = await readJob();
      } catch (error) {
        const problem: Problem = toProblem(error);
        subscriber.next({ type: 'error', data: problem });
        subscriber.complete();
        return;
      }
      if (stopped) return;
      const now = Date.now();
      const signature = `${job.state}|${job.updatedAt}|${JSON.stringify(job.progress)}`;
      const terminal = isTerminalJobState(job.state);
      if (signature !== last || terminal) {
        last = signature;
        lastSent = now;
        subscriber.next({ type: terminal ? 'done' : 'progress', id: job.updatedAt, data: job });
      } else if (now - lastSent >= heartbeatMs) {
        lastSent = now;
        subscriber.next({ type: 'ping', data: { at: new Date(now).toISOString() } });
      }
      if (terminal) return subscriber.complete();
      if (now >= deadline) {
        subscriber.next({
          type: 'timeout',
          data: { detail: 'the stream ended; open it again or poll the job' },
        });
        return subscriber.complete();
      }
      timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  });
}

/**
 * Reads the job once before answering, so that an unknown job is a plain 404
 * problem rather than a stream that fails; then streams its events.
 */
export async function openJobEvents(
  readJob: () => Promise<JobViewV1>,
  options: JobEventsOptions = {},
): Promise<Observable<MessageEvent>> {
  await readJob();
  return jobEvents(readJob, options);
}

/** OpenAPI of a creating POST that starts a job. */
export function ApiJobAccepted(): MethodDecorator {
  return applyDecorators(
    ApiAcceptedResponse({
      type: JobViewV1,
      description: 'the job was queued; `Location` is its URL, poll it or read its `/events`',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'a retry with the same key returns the same job',
    }),
  );
}

/** OpenAPI of a job's event stream. */
export function ApiJobEvents(): MethodDecorator {
  return applyDecorators(
    ApiProduces('text/event-stream'),
    ApiOkResponse({
      description:
        'server-sent events: `progress` (data: the job) whenever it changes, `ping` to keep the connection, then `done` (data: the final job) or `error` (data: a problem); the stream then ends',
      content: {
        'text/event-stream': {
          schema: {
            type: 'string',
            example:
              'event: progress\nid: 2026-11-25T21:00:01.000Z\ndata: {"jobId":"…","state":"running","progress":{"done":120,"total":500}}\n\n',
          },
        },
      },
    }),
  );
}

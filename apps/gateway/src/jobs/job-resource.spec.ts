import { MessageEvent, NotFoundException } from '@nestjs/common';
import { lastValueFrom, toArray } from 'rxjs';
import { JobViewV1 } from '@maillage/contracts';
import { jobEvents } from './job-resource';

const at = (n: number) => new Date(Date.UTC(2026, 10, 25, 21, 0, n)).toISOString();
const job = (state: JobViewV1['state'], done: number, n: number): JobViewV1 => ({
  jobId: '7d0c7f0e-4a4e-4c3e-9d55-0b7e0e3f1a10',
  kind: 'rota-generation',
  state,
  progress: { done, total: 3 },
  createdAt: at(0),
  updatedAt: at(n),
});

describe('jobEvents', () => {
  it('sends progress once per change, then done, then ends', async () => {
    const states = [
      job('queued', 0, 0),
      job('queued', 0, 0),
      job('running', 1, 1),
      job('running', 2, 2),
      job('running', 2, 2),
      job('succeeded', 3, 3),
    ];
    let reads = 0;
    const events = await lastValueFrom(
      jobEvents(async () => states[Math.min(reads++, states.length - 1)], { intervalMs: 1 }).pipe(
        toArray(),
      ),
    );
    expect(events.map((e: MessageEvent) => e.type)).toEqual([
      'progress',
      'progress',
      'progress',
      'done',
    ]);
    expect(events.map((e) => e.id)).toEqual([at(0), at(1), at(2), at(3)]);
    expect(reads).toBe(states.length);
  });

  it('ends with an error event carrying a problem when the job cannot be read any more', async () => {
    let reads = 0;
    const events = await lastValueFrom(
      jobEvents(
        async () => {
          if (reads++ > 0) throw new NotFoundException('the job was deleted');
          return job('running', 1, 1);
        },
        { intervalMs: 1 },
      ).pipe(toArray()),
    );
    expect(events.map((e) => e.type)).toEqual(['progress', 'error']);
    expect(events[1].data).toMatchObject({ status: 404, detail: 'the job was deleted' });
  });

  it('sends pings while nothing changes and stops at its time limit', async () => {
    const events = await lastValueFrom(
      jobEvents(async () => job('running', 1, 1), {
        intervalMs: 5,
        heartbeatMs: 0,
        maxDurationMs: 40,
      }).pipe(toArray()),
    );
    expect(events[0].type).toBe('progress');
    expect(events.filter((e) => e.type === 'ping').length).toBeGreaterThan(0);
    expect(events.at(-1)!.type).toBe('timeout');
  });

  it('stops reading the job when the client goes away', async () => {
    let reads = 0;
    const subscription = jobEvents(async () => (reads++, job('running', 1, 1)), {
      intervalMs: 5,
    }).subscribe();
    await new Promise((r) => setTimeout(r, 30));
    subscription.unsubscribe();
    const seen = reads;
    await new Promise((r) => setTimeout(r, 40));
    expect(reads).toBeLessThanOrEqual(seen + 1);
  });
});

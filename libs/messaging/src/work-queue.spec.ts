import { InProcessWorkQueue, WorkItem } from './work-queue';

describe('in-process work queue (standalone mode)', () => {
  it('runs each item once, in order, and ignores the same id queued again', async () => {
    const queue = new InProcessWorkQueue<number>();
    const seen: number[] = [];
    await queue.start(async (item: WorkItem<number>) => {
      seen.push(item.data);
    });
    await queue.enqueue('a', 1);
    await queue.enqueue('b', 2);
    await queue.enqueue('a', 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.stop();
    expect(seen).toEqual([1, 2]);
  });

  it('hands a failed item out again', async () => {
    const queue = new InProcessWorkQueue<string>();
    const attempts: number[] = [];
    await queue.start(async (item) => {
      attempts.push(item.attempt);
      if (item.attempt === 1) throw new Error('transient');
    });
    await queue.enqueue('x', 'job');
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await queue.stop();
    expect(attempts).toEqual([1, 2]);
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FastestCorePinning, allowedCpus, chooseCore, describeCores, measureCores, parseCpuList } from './fastest-core';

/** A short probe: the bench's own takes about 9 s a core under jest. */
const PROBE = 200_000;

describe('the solver bench core choice', () => {
  it('reads the kernel cpu lists', () => {
    expect(parseCpuList('0-1\n')).toEqual([0, 1]);
    expect(parseCpuList('0,2-4,7')).toEqual([0, 2, 3, 4, 7]);
    expect(parseCpuList('3')).toEqual([3]);
    expect(() => parseCpuList('a-b')).toThrow('not a cpu list');
  });

  it('pins to the fastest core only when the cores differ by more than 15 %', () => {
    expect(chooseCore([{ cpu: 0, ms: 480 }, { cpu: 1, ms: 880 }])).toBe(0);
    expect(chooseCore([{ cpu: 0, ms: 900 }, { cpu: 1, ms: 500 }, { cpu: 2, ms: 520 }])).toBe(1);
    expect(chooseCore([{ cpu: 0, ms: 500 }, { cpu: 1, ms: 570 }])).toBeNull();
    expect(chooseCore([{ cpu: 0, ms: 500 }])).toBeNull();
  });

  it('says what it measured and did', () => {
    const timings = [{ cpu: 0, ms: 480 }, { cpu: 1, ms: 880 }];
    expect(describeCores(timings, 0, true)).toBe(
      'cores: cpu0 480 ms, cpu1 880 ms per 20 M random accesses over 8 MB; pinned to cpu0, the fastest (--no-pin to leave it to the OS)',
    );
    expect(describeCores(timings, null, true)).toContain('even, left to the OS');
    expect(describeCores(null, null, true)).toContain('not measured');
    expect(describeCores(null, null, false)).toContain('--no-pin');
  });

  const linuxWithCpus = (allowedCpus()?.length ?? 0) > 1;
  (linuxWithCpus ? it : it.skip)(
    'times every allowed core and gives the main thread its cpus back',
    () => {
      const before = readFileSync('/proc/self/status', 'utf8').match(/^Cpus_allowed_list:.*$/m)?.[0];
      const cpus = allowedCpus();
      const timings = measureCores(cpus, PROBE);
      expect(timings?.map((t) => t.cpu)).toEqual(cpus);
      for (const t of timings ?? []) expect(t.ms).toBeGreaterThan(0);
      expect(readFileSync('/proc/self/status', 'utf8').match(/^Cpus_allowed_list:.*$/m)?.[0]).toBe(before);
    },
    30_000,
  );

  (linuxWithCpus ? it : it.skip)(
    'pins the whole process to one of its cpus or leaves it all of them, and says which',
    () => {
      const allowed = allowedCpus()!;
      const line = new FastestCorePinning(true, PROBE).pinForNextRun();
      const now = allowedCpus()!;
      try {
        const pinned = line.match(/pinned to cpu(\d+)/);
        if (pinned) expect(now).toEqual([Number(pinned[1])]);
        else expect(now).toEqual(allowed);
        expect(line).toMatch(/^cores: cpu\d+ \d+ ms/);
      } finally {
        execFileSync('taskset', ['-a', '-p', '-c', allowed.join(','), String(process.pid)], { stdio: 'ignore' });
      }
      expect(new FastestCorePinning(false).pinForNextRun()).toBe('cores: left to the OS (--no-pin)');
    },
    30_000,
  );
});

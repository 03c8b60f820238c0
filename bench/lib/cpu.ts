import os from 'node:os';
import { performance } from 'node:perf_hooks';

function machineTimes(): { busy: number; all: number } {
  let busy = 0;
  let all = 0;
  for (const { times } of os.cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    all += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  return { busy, all };
}

/**
 * Starts measuring CPU use; the returned function reports it since then, in % of one core:
 * this process (all its threads: the service and the load generator) and the whole machine
 * (the database, the broker and anything else running too).
 */
export function cpuMeter(): () => { processCpuPercent: number; machineCpuPercent: number } {
  const startedAt = performance.now();
  const process0 = process.cpuUsage();
  const machine0 = machineTimes();
  return () => {
    const elapsedMs = performance.now() - startedAt;
    const used = process.cpuUsage(process0);
    const machine1 = machineTimes();
    const busyShare = (machine1.busy - machine0.busy) / Math.max(1, machine1.all - machine0.all);
    return {
      processCpuPercent: Math.round(((used.user + used.system) / 1000 / elapsedMs) * 100),
      machineCpuPercent: Math.round(busyShare * os.cpus().length * 100),
    };
  };
}

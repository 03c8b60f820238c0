import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (100 on almost every Linux). */
const TICKS_PER_SECOND = (() => {
  const answer = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim());
  return Number.isFinite(answer) && answer > 0 ? answer : 100;
})();

/**
 * CPU time a process has used so far (user + system, all its threads), in ms; NaN once it is
 * gone. Read from /proc so that child processes can be metered from outside.
 */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime] = [Number(fields[11]), Number(fields[12])]; // fields 14 and 15 of proc(5)
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** Resident set size of a process, in MB (VmRSS of /proc/<pid>/status); NaN once it is gone. */
export function rssMB(pid: number): number {
  try {
    const kB = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kB === undefined ? NaN : Math.round(Number(kB) / 1024);
  } catch {
    return NaN;
  }
}

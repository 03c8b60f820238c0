import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname } from 'node:path';
import { BenchResult } from './lib/result';
import type { TargetOutcome } from './targets';

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryMB: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

const thousands = (value: number) => value.toLocaleString('en-US');
const ms = (value: number) => (Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));

function sizeCell(result: BenchResult): string {
  if (result.size === undefined) return '-';
  return result.sizeAfter === undefined ? thousands(result.size) : `${thousands(result.size)}→${thousands(result.sizeAfter)}`;
}

/** A plain-text table; widths follow the content. */
export function table(headers: string[], rows: string[][], alignLeft = new Set([0])): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (alignLeft.has(column) ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function resultsTable(results: BenchResult[]): string {
  return table(
    ['measurement', 'events', 'conc', 'n', 'err', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
    results.map((result) => [
      result.label,
      sizeCell(result),
      String(result.concurrency),
      String(result.stats.ops),
      String(result.stats.errors),
      result.stats.perSecond.toFixed(1),
      ms(result.stats.p50),
      ms(result.stats.p95),
      ms(result.stats.p99),
      ms(result.stats.max),
    ]),
  );
}

export function targetsTable(outcomes: TargetOutcome[]): string {
  return table(
    ['target', 'wanted', 'measured', 'result'],
    outcomes.map((outcome) => [
      outcome.description,
      `${outcome.comparison} ${outcome.threshold} ${outcome.unit}`,
      outcome.measured === undefined ? '-' : `${outcome.measured} ${outcome.unit}`,
      // A goal's miss is reported but does not fail the run (see Target.goal).
      outcome.goal && outcome.status !== 'not measured' ? `${outcome.status.toUpperCase()} (goal)` : outcome.status.toUpperCase(),
    ]),
  );
}

export async function writeJson(file: string, report: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** "GET /v1/catalogue: bench process 95%, machine 190%" for the rows that measured CPU. */
export function cpuLines(results: BenchResult[]): string[] {
  return results.flatMap((result) => {
    const { processCpuPercent, machineCpuPercent } = (result.extra ?? {}) as { processCpuPercent?: number; machineCpuPercent?: number };
    return processCpuPercent === undefined ? [] : [`  ${result.label.split(' (')[0]}: this process ${processCpuPercent}%, whole machine ${machineCpuPercent}% (of one core)`];
  });
}

// Memory of each idle service, started different ways in the same run on the same servers: from
// TypeScript through @swc-node/register (as before dist/), from dist/ with plain node, and from
// dist/ as `npm start` runs it (infra/local/service-process.js). For each: the five services as
// processes, /health/ready, a few seconds' settle, then VmRSS from /proc and the V8 heap from
// the service's own /metrics.
import { join } from 'node:path';
import { serviceCommand, serviceEntry } from '../infra/local/service-process';
import { BenchResources } from './lib/bench-infra';
import { parseSamples } from './journey/prometheus-text';
import { rssMB } from './journey/process-stats';
import { SERVICE_NAMES, ServiceLauncher, ServiceName, startServiceStack } from './journey/service-processes';

const ROOT = join(__dirname, '..');
/** After /health/ready: the consumer has joined, start-up's garbage is mostly collected. */
const SETTLE_MS = 5_000;

export interface LaunchVariant {
  id: string;
  launch: ServiceLauncher;
}

/** dist/ with these node flags (to try a lever: `npm run bench -- --rss --node-flags="…"`). */
export const distWith = (flags: string[]): LaunchVariant => ({
  id: `dist ${flags.join(' ') || '(no flags)'}`,
  launch: (name) => ({ command: process.execPath, args: [...flags, serviceEntry(name)], cwd: ROOT }),
});

export const STANDARD_VARIANTS: LaunchVariant[] = [
  { id: 'swc-node (TypeScript at run time)', launch: (name) => ({ command: process.execPath, args: ['-r', '@swc-node/register', `services/${name}/src/main.ts`], cwd: ROOT }) },
  distWith([]),
  { id: 'dist as npm start runs it', launch: serviceCommand },
];

export interface ServiceMemory {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
}

export interface VariantMemory {
  variant: string;
  bootSeconds: number;
  services: Record<ServiceName, ServiceMemory>;
}

const MB = 1024 * 1024;
const HEAP_METRICS = new Set(['nodejs_heap_size_used_bytes', 'nodejs_heap_size_total_bytes', 'nodejs_external_memory_bytes']);

async function heapOf(url: string): Promise<Omit<ServiceMemory, 'rssMB'>> {
  const samples = parseSamples(await (await fetch(`${url}/metrics`)).text(), HEAP_METRICS);
  const value = (name: string) => Math.round((samples.find((sample) => sample.name === name)?.value ?? NaN) / MB);
  return { heapUsedMB: value('nodejs_heap_size_used_bytes'), heapTotalMB: value('nodejs_heap_size_total_bytes'), externalMB: value('nodejs_external_memory_bytes') };
}

async function measureVariant(variant: LaunchVariant): Promise<VariantMemory> {
  const resources = new BenchResources();
  try {
    const started = Date.now();
    const stack = await startServiceStack(resources, variant.launch);
    const bootSeconds = (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const rss = Object.fromEntries(SERVICE_NAMES.map((name) => [name, rssMB(stack[name].pid)])); // before scraping: that allocates
    const services = {} as Record<ServiceName, ServiceMemory>;
    for (const name of SERVICE_NAMES) services[name] = { rssMB: rss[name], ...(await heapOf(stack[name].url)) };
    return { variant: variant.id, bootSeconds, services };
  } finally {
    await resources.closeAll();
  }
}

export async function benchIdleRss(variants: LaunchVariant[], progress: (message: string) => void): Promise<VariantMemory[]> {
  const outcomes: VariantMemory[] = [];
  for (const variant of variants) {
    progress(`idle memory: the five services, ${variant.id}`);
    outcomes.push(await measureVariant(variant));
  }
  return outcomes;
}

export function idleRssTable(outcomes: VariantMemory[]): string {
  const header = ['launch', 'boot s', ...SERVICE_NAMES.map((name) => `${name} RSS (heap used/total, external) MB`)];
  const rows = outcomes.map((outcome) => [
    outcome.variant,
    outcome.bootSeconds.toFixed(1),
    ...SERVICE_NAMES.map((name) => {
      const memory = outcome.services[name];
      return `${memory.rssMB} (${memory.heapUsedMB}/${memory.heapTotalMB}, ${memory.externalMB})`;
    }),
  ]);
  return [header, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

// The orders service booted in-process (HTTP on fastify, its Kafka consumer, its own database),
// driven over 127.0.0.1 by keep-alive clients in a worker thread started before it boots.
import { startTestService, tokenFor } from '@lantern/testing';
import { OrdersModule } from '../services/orders/src/orders.module';
import { BenchResources } from './lib/bench-infra';
import { cpuMeter } from './lib/cpu';
import { LoadGenerator, LoadRequest } from './lib/http-load';
import { Budget } from './lib/measure';
import { BenchResult } from './lib/result';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const memory = () => ({ rssMB: mb(process.memoryUsage().rss), heapUsedMB: mb(process.memoryUsage().heapUsed) });

export interface HttpBenchOutput {
  results: BenchResult[];
  memory: { beforeBoot: ReturnType<typeof memory>; afterBoot: ReturnType<typeof memory>; afterLoad: ReturnType<typeof memory> };
  bootSeconds: number;
}

export async function benchOrdersHttp(resources: BenchResources, budget: Budget): Promise<HttpBenchOutput> {
  // The clients' thread first: the memory measured from here on is the service's, not theirs.
  const loadGenerator = await LoadGenerator.start();
  resources.onClose('HTTP load generator', () => loadGenerator.stop());
  const beforeBoot = memory();
  const booted = Date.now();
  const service = await startTestService(OrdersModule, { service: 'orders', env: { SEED_DEMO_DATA: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' } });
  resources.dropLater(service.database);
  resources.onClose('orders service', () => service.stop());
  const bootSeconds = (Date.now() - booted) / 1000;
  const afterBoot = memory();

  const token = await tokenFor({ sub: 'res-bench-001', roles: ['resident'] });
  const phase = async (id: string, label: string, request: Omit<LoadRequest, 'budget'>) => {
    const cpu = cpuMeter();
    const { stats, statuses, ids } = await loadGenerator.run(service.url, { ...request, budget });
    const result: BenchResult = { id, label, concurrency: budget.concurrency ?? 1, stats, extra: { statuses, ...cpu() } };
    return { result, ids };
  };

  const catalogue = await phase('http.get-catalogue', 'GET /v1/catalogue (baseline, no event store)', {
    method: 'GET',
    paths: ['/v1/catalogue'],
    expectStatus: 200,
  });
  const placed = await phase('http.post-order', 'POST /v1/orders (resident, Idempotency-Key)', {
    method: 'POST',
    paths: ['/v1/orders'],
    token,
    body: { serviceCode: 'after-school-care', stationId: 'lizhoujiao-centre', urgency: 'normal' },
    idempotencyKey: true,
    expectStatus: 201,
    collectIds: true,
  });
  // Each placed order is one event of its own stream: the events collection grew by that much.
  const ordersPlaced = placed.result.stats.ops - placed.result.stats.errors + (budget.warmupOps ?? 0);
  placed.result.size = 0;
  placed.result.sizeAfter = ordersPlaced;
  if (placed.ids.length === 0) throw new Error('no order was placed: cannot measure GET /v1/orders/{id}');
  const got = await phase('http.get-order', 'GET /v1/orders/{id} (its resident)', {
    method: 'GET',
    paths: placed.ids.map((id) => `/v1/orders/${id}`),
    token,
    expectStatus: 200,
  });
  got.result.size = ordersPlaced;
  return { results: [catalogue.result, placed.result, got.result], memory: { beforeBoot, afterBoot, afterLoad: memory() }, bootSeconds };
}

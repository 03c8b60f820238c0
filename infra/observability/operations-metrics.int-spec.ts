import { deadLetterTopicFor, TOPICS } from '@lantern/contracts';
import { MatchingModule, MATCHING_SERVICE } from '@lantern/service-matching';
import { NotificationsModule, NOTIFICATIONS_SERVICE } from '@lantern/service-notifications';
import { OrdersModule, ORDERS_SERVICE } from '@lantern/service-orders';
import { dropDatabases, startTestService, testKafka, TestService, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { metricNames, promqlExpressions } from './metric-names';

/** One sample line of Prometheus text: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseMetrics(text: string): { declared: Set<string>; samples: Sample[] } {
  const declared = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) /.exec(line);
    if (type) declared.add(type[1]);
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const labels = Object.fromEntries([...(sample[2] ?? '').matchAll(/(\w+)="((?:\\.|[^"\\])*)"/g)].map((m) => [m[1], m[2]]));
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { declared, samples };
}

/**
 * The operational metrics, read from the services' /metrics as Prometheus scrapes them: every
 * metric the shipped alert rules and dashboard name is exported, and the gauges and counters move
 * with what happens (a consumed event, a timer set, a dead-lettered record, a drained outbox).
 */
describe('operational metrics on /metrics', () => {
  const station = 'yaojun-centre';
  let orders: TestService;
  let matching: TestService;
  let notifications: TestService;

  beforeAll(async () => {
    orders = await startTestService(OrdersModule, { service: ORDERS_SERVICE.service, env: { SEED_DEMO_DATA: 'true' } });
    matching = await startTestService(MatchingModule, { service: MATCHING_SERVICE.service, env: { MATCHING_CLAIM_SLA_SECONDS: '600' } });
    notifications = await startTestService(NotificationsModule, { service: NOTIFICATIONS_SERVICE.service });
  });
  afterAll(async () => {
    await Promise.all([orders, matching, notifications].filter(Boolean).map((service) => service.stop()));
    await dropDatabases(...[orders, matching, notifications].filter(Boolean).map((service) => service.database));
  });

  const scrape = async (service: TestService) => {
    const response = await service.http('GET', '/metrics');
    expect(response.status).toBe(200);
    return parseMetrics(typeof response.body === 'string' ? response.body : String(response.body));
  };
  const value = (samples: Sample[], name: string, labels: Record<string, string>) =>
    samples.find((sample) => sample.name === name && Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted))?.value;

  it('every metric the alert rules and the Grafana dashboard name is exported by the services', async () => {
    const exported = new Set<string>();
    for (const service of [orders, matching, notifications]) for (const name of (await scrape(service)).declared) exported.add(name);
    const missing = promqlExpressions().flatMap(({ where, expr }) => metricNames(expr).filter((name) => !exported.has(name)).map((name) => `${where}: ${name}`));
    expect(missing).toEqual([]);
  });

  it('a placed order: matching consumes it (lag back to 0), sets a claim-SLA timer, and the outboxes drain', async () => {
    const admin = await tokenFor({ sub: 'admin-metrics', roles: ['admin'] });
    const worker = uniqueName('sw');
    expect((await matching.http('PUT', `/v1/social-workers/${worker}`, { token: admin, body: { name: worker, skills: ['elderly-care'], stations: [station], capacity: 5 } })).status).toBe(200);
    const placed = await orders.http('POST', '/v1/orders', {
      token: await tokenFor({ sub: uniqueName('res'), roles: ['resident'] }),
      body: { serviceCode: 'home-visit', stationId: station },
    });
    expect({ status: placed.status, body: placed.body }).toEqual({ status: 201, body: expect.anything() });

    const group = matching.consumer['options'].group as string;
    const { samples } = await waitFor(async () => {
      const scraped = await scrape(matching);
      return (value(scraped.samples, 'lantern_timers_pending', { kind: 'claim-sla' }) ?? 0) >= 1 ? scraped : undefined;
    }, { description: "matching's claim-SLA timer to show as pending" });
    // Set for 10 minutes from now: pending, not due, not overdue.
    expect(value(samples, 'lantern_timers_due', { kind: 'claim-sla' })).toBe(0);
    expect(value(samples, 'lantern_timers_overdue_seconds', { kind: 'claim-sla' })).toBe(0);
    // The placed event was fetched and handled: its partition is reported, with nothing left. The
    // timer is set inside the handler and the position moves once the handler returns, so a scrape
    // between the two still sees the record: the lag is waited for (and fails the test if it never
    // shows, or never returns to 0), not read once.
    await waitFor(async () => {
      const lag = (await scrape(matching)).samples.filter(
        (sample) => sample.name === 'lantern_consumer_lag_records' && sample.labels.group === group && sample.labels.topic === TOPICS.orders,
      );
      return lag.length >= 1 && lag.every((sample) => sample.value === 0);
    }, { description: "matching's lag on the orders topic to be reported, and back to 0" });
    for (const service of [orders, matching]) {
      const drained = await waitFor(async () => {
        const scraped = (await scrape(service)).samples;
        return value(scraped, 'lantern_outbox_backlog_events', {}) === 0 ? scraped : undefined;
      }, { description: 'the outbox backlog to drain' });
      expect(value(drained, 'lantern_outbox_oldest_unpublished_age_seconds', {})).toBe(0);
    }
  });

  it('a record that is not a CloudEvent is dead-lettered and counted per dead-letter and source topic', async () => {
    const group = matching.consumer['options'].group as string;
    const before = value((await scrape(matching)).samples, 'lantern_dead_letter_records_total', { topic: deadLetterTopicFor(group), source_topic: TOPICS.orders }) ?? 0;
    const producer = testKafka().producer();
    await producer.connect();
    try {
      await producer.send({ topic: TOPICS.orders, messages: [{ key: uniqueName('junk'), value: 'not a cloud event' }] });
    } finally {
      await producer.disconnect();
    }
    await waitFor(async () => {
      const counted = value((await scrape(matching)).samples, 'lantern_dead_letter_records_total', { topic: deadLetterTopicFor(group), source_topic: TOPICS.orders });
      return (counted ?? 0) === before + 1;
    }, { description: 'the dead-lettered record to be counted' });
  });
});

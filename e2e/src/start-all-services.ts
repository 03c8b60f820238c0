import { CharitySalesModule, CHARITY_SALES_SERVICE } from '@lantern/service-charity-sales';
import { MatchingModule, MATCHING_SERVICE } from '@lantern/service-matching';
import { NotificationsModule, NOTIFICATIONS_SERVICE } from '@lantern/service-notifications';
import { OrdersModule, ORDERS_SERVICE } from '@lantern/service-orders';
import { VolunteersModule, VOLUNTEERS_SERVICE } from '@lantern/service-volunteers';
import { dropDatabases, startTestService, TestService } from '@lantern/testing';

export const ALL_SERVICES = [
  { module: OrdersModule, options: ORDERS_SERVICE, env: { SEED_DEMO_DATA: 'true' } },
  { module: MatchingModule, options: MATCHING_SERVICE },
  { module: VolunteersModule, options: VOLUNTEERS_SERVICE },
  { module: CharitySalesModule, options: CHARITY_SALES_SERVICE },
  { module: NotificationsModule, options: NOTIFICATIONS_SERVICE },
] as const;

export type Stack = Record<'orders' | 'matching' | 'volunteers' | 'charity-sales' | 'notifications', TestService> & { stop(): Promise<void> };

/** All five services, each in its own database, sharing the real Kafka. */
export async function startAllServices(extraEnv: Partial<Record<keyof Omit<Stack, 'stop'>, Record<string, string>>> = {}): Promise<Stack> {
  const running: TestService[] = [];
  for (const { module, options, ...rest } of ALL_SERVICES) {
    const env = { ...('env' in rest ? rest.env : {}), ...extraEnv[options.service as keyof Omit<Stack, 'stop'>] };
    running.push(await startTestService(module, { service: options.service, env }));
  }
  const byName = Object.fromEntries(ALL_SERVICES.map(({ options }, index) => [options.service, running[index]]));
  return {
    ...(byName as Record<keyof Omit<Stack, 'stop'>, TestService>),
    async stop() {
      await Promise.all(running.map((service) => service.stop()));
      await dropDatabases(...running.map((service) => service.database));
    },
  };
}

import { AsyncApiConsumer } from '@lantern/contracts';
import { eventTypesHandledBy } from '@lantern/messaging';
import { ALL_SERVICES } from './start-all-services';

/** Who consumes what, read from each service's handlers, under each service's default consumer group (its name). */
export function eventConsumers(): AsyncApiConsumer[] {
  return ALL_SERVICES.map(({ module, options }) => ({ service: options.service, group: options.service, consumes: eventTypesHandledBy(module) }));
}

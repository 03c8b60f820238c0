import { unprocessable } from '@lantern/http';
import { FulfillerDirectory } from '../../fulfillers/fulfiller-directory';

interface Named {
  type: string;
  id: string;
}

/**
 * Routing names a fulfiller of the directory (matching owns it; this service holds a replica):
 * it must exist with that type, be active, and serve the order's station and the service's
 * category. Otherwise 422 naming the field. From memory: no database command for a known entry.
 */
export async function assertServes(directory: FulfillerDirectory, fulfiller: Named, order: { stationId: string }, category: string): Promise<void> {
  const refuse = (field: string, message: string) => unprocessable(`The order cannot be routed to ${fulfiller.type} ${fulfiller.id}: ${message}`, [{ field, message }]);
  const entry = await directory.find(fulfiller.id);
  if (!entry) throw refuse('body.fulfiller.id', `${fulfiller.id} is not in the fulfiller directory`);
  if (entry.type !== fulfiller.type) throw refuse('body.fulfiller.type', `${fulfiller.id} is a ${entry.type}, not a ${fulfiller.type}`);
  if (!entry.active) throw refuse('body.fulfiller.id', `${fulfiller.id} is inactive`);
  if (!entry.stations.includes(order.stationId)) throw refuse('body.fulfiller.id', `${fulfiller.id} does not serve station ${order.stationId}`);
  if (!entry.categories.includes(category)) throw refuse('body.fulfiller.id', `${fulfiller.id} does not fulfil ${category} services`);
}

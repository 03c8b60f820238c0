import { HttpResult, tokenFor, waitFor } from '@lantern/testing';
import { Stack } from './start-all-services';

type Fulfiller = { type: 'committee' | 'partner' | 'volunteer_team'; id: string };

/**
 * Puts an entry in the fulfiller directory through its owner, matching (as an admin). A
 * volunteer team is accepted once matching has heard of the team from the volunteers service.
 */
export async function putFulfiller(stack: Pick<Stack, 'matching'>, fulfiller: Fulfiller, entry: { stations: string[]; categories: string[]; active?: boolean }): Promise<void> {
  const token = await tokenFor({ sub: 'admin-e2e', roles: ['admin'] });
  const body = { type: fulfiller.type, name: { 'zh-CN': fulfiller.id, en: fulfiller.id }, ...entry };
  await waitFor(async () => ((await stack.matching.http('PUT', `/v1/fulfillers/${fulfiller.id}`, { token, body })).status === 200 ? true : undefined), {
    timeoutMs: 15_000,
    description: `matching to accept fulfiller ${fulfiller.id}`,
  });
}

/**
 * Routes the order once orders has replicated the fulfiller from matching's event: until then
 * orders answers 422 "not in the fulfiller directory", which changes nothing and is tried again.
 */
export function routeOnceKnown(stack: Pick<Stack, 'orders'>, orderId: string, token: string, fulfiller: Fulfiller): Promise<HttpResult> {
  return waitFor(
    async () => {
      const response = await stack.orders.http('POST', `/v1/orders/${orderId}/route`, { token, body: { fulfiller } });
      const unknownYet = response.status === 422 && /not in the fulfiller directory/.test(JSON.stringify(response.body));
      return unknownYet ? undefined : response;
    },
    { timeoutMs: 15_000, description: `orders to know fulfiller ${fulfiller.id}` },
  );
}

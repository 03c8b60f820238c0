import { ServiceStack } from './service-processes';
import { snapshotStack, StackUsage, usageBetween } from './stack-usage';

/**
 * What the five services spend doing nothing: a fixed window with no requests and no events of
 * this run (pollers, sweepers, heartbeats). The wait is the measurement, not a wait for a state.
 */
export async function measureIdleWindow(stack: ServiceStack, windowMs: number): Promise<StackUsage> {
  const before = await snapshotStack(stack);
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  return usageBetween(before, await snapshotStack(stack));
}

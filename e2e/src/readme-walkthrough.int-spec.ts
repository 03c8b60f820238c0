import { tokenFor, waitFor } from '@lantern/testing';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startAllServices, Stack } from './start-all-services';

const ROOT = join(__dirname, '..', '..');
const PORTS = { orders: 3001, matching: 3002, volunteers: 3003, 'charity-sales': 3004, notifications: 3005 } as const;
/**
 * The script's budget. It mints five tokens with `npm run token` (npm, then Node compiling the
 * TypeScript minter: 2–3 s each on an idle machine, several times that on a loaded one) besides
 * its requests, so it gets far more than the 60 s of an ordinary test — which it once ran out of
 * under load — and the test a little more than the script, so that a slow script fails as itself.
 */
const SCRIPT_BUDGET_MS = 240_000;

/** The shell block of the README's walk-through ("and in a third:"), exactly as a newcomer copies it. */
function walkThroughScript(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /and in a third:\s*```bash\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no walk-through block after "and in a third:"');
  return block[1];
}

/**
 * The README's curl walk-through, run by bash as written, against the five services — only the
 * ports are pointed at this test's services. The README promises the journey closes and the
 * resident hears about each step; a step that races the asynchronous parts would fail here.
 */
describe('the README walk-through works as written', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startAllServices({ orders: { SEED_DEMO_DATA: 'true' }, matching: { SEED_DEMO_DATA: 'true' } });
  });
  afterAll(() => stack.stop());

  it('places, offers, claims, routes, starts, completes and rates an order, and the resident is told of every step', async () => {
    let script = walkThroughScript();
    for (const [name, port] of Object.entries(PORTS)) script = script.replaceAll(`http://127.0.0.1:${port}`, stack[name as keyof typeof PORTS].url);
    script = `set -euo pipefail\n${script}\necho "ORDER_ID=$ORDER_ID"\n`;

    const began = Date.now();
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: ROOT, timeout: SCRIPT_BUDGET_MS, maxBuffer: 10_000_000 });
    process.stdout.write(`README walk-through script ran in ${((Date.now() - began) / 1000).toFixed(1)} s\n`);

    // No step was refused: every answer was a resource, not a problem.
    expect(stdout).not.toContain('lantern.example/problems/');
    const orderId = /ORDER_ID=(ord_\w+)/.exec(stdout)?.[1];
    expect(orderId).toBeDefined();
    const resident = await tokenFor({ sub: 'res-001', roles: ['resident'] });
    const order = await stack.orders.http('GET', `/v1/orders/${orderId}`, { token: resident });
    expect(order.body.status).toBe('CLOSED');
    expect(order.body.timeline.map((entry: { status: string }) => entry.status)).toEqual(['PLACED', 'OFFERED', 'CLAIMED', 'ROUTED', 'IN_PROGRESS', 'FULFILLED', 'FULFILLED', 'CLOSED']);
    const told = await waitFor(
      async () => {
        const inbox = await stack.notifications.http('GET', '/v1/inbox?limit=100', { token: resident });
        const titles = inbox.body.items.filter((item: { subject: string }) => item.subject === orderId).map((item: { title: string }) => item.title);
        return titles.length >= 5 ? titles : undefined;
      },
      { timeoutMs: 20_000, description: "the resident's five messages about the order" },
    );
    expect(told).toEqual(['服务已完成', '服务已开始', '服务已安排', '社工已接单', '订单已提交']);
  }, SCRIPT_BUDGET_MS + 30_000);
});

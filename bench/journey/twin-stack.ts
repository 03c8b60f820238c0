import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { BenchResources } from '../lib/bench-infra';
import { withDeadline } from '../lib/deadline';
import type { SizeOutcome, WithDataPlan } from './flat-with-data';
import type { JourneyStepOutcome } from './journey-step';
import type { LaunchChange } from './service-processes';
import { twinInfra } from './twin-infra';

/** What the bench asks of the twin's process. */
export type TwinRequest =
  | { kind: 'grow'; existingOrders: number; warmupJourneys: number; settleTimeoutMs: number; plan: { withData: WithDataPlan }; launch?: LaunchChange }
  | { kind: 'step' }
  | { kind: 'close' };

/** What the twin's process answers (and tells meanwhile). */
export type TwinReply =
  | { kind: 'progress'; message: string }
  | { kind: 'ready'; outcome: SizeOutcome }
  | { kind: 'stepped'; step: JourneyStepOutcome }
  | { kind: 'failed'; message: string };

/** Stopping its five services and dropping their databases. */
const CLOSE_DEADLINE_MS = 90_000;

/** A second stack of the five services, run by a process of its own against servers of its own. */
export interface TwinStack {
  /** Until its stack has `existingOrders` orders and is warmed up (as growTo leaves the first stack). */
  ready: Promise<SizeOutcome>;
  /** The plan's step on the twin: call it together with the first stack's, so both run in the same minute. */
  step(): Promise<JourneyStepOutcome>;
}

/** What the twin is to become: the 'grow' request. */
export type TwinGrowth = Omit<Extract<TwinRequest, { kind: 'grow' }>, 'kind'>;

/**
 * Starts (or finds) the twin's servers (twin-infra.ts), forks the twin's process
 * (twin-stack.process.ts) against them and has it boot the services, copy real journeys and grow
 * to `growth.existingOrders`. The run's end stops it, and the servers if they were started here.
 */
export async function startTwinStack(resources: BenchResources, growth: TwinGrowth, progress: (message: string) => void): Promise<TwinStack> {
  const infra = await twinInfra(resources, progress);
  progress(`the twin stack: five more services on ${infra.kafkaBrokers} and ${infra.mongoUrl}, grown to ${growth.existingOrders.toLocaleString('en-US')} orders`);
  const child = fork(join(__dirname, 'twin-stack.process.ts'), [], {
    env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, MONGO_URL: infra.mongoUrl },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies = new Replies(child, progress);
  resources.onClose('the twin stack', () => close(child, replies));
  child.send({ kind: 'grow', ...growth } satisfies TwinRequest);
  const ready = replies.next('ready').then((reply) => reply.outcome);
  ready.catch(() => undefined); // awaited by the caller; a failure before then is not unhandled
  return {
    ready,
    step: async () => {
      const stepped = replies.next('stepped');
      child.send({ kind: 'step' } satisfies TwinRequest);
      return (await stepped).step;
    },
  };
}

async function close(child: ChildProcess, replies: Replies): Promise<void> {
  if (replies.exited) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (child.connected) child.send({ kind: 'close' } satisfies TwinRequest);
  await withDeadline('the twin stack to stop', CLOSE_DEADLINE_MS, exited).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

/** The twin's answers, one awaited at a time; its failure or exit fails whatever is awaited. */
class Replies {
  exited = false;
  private waiting?: { kind: TwinReply['kind']; resolve: (reply: TwinReply) => void; reject: (error: Error) => void };
  private failure?: Error;

  constructor(child: ChildProcess, progress: (message: string) => void) {
    child.on('message', (reply: TwinReply) => {
      if (reply.kind === 'progress') return progress(`twin: ${reply.message}`);
      if (reply.kind === 'failed') return this.fail(new Error(`the twin stack failed: ${reply.message}`));
      if (this.waiting?.kind !== reply.kind) return this.fail(new Error(`the twin stack answered ${reply.kind} unasked`));
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve(reply);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      this.fail(new Error(`the twin stack's process exited (${signal ?? code})`));
    });
  }

  next<K extends TwinReply['kind']>(kind: K): Promise<Extract<TwinReply, { kind: K }>> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting) return Promise.reject(new Error(`the twin stack is still answering ${this.waiting.kind}`));
    return new Promise((resolve, reject) => {
      this.waiting = { kind, resolve: resolve as (reply: TwinReply) => void, reject };
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.failure);
  }
}

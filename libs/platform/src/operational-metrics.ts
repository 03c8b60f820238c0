import type { DeadlinePoller } from '@lantern/deadlines';
import type { OutboxPublisher } from '@lantern/event-store';
import { liveGauge } from '@lantern/telemetry';

const outboxBacklog = liveGauge('lantern_outbox_backlog_events', 'Events this replica stored and Kafka has not acknowledged yet', []);
const outboxOldest = liveGauge(
  'lantern_outbox_oldest_unpublished_age_seconds',
  'How long the oldest event this replica stored has waited for Kafka (0 when none waits)',
  [],
  'max',
);
const timersPending = liveGauge('lantern_timers_pending', 'Deadlines (timers) this replica knows and has not fired, by kind', ['kind']);
const timersDue = liveGauge('lantern_timers_due', 'Deadlines whose time has come and that are not fired yet, by kind', ['kind']);
const timersOverdue = liveGauge(
  'lantern_timers_overdue_seconds',
  'How long past its time the longest-waiting due deadline is, by kind (0 when none is due)',
  ['kind'],
  'max',
);

/**
 * The platform's operational gauges, read from memory when scraped: no database command and no
 * scan is added by collecting them. Returns the function that stops reporting (on shutdown).
 */
export function trackOperationalMetrics(outbox: OutboxPublisher, poller: DeadlinePoller): () => void {
  const stops = [
    outboxBacklog.track((set) => set({}, outbox.markers.backlog().events)),
    outboxOldest.track((set) => {
      const { oldestAt } = outbox.markers.backlog();
      set({}, oldestAt === undefined ? 0 : Math.max(0, (Date.now() - oldestAt) / 1000));
    }),
    timersPending.track((set) => {
      for (const [kind, timers] of poller.timers()) set({ kind }, timers.pending);
    }),
    timersDue.track((set) => {
      for (const [kind, timers] of poller.timers()) set({ kind }, timers.due);
    }),
    timersOverdue.track((set) => {
      const now = Date.now();
      for (const [kind, timers] of poller.timers(now)) set({ kind }, timers.oldestDueAt === undefined ? 0 : (now - timers.oldestDueAt) / 1000);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}

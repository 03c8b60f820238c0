import { Gauge, register } from 'prom-client';

type Labels = Record<string, string>;
/** Reports the current values of one source (a publisher, a poller, a consumer) when scraped. */
export type GaugeSample = (set: (labels: Labels, value: number) => void) => void;

export interface LiveGauge {
  /** Adds a source; returns the function that removes it (call it when the source shuts down). */
  track(sample: GaugeSample): () => void;
}

const gauges = new Map<string, LiveGauge>();

/**
 * A gauge read from in-memory state at scrape time, never by querying anything: each live
 * source reports its values when Prometheus scrapes. Several sources in one process (tests run
 * several services in one) are combined per label set, by `sum` (counts) or `max` (ages).
 */
export function liveGauge(name: string, help: string, labelNames: string[], combine: 'sum' | 'max' = 'sum'): LiveGauge {
  const existing = gauges.get(name);
  if (existing) return existing;
  const sources = new Set<GaugeSample>();
  const gauge =
    (register.getSingleMetric(name) as Gauge | undefined) ??
    new Gauge({
      name,
      help,
      labelNames,
      collect() {
        const values = new Map<string, { labels: Labels; value: number }>();
        for (const sample of sources) {
          sample((labels, value) => {
            const key = labelNames.map((label) => labels[label] ?? '').join('\u0000');
            const known = values.get(key);
            if (!known) values.set(key, { labels, value });
            else known.value = combine === 'sum' ? known.value + value : Math.max(known.value, value);
          });
        }
        this.reset();
        for (const { labels, value } of values.values()) this.set(labels, value);
      },
    });
  void gauge;
  const live: LiveGauge = {
    track(sample) {
      sources.add(sample);
      return () => void sources.delete(sample);
    },
  };
  gauges.set(name, live);
  return live;
}

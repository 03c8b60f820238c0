/* eslint-disable @typescript-eslint/no-require-imports -- the SDK is loaded when started, not by importing this library */
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';

type Sdk = typeof import('@opentelemetry/sdk-trace-base');

export interface TelemetryOptions {
  /** `service.name` unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) says otherwise. */
  service: string;
  /** Tests: export here, synchronously, whatever the environment says. */
  exporter?: SpanExporter;
  /**
   * Wrap the HTTP, undici and MongoDB driver modules (default true). Only effective when started
   * before they load; the platform starts telemetry without them for services run in-process.
   */
  instrument?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface Telemetry {
  /** Whether spans are recorded and exported (otherwise ids are still made and propagated). */
  exporting: boolean;
  /** Exports what is buffered (a service shutting down calls it; others in the process may go on). */
  flush(): Promise<void>;
}

let started: Telemetry | undefined;

/**
 * Starts OpenTelemetry tracing for this process, configured by the standard OTEL_* variables,
 * once (later calls return the first one's result). Call it before anything else loads, so the
 * HTTP, undici and MongoDB driver instrumentations can wrap their modules: see `register.ts`.
 *
 * Exporting is off unless configured (OTEL_TRACES_EXPORTER=otlp|console, or an
 * OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT). Off, spans are not recorded at all (the sampler says no),
 * but trace and span ids are still made and carried through HTTP, the event store and Kafka, so
 * log lines of one journey share a trace_id. On, OTEL_TRACES_SAMPLER (default
 * parentbased_always_on), OTEL_BSP_* and OTEL_EXPORTER_OTLP_* apply as the specification says.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (started) return started;
  const env = options.env ?? process.env;
  if (env.OTEL_SDK_DISABLED === 'true') return (started = { exporting: false, flush: async () => undefined });

  const sdk = require('@opentelemetry/sdk-trace-base') as Sdk;
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } = require('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { detectResources, envDetector, resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');

  const processors = spanProcessors(sdk, env, options.exporter);
  const exporting = processors.length > 0;
  const resource = resourceFromAttributes({ 'service.name': options.service }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: processors,
    // Not exporting: nothing is recorded, so an unexported span costs next to nothing.
    ...(exporting ? {} : { sampler: new sdk.AlwaysOffSampler() }),
  });
  provider.register({ propagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }) });
  if (options.instrument !== false) instrument(provider, exporting);
  started = { exporting, flush: () => provider.forceFlush() };
  return started;
}

/** Exports the spans still buffered (a service shutting down; others in the process go on). */
export async function flushTelemetry(): Promise<void> {
  await started?.flush();
}

function instrument(provider: import('@opentelemetry/api').TracerProvider, exporting: boolean): void {
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes would be most of the spans and tell nothing about a journey.
        ignoreIncomingRequestHook: (request) => /^\/(health|metrics)/.test(request.url ?? ''),
        // Not exporting, an incoming request's span is never recorded: all it is for is the ids,
        // and the platform's own server span (inHttpServerSpan) continues the caller's
        // traceparent as well, for a fraction of the cost (the instrumentation binds both
        // emitters, parses the URL and gathers attributes on every request: about a tenth of the
        // CPU of a GET /v1/catalogue on this machine). Outgoing requests are still instrumented.
        disableIncomingRequestInstrumentation: !exporting,
      }),
      new UndiciInstrumentation(),
      // Only when exporting: a database command carries no trace context onwards, so an
      // unrecorded span of one is of no use, and making it (wrapping each command, writing out
      // its statement with the values masked) cost 2 % of the orders process's busy CPU in the
      // journey benchmark (--cpu-prof).
      ...(exporting ? [mongoInstrumentation()] : []),
    ],
  });
}

function mongoInstrumentation() {
  const { MongoDBInstrumentation } = require('@opentelemetry/instrumentation-mongodb') as typeof import('@opentelemetry/instrumentation-mongodb');
  // Statements stay out of spans: a filter can hold personal data (a phone, an address).
  return new MongoDBInstrumentation({ enhancedDatabaseReporting: false });
}

function spanProcessors(sdk: Sdk, env: NodeJS.ProcessEnv, exporter?: SpanExporter): SpanProcessor[] {
  if (exporter) return [new sdk.SimpleSpanProcessor(exporter)];
  const configured = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const names = configured.length > 0 ? configured : env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT ? ['otlp'] : [];
  return names.flatMap((name): SpanProcessor[] => {
    if (name === 'otlp') {
      // Loaded only when used: the exporter and its OTLP stack cost memory at start-up.
      const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
      return [new sdk.BatchSpanProcessor(new OTLPTraceExporter())];
    }
    if (name === 'console') return [new sdk.SimpleSpanProcessor(new sdk.ConsoleSpanExporter())];
    if (name === 'none') return [];
    throw new Error(`OTEL_TRACES_EXPORTER: "${name}" is not supported here (otlp, console or none)`);
  });
}


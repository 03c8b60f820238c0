// The first import of main.ts: tracing starts before the HTTP server, the MongoDB driver and
// kafkajs are loaded, so their instrumentations can wrap them. Configured by OTEL_* variables.
import { startTelemetry } from '@lantern/telemetry';

startTelemetry({ service: 'orders' });

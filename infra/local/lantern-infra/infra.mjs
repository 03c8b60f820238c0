// The whole: install, start, stop, reset and report both servers, each under the lock. This is
// the API lantern-infra.mjs exports (npm start/test, the tests' global setup, the fuzzer).
import fs from 'node:fs';
import { ferretInstalled, ferretdb, installFerret, launchFerret } from './ferretdb.mjs';
import { installKafka, kafka, kafkaInstalled, launchKafka, requireKafkaTools } from './kafka.mjs';
import { P, STATE_DIR, VERSIONS, ports, rel } from './layout.mjs';
import { withLock } from './lock.mjs';
import { STOP_DEADLINE_MS, ensureService, isOurProcess, readPidFile, stopService } from './processes.mjs';
import { makeLogger } from './shell.mjs';

export const SERVERS = { kafka, ferretdb };

function urls() {
  const p = ports();
  return { kafkaBrokers: kafka.url(p.kafka), mongoUrl: ferretdb.url(p.mongo) };
}

async function installParts({ kafka, ferret, force = false }, log) {
  if (kafka) {
    if (force || !kafkaInstalled()) await installKafka(log);
    else log(`Kafka ${VERSIONS.kafka} jars already installed (${rel(P.kafkaLibs)})`);
  }
  if (ferret) {
    if (force || !ferretInstalled()) await installFerret(log);
    else log(`FerretDB launcher already built (${rel(P.ferretBin)})`);
  }
}

/**
 * Makes sure Kafka and a MongoDB-compatible server are reachable, installing and starting local
 * ones as needed (KAFKA_BROKERS / MONGO_URL in the environment mean "use that one instead").
 * Started servers keep running after this process exits; `startedHere` tells whether this call
 * started any of them.
 */
export async function ensureInfra({ quiet = false, recordClassArchive = true } = {}) {
  const log = makeLogger(quiet);
  const extKafka = process.env.KAFKA_BROKERS;
  const extMongo = process.env.MONGO_URL;
  const u = urls();
  const result = {
    kafkaBrokers: extKafka || u.kafkaBrokers,
    mongoUrl: extMongo || u.mongoUrl,
    startedHere: false,
  };
  if (extKafka) log(`KAFKA_BROKERS is set (${extKafka}): not starting Kafka`);
  if (extMongo) log(`MONGO_URL is set (${extMongo}): not starting FerretDB`);
  if (extKafka && extMongo) return result;

  if (!extKafka) requireKafkaTools(['java']); // fail before starting anything
  await withLock(log, async () => {
    await installParts({ kafka: !extKafka, ferret: !extMongo }, log);
    const jobs = [];
    if (!extKafka) jobs.push(ensureService(kafka, () => launchKafka(log, { recordClassArchive }), log));
    if (!extMongo) jobs.push(ensureService(ferretdb, () => launchFerret(), log));
    const settled = await Promise.allSettled(jobs);
    const failed = settled.filter((s) => s.status === 'rejected');
    if (failed.length) {
      // Do not leave half of the infrastructure behind: stop what this call started.
      const names = [!extKafka && 'kafka', !extMongo && 'ferretdb'].filter(Boolean);
      for (const [i, s] of settled.entries()) {
        if (s.status === 'fulfilled' && s.value.startedHere) await stopService(SERVERS[names[i]], log);
      }
      throw failed[0].reason;
    }
    result.startedHere = settled.some((s) => s.value.startedHere);
  });
  return result;
}

/**
 * Stops the servers this tool started (whatever process started them). `deadlineMs`: how long each server may take to stop before it is killed (npm start's Ctrl-C has 10 s in all).
 */
export async function stopInfra({ quiet = false, deadlineMs = STOP_DEADLINE_MS } = {}) {
  const log = makeLogger(quiet);
  if (!fs.existsSync(STATE_DIR)) {
    log('nothing to stop');
    return;
  }
  await withLock(log, async () => {
    await Promise.all([stopService(kafka, log, deadlineMs), stopService(ferretdb, log, deadlineMs)]);
  });
}

/** Installs the Kafka jars and builds the FerretDB launcher (skipped when already up to date). */
export async function installInfra({ quiet = false, force = false } = {}) {
  const log = makeLogger(quiet);
  requireKafkaTools(['java', 'mvn', 'go']);
  await withLock(log, () => installParts({ kafka: true, ferret: true, force }, log));
}

/** Stops everything and deletes the data (keeps installed jars and binary). */
export async function resetInfra({ quiet = false } = {}) {
  const log = makeLogger(quiet);
  await stopInfra({ quiet });
  for (const dir of [P.kafkaData, P.ferretData]) {
    fs.rmSync(dir, { recursive: true, force: true });
    log(`deleted ${rel(dir)}`);
  }
  fs.rmSync(P.kafkaClusterId, { force: true });
}

/** Reports {kafka, ferretdb}: running, pid, port, url, external (env var in use). */
export async function infraStatus() {
  const out = {};
  for (const svc of Object.values(SERVERS)) {
    let { pid, port } = readPidFile(svc.pidFile);
    const running = !!pid && isOurProcess(pid, svc.marker);
    if (!running) pid = null;
    if (!running || !port) port = svc.port();
    out[svc.name] = {
      running,
      ready: running ? await svc.ready(port) : false,
      pid,
      port,
      url: svc.url(port),
      external: process.env[svc.envVar] || null,
      log: rel(svc.logFile),
    };
  }
  out.installed = { kafka: kafkaInstalled(), ferretdb: safe(ferretInstalled) };
  return out;
}

function safe(fn) {
  try {
    return fn();
  } catch {
    return false;
  }
}

export function infraEnv() {
  const u = urls();
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS || u.kafkaBrokers,
    MONGO_URL: process.env.MONGO_URL || u.mongoUrl,
  };
}

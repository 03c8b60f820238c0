// Where everything lives, which versions are installed, and which ports a profile uses. Read once
// at import: LANTERN_INFRA_PROFILE must be set before this module is first imported (lantern.mjs
// imports lantern-infra.mjs only after choosing the profile).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InfraError } from './shell.mjs';

export const VERSIONS = Object.freeze({
  kafka: '4.1.1',
  scala: '2.13',
  // Kafka 4.1 uses slf4j-api 1.7.x, so the bridge is log4j-slf4j-impl (log4j-slf4j2-impl is for
  // slf4j 2.x). Same log4j version as kafka-server depends on.
  log4j: '2.24.3',
  slf4jBridge: 'log4j-slf4j-impl',
  dependencyPlugin: '3.8.1',
});

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const STATE_DIR = path.join(REPO_ROOT, '.lantern');
// A profile keeps its own servers and data (installed jars and binaries are shared). `npm test`
// and `npm run bench` use the `test` profile, so they never mix their events into the stack
// that `npm start` runs, and the two can run side by side.
const PROFILE = process.env.LANTERN_INFRA_PROFILE || '';
if (PROFILE && !/^[a-z0-9-]{1,20}$/.test(PROFILE)) throw new Error(`LANTERN_INFRA_PROFILE=${PROFILE} must be a short lowercase name`);
// `test-twin` is the benchmark's second pair of servers: flat with data runs two stacks at the
// same moment, each with a Kafka of its own (their topics have the same names).
const PROFILE_PORTS = { test: { kafka: 29092, mongo: 27027 }, 'test-twin': { kafka: 29192, mongo: 27127 } };
const RUN_DIR = PROFILE ? path.join(STATE_DIR, 'profiles', PROFILE) : STATE_DIR;
export const LAUNCHER_SRC = path.join(REPO_ROOT, 'infra', 'ferretdb-launcher');

/** Every file and folder under .lantern/ (infra/local/README.md draws the tree). */
export const P = {
  lock: path.join(STATE_DIR, 'infra.lock'),
  kafkaDir: path.join(STATE_DIR, 'kafka'),
  kafkaLibs: path.join(STATE_DIR, 'kafka', 'libs'),
  kafkaData: path.join(RUN_DIR, 'kafka', 'data'),
  kafkaLogs: path.join(RUN_DIR, 'kafka', 'logs'),
  kafkaOut: path.join(RUN_DIR, 'kafka', 'logs', 'kafka.out'),
  kafkaProps: path.join(RUN_DIR, 'kafka', 'server.properties'),
  kafkaLog4j: path.join(RUN_DIR, 'kafka', 'log4j2.xml'),
  kafkaPom: path.join(STATE_DIR, 'kafka', 'pom.xml'),
  kafkaStamp: path.join(STATE_DIR, 'kafka', 'install-stamp.json'),
  kafkaPid: path.join(RUN_DIR, 'kafka', 'kafka.pid'),
  kafkaClusterId: path.join(RUN_DIR, 'kafka', 'cluster-id'),
  binDir: path.join(STATE_DIR, 'bin'),
  ferretBin: path.join(STATE_DIR, 'bin', 'lantern-ferretdb'),
  ferretStamp: path.join(STATE_DIR, 'bin', 'lantern-ferretdb.stamp.json'),
  ferretDir: path.join(RUN_DIR, 'ferretdb'),
  ferretData: path.join(RUN_DIR, 'ferretdb', 'data'),
  ferretLog: path.join(RUN_DIR, 'ferretdb', 'ferretdb.log'),
  ferretPid: path.join(RUN_DIR, 'ferretdb', 'ferretdb.pid'),
};

/** The ports asked for: LANTERN_KAFKA_PORT / LANTERN_MONGO_PORT, else the profile's, else the usual ones. */
export function ports() {
  const int = (name, dflt) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65534) throw new InfraError(`${name}=${raw} is not a valid port`);
    return n;
  };
  const defaults = PROFILE_PORTS[PROFILE] ?? { kafka: 9092, mongo: 27017 };
  const kafka = int('LANTERN_KAFKA_PORT', defaults.kafka);
  return { kafka, controller: kafka + 1, mongo: int('LANTERN_MONGO_PORT', defaults.mongo) };
}

export const rel = (p) => path.relative(REPO_ROOT, p) || '.';

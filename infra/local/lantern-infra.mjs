#!/usr/bin/env node
// Lantern local infrastructure: a single-node Kafka (KRaft, from Maven Central jars) and
// FerretDB 1.x (MongoDB wire protocol on SQLite, built from the Go module proxy).
//
// Uses only Node built-ins: it must work before `npm install`.
//
//   node infra/local/lantern-infra.mjs <install|start|stop|status|reset|env|kafka-topics> [-q]
//
// Also importable:
//   import { ensureInfra, stopInfra, infraStatus } from '<repo>/infra/local/lantern-infra.mjs';
//   const { kafkaBrokers, mongoUrl, startedHere } = await ensureInfra({ quiet: true });
//
// All state lives under <repo root>/.lantern/ (git-ignored). See infra/local/README.md.

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------------
// Versions and layout
// ---------------------------------------------------------------------------------------------

export const VERSIONS = Object.freeze({
  kafka: '4.1.1',
  scala: '2.13',
  // Kafka 4.1 uses slf4j-api 1.7.x, so the bridge is log4j-slf4j-impl (log4j-slf4j2-impl is for
  // slf4j 2.x). Same log4j version as kafka-server depends on.
  log4j: '2.24.3',
  slf4jBridge: 'log4j-slf4j-impl',
  dependencyPlugin: '3.8.1',
});

const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(SCRIPT_DIR, '..', '..');
const STATE_DIR = path.join(REPO_ROOT, '.lantern');
// A profile keeps its own servers and data (installed jars and binaries are shared). `npm test`
// and `npm run bench` use the `test` profile, so they never mix their events into the stack
// that `npm start` runs, and the two can run side by side.
const PROFILE = process.env.LANTERN_INFRA_PROFILE || '';
if (PROFILE && !/^[a-z0-9-]{1,20}$/.test(PROFILE)) throw new Error(`LANTERN_INFRA_PROFILE=${PROFILE} must be a short lowercase name`);
const PROFILE_PORTS = { test: { kafka: 29092, mongo: 27027 } };
const RUN_DIR = PROFILE ? path.join(STATE_DIR, 'profiles', PROFILE) : STATE_DIR;
const LAUNCHER_SRC = path.join(REPO_ROOT, 'infra', 'ferretdb-launcher');

const P = {
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

const READY_DEADLINE_MS = 90_000;
const STOP_DEADLINE_MS = 30_000;
const LOCK_DEADLINE_MS = 10 * 60_000; // an install (mvn + go build) can take minutes
const KAFKA_STARTED_MARKER = 'Kafka Server started';
const KAFKA_PROC_MARKER = 'kafka.Kafka';
const FERRET_PROC_MARKER = 'lantern-ferretdb';

const TOOL_HINTS = {
  java:
    'a Java 17+ runtime. Debian/Ubuntu: `apt-get install openjdk-17-jre-headless` ' +
    '(or openjdk-21-jre-headless); macOS: `brew install openjdk@17`. JAVA_HOME is honoured.',
  mvn: 'Apache Maven 3.6+. Debian/Ubuntu: `apt-get install maven`; macOS: `brew install maven`.',
  go:
    'Go 1.21+ (go.mod asks for 1.24; newer Go toolchains are fetched automatically). ' +
    'Debian 13/Ubuntu 24.04+: `apt-get install golang-go`; older Debian: golang-1.2x from backports; ' +
    'macOS: `brew install go`.',
};

class InfraError extends Error {}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function ports() {
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

function urls() {
  const p = ports();
  return { kafkaBrokers: SERVICES.kafka.url(p.kafka), mongoUrl: SERVICES.ferretdb.url(p.mongo) };
}

const rel = (p) => path.relative(REPO_ROOT, p) || '.';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function makeLogger(quiet) {
  return (msg) => {
    if (!quiet) console.log(`[lantern-infra] ${msg}`);
  };
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function writeFileAtomic(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** The last lines of a log, preceded by its first few error lines (stack traces bury them). */
function tail(file, lines = 30) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return `(no log at ${rel(file)})`;
  }
  const all = text.split('\n');
  const last = all.slice(-lines - 1);
  const errors = all
    .slice(0, -lines - 1)
    .filter((l) => /\b(ERROR|FATAL)\b|^Caused by:|level=ERROR|panic:/.test(l))
    .slice(0, 6);
  const head = errors.length ? `${errors.join('\n')}\n  ...\n` : '';
  return head + last.join('\n');
}

function jvmCrashed(logFile) {
  try {
    return fs.readFileSync(logFile, 'utf8').includes('A fatal error has been detected by the Java Runtime Environment');
  } catch {
    return false;
  }
}

function findExecutable(cmd) {
  if (cmd === 'java' && process.env.JAVA_HOME) {
    const j = path.join(process.env.JAVA_HOME, 'bin', 'java');
    if (isExecutable(j)) return j;
  }
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, cmd);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Throws a clear error naming every missing tool and how to get it. */
function requireTools(tools) {
  const missing = tools.filter((t) => !findExecutable(t));
  if (missing.length) {
    const lines = missing.map((t) => `  - ${t}: install ${TOOL_HINTS[t]}`);
    throw new InfraError(`missing required tool(s): ${missing.join(', ')}\n${lines.join('\n')}`);
  }
  if (tools.includes('java')) {
    const java = findExecutable('java');
    const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
    const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
    const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
    if (!(major >= 17)) {
      throw new InfraError(
        `Kafka ${VERSIONS.kafka} needs Java 17+, but \`${java} -version\` says: ${(r.stderr || '').split('\n')[0]}\n` +
          `  - java: install ${TOOL_HINTS.java}`,
      );
    }
  }
}

/** Runs a command, capturing output; rejects with the output tail on failure. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => reject(new InfraError(`${cmd}: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(out);
      else {
        const shown = out.split('\n').slice(-60).join('\n');
        reject(new InfraError(`\`${path.basename(cmd)} ${args.join(' ')}\` failed (${signal || `exit ${code}`}):\n${shown}`));
      }
    });
  });
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false;
  }
  // A zombie (exited, not yet reaped) counts as dead.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) Z/s.test(stat)) return false;
  } catch {
    /* no /proc (macOS) */
  }
  return true;
}

/** Whether pid is alive and its command line contains marker (guards against pid reuse). */
function isOurProcess(pid, marker) {
  if (!isAlive(pid)) return false;
  let cmdline = null;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    const r = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    if (r.status === 0) cmdline = r.stdout;
  }
  return cmdline === null ? true : cmdline.includes(marker);
}

function readPid(file) {
  return readPidFile(file).pid;
}

/** Pid files hold "<pid>\n<port>\n" (the port the process was started on). */
function readPidFile(file) {
  try {
    const [pidText, portText] = fs.readFileSync(file, 'utf8').split('\n');
    const pid = Number(pidText.trim());
    const port = Number((portText || '').trim());
    return { pid: Number.isInteger(pid) && pid > 0 ? pid : null, port: Number.isInteger(port) && port > 0 ? port : null };
  } catch {
    return { pid: null, port: null };
  }
}

function rmPid(file) {
  fs.rmSync(file, { force: true });
}

function tcpAccepts(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------------------------------------
// Minimal MongoDB wire protocol: OP_MSG { hello: 1, $db: "admin" } and a tiny BSON reader.
// ---------------------------------------------------------------------------------------------

function bsonEncode(obj) {
  const parts = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = Buffer.from(`${k}\0`, 'utf8');
    if (typeof v === 'number' && Number.isInteger(v)) {
      const b = Buffer.alloc(4);
      b.writeInt32LE(v);
      parts.push(Buffer.from([0x10]), key, b);
    } else if (typeof v === 'string') {
      const s = Buffer.from(`${v}\0`, 'utf8');
      const len = Buffer.alloc(4);
      len.writeInt32LE(s.length);
      parts.push(Buffer.from([0x02]), key, len, s);
    } else {
      throw new Error(`bsonEncode: unsupported value for ${k}`);
    }
  }
  const body = Buffer.concat([...parts, Buffer.from([0])]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(body.length + 4);
  return Buffer.concat([size, body]);
}

/** Decodes the scalar top-level fields of a BSON document (nested documents are skipped). */
function bsonDecodeTop(buf) {
  const out = {};
  const end = buf.readInt32LE(0) - 1;
  let i = 4;
  while (i < end) {
    const type = buf[i++];
    const z = buf.indexOf(0, i);
    const key = buf.toString('utf8', i, z);
    i = z + 1;
    switch (type) {
      case 0x01: out[key] = buf.readDoubleLE(i); i += 8; break;
      case 0x02: case 0x0d: case 0x0e: {
        const n = buf.readInt32LE(i);
        out[key] = buf.toString('utf8', i + 4, i + 4 + n - 1);
        i += 4 + n;
        break;
      }
      case 0x03: case 0x04: i += buf.readInt32LE(i); break;
      case 0x05: i += 5 + buf.readInt32LE(i); break;
      case 0x07: i += 12; break;
      case 0x08: out[key] = buf[i] === 1; i += 1; break;
      case 0x09: out[key] = new Date(Number(buf.readBigInt64LE(i))); i += 8; break;
      case 0x0a: case 0x06: case 0xff: case 0x7f: out[key] = null; break;
      case 0x10: out[key] = buf.readInt32LE(i); i += 4; break;
      case 0x11: case 0x12: out[key] = Number(buf.readBigInt64LE(i)); i += 8; break;
      case 0x13: i += 16; break;
      default: return out; // unknown type: stop, we have what we need
    }
  }
  return out;
}

/** Sends a real MongoDB `hello` command (OP_MSG) and resolves with the reply's top-level fields. */
export function mongoHello(port, host = '127.0.0.1', timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const doc = bsonEncode({ hello: 1, $db: 'admin' });
    const header = Buffer.alloc(16);
    const requestId = crypto.randomInt(1, 2 ** 31 - 1);
    header.writeInt32LE(16 + 4 + 1 + doc.length, 0);
    header.writeInt32LE(requestId, 4);
    header.writeInt32LE(0, 8);
    header.writeInt32LE(2013, 12); // OP_MSG
    const msg = Buffer.concat([header, Buffer.alloc(4), Buffer.from([0]), doc]);

    const sock = net.connect({ port, host });
    let chunks = Buffer.alloc(0);
    const fail = (err) => {
      sock.destroy();
      reject(err);
    };
    sock.setTimeout(timeoutMs, () => fail(new Error('hello timed out')));
    sock.once('error', fail);
    sock.once('connect', () => sock.write(msg));
    sock.on('data', (d) => {
      chunks = Buffer.concat([chunks, d]);
      if (chunks.length < 4 || chunks.length < chunks.readInt32LE(0)) return;
      sock.destroy();
      try {
        if (chunks.readInt32LE(8) !== requestId) throw new Error('reply to another request');
        if (chunks.readInt32LE(12) !== 2013) throw new Error(`unexpected opCode ${chunks.readInt32LE(12)}`);
        if (chunks[20] !== 0) throw new Error('unexpected OP_MSG section kind');
        const reply = bsonDecodeTop(chunks.subarray(21));
        if (reply.ok !== 1 && reply.ok !== true) throw new Error(`hello failed: ${JSON.stringify(reply)}`);
        resolve(reply);
      } catch (err) {
        reject(err);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Lock: serialises install/start/stop across concurrent callers (e.g. parallel Nx targets).
// ---------------------------------------------------------------------------------------------

async function withLock(log, fn) {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const start = Date.now();
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(P.lock, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = readPid(P.lock);
      let stale = owner === null ? Date.now() - safeMtime(P.lock) > 5000 : !isAlive(owner) || owner === process.pid;
      if (stale) {
        fs.rmSync(P.lock, { force: true });
        continue;
      }
      if (!announced) {
        log(`waiting for another lantern-infra process (pid ${owner}) to finish...`);
        announced = true;
      }
      if (Date.now() - start > LOCK_DEADLINE_MS) {
        throw new InfraError(`timed out waiting for ${rel(P.lock)} (held by pid ${owner})`);
      }
      await sleep(250);
    }
  }
  const release = () => {
    if (readPid(P.lock) === process.pid) fs.rmSync(P.lock, { force: true });
  };
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    release();
    process.removeListener('exit', release);
  }
}

function safeMtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Install: Kafka jars via Maven, FerretDB launcher via go build
// ---------------------------------------------------------------------------------------------

function kafkaPom() {
  const v = VERSIONS;
  const dep = (g, a, ver, extra = '') =>
    `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${ver}</version>${extra}</dependency>`;
  const excl = (g, a) => `<exclusion><groupId>${g}</groupId><artifactId>${a}</artifactId></exclusion>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by infra/local/lantern-infra.mjs: the classpath of Lantern's local Kafka. -->
<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>lantern.local</groupId>
  <artifactId>lantern-kafka-classpath</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${dep('org.apache.kafka', `kafka_${v.scala}`, v.kafka)}
    <!-- CLI tools (TopicCommand etc.) without Kafka Connect's runtime (jetty, jersey, ...) -->
${dep('org.apache.kafka', 'kafka-tools', v.kafka, `<exclusions>${excl('org.apache.kafka', 'connect-runtime')}${excl('com.fasterxml.jackson.jakarta.rs', '*')}</exclusions>`)}
    <!-- The slf4j -> log4j2 bridge is not transitive: without it the broker logs nothing. -->
${dep('org.apache.logging.log4j', v.slf4jBridge, v.log4j)}
${dep('org.apache.logging.log4j', 'log4j-core', v.log4j)}
${dep('org.apache.logging.log4j', 'log4j-api', v.log4j)}
  </dependencies>
</project>
`;
}

function kafkaWantedStamp() {
  return { ...VERSIONS, pomSha256: sha256(kafkaPom()) };
}

function kafkaInstalled() {
  const stamp = readJson(P.kafkaStamp);
  if (!stamp || JSON.stringify(stamp) !== JSON.stringify(kafkaWantedStamp())) return false;
  return fs.existsSync(path.join(P.kafkaLibs, `kafka_${VERSIONS.scala}-${VERSIONS.kafka}.jar`));
}

async function installKafka(log) {
  requireTools(['java', 'mvn']);
  const t0 = Date.now();
  log(`installing Kafka ${VERSIONS.kafka} jars into ${rel(P.kafkaLibs)} (maven)...`);
  fs.mkdirSync(P.kafkaDir, { recursive: true });
  fs.writeFileSync(P.kafkaPom, kafkaPom());
  const tmp = `${P.kafkaLibs}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await run(findExecutable('mvn'), [
    '-q', '-B',
    '-f', P.kafkaPom,
    `org.apache.maven.plugins:maven-dependency-plugin:${VERSIONS.dependencyPlugin}:copy-dependencies`,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${tmp}`,
  ], { cwd: P.kafkaDir });
  fs.rmSync(P.kafkaLibs, { recursive: true, force: true });
  fs.renameSync(tmp, P.kafkaLibs);
  writeFileAtomic(P.kafkaStamp, `${JSON.stringify(kafkaWantedStamp(), null, 2)}\n`);
  log(`Kafka jars installed in ${secs(Date.now() - t0)} (${fs.readdirSync(P.kafkaLibs).length} jars)`);
}

function launcherHash() {
  if (!fs.existsSync(path.join(LAUNCHER_SRC, 'go.mod'))) {
    throw new InfraError(`FerretDB launcher source not found at ${rel(LAUNCHER_SRC)}`);
  }
  const files = fs
    .readdirSync(LAUNCHER_SRC)
    .filter((f) => f === 'go.mod' || f === 'go.sum' || f.endsWith('.go'))
    .sort();
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(fs.readFileSync(path.join(LAUNCHER_SRC, f))).update('\0');
  return h.digest('hex');
}

function ferretWantedStamp() {
  return { launcherSha256: launcherHash(), platform: `${process.platform}-${process.arch}` };
}

function ferretInstalled() {
  const stamp = readJson(P.ferretStamp);
  return (
    !!stamp && JSON.stringify(stamp) === JSON.stringify(ferretWantedStamp()) && isExecutable(P.ferretBin)
  );
}

async function installFerret(log) {
  requireTools(['go']);
  const t0 = Date.now();
  log(`building FerretDB launcher into ${rel(P.ferretBin)} (go build; the first build takes a minute or two)...`);
  fs.mkdirSync(P.binDir, { recursive: true });
  const tmp = `${P.ferretBin}.tmp-${process.pid}`;
  await run(findExecutable('go'), ['build', '-trimpath', '-buildvcs=false', '-o', tmp, '.'], {
    cwd: LAUNCHER_SRC,
    // GOWORK=off: a go.work at the repo root must not capture this standalone module.
    env: { ...process.env, GOWORK: 'off', CGO_ENABLED: '0' },
  });
  fs.renameSync(tmp, P.ferretBin);
  writeFileAtomic(P.ferretStamp, `${JSON.stringify(ferretWantedStamp(), null, 2)}\n`);
  log(`FerretDB launcher built in ${secs(Date.now() - t0)}`);
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

// ---------------------------------------------------------------------------------------------
// Kafka
// ---------------------------------------------------------------------------------------------

function kafkaProperties(p) {
  return `# Generated by infra/local/lantern-infra.mjs on every start: edit the script, not this file.
# Single-node KRaft (combined broker + controller) for local development and tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${p.controller}
listeners=PLAINTEXT://127.0.0.1:${p.kafka},CONTROLLER://127.0.0.1:${p.controller}
advertised.listeners=PLAINTEXT://127.0.0.1:${p.kafka}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${P.kafkaData}

num.partitions=6
auto.create.topics.enable=false
delete.topic.enable=true
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
group.initial.rebalance.delay.ms=0

# Few threads: the machines have 2 cores.
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
num.replica.fetchers=1
log.cleaner.threads=1
group.coordinator.threads=1
share.coordinator.threads=1
`;
}

function kafkaLog4jXml() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by infra/local/lantern-infra.mjs on every start. No log4j shutdown hook: Kafka logs
     its own controlled shutdown from a JVM shutdown hook, and those lines should not be lost. -->
<Configuration status="WARN" shutdownHook="disable">
  <Properties>
    <Property name="pattern">[%d] %p %m (%c)%n</Property>
  </Properties>
  <Appenders>
    <Console name="STDOUT" target="SYSTEM_OUT">
      <PatternLayout pattern="\${pattern}"/>
    </Console>
    <RollingFile name="FILE" fileName="\${sys:kafka.logs.dir}/server.log"
                 filePattern="\${sys:kafka.logs.dir}/server.log.%i">
      <PatternLayout pattern="\${pattern}"/>
      <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
      <DefaultRolloverStrategy max="3"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Root level="WARN">
      <AppenderRef ref="STDOUT"/>
      <AppenderRef ref="FILE"/>
    </Root>
    <!-- INFO for kafka.server so that "${KAFKA_STARTED_MARKER}" (KafkaRaftServer) is logged. -->
    <Logger name="kafka.server" level="INFO"/>
    <Logger name="kafka.Kafka" level="INFO"/>
    <!-- Noisy ones. -->
    <Logger name="kafka.server.KafkaConfig" level="WARN"/>
    <Logger name="kafka.server.SharedServer" level="WARN"/>
    <Logger name="kafka.server.ClientQuotaManager$ThrottledChannelReaper" level="WARN"/>
    <Logger name="kafka.server.NodeToControllerRequestThread" level="WARN"/>
    <Logger name="kafka.server.NodeToControllerChannelManagerImpl" level="WARN"/>
    <Logger name="kafka.server.ControllerRegistrationManager" level="WARN"/>
    <Logger name="kafka.server.KafkaRequestHandlerPool" level="WARN"/>
    <Logger name="kafka.server.metadata" level="WARN"/>
    <Logger name="kafka.server.ReplicaFetcherManager" level="WARN"/>
    <Logger name="kafka.server.ReplicaAlterLogDirsManager" level="WARN"/>
    <Logger name="kafka.server.ReplicaManager" level="WARN"/>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="kafka.log" level="WARN"/>
    <Logger name="kafka.controller" level="WARN"/>
    <Logger name="kafka.coordinator" level="WARN"/>
    <Logger name="org.apache.kafka" level="WARN"/>
    <Logger name="org.apache.kafka.clients.NetworkClient" level="ERROR"/>
  </Loggers>
</Configuration>
`;
}

function kafkaClasspath() {
  return fs
    .readdirSync(P.kafkaLibs)
    .filter((f) => f.endsWith('.jar'))
    .sort()
    .map((f) => path.join(P.kafkaLibs, f))
    .join(path.delimiter);
}

function kafkaJvmBase() {
  return [
    `-Dlog4j2.configurationFile=${P.kafkaLog4j}`,
    `-Dkafka.logs.dir=${P.kafkaLogs}`,
    `-XX:ErrorFile=${path.join(P.kafkaLogs, 'hs_err_pid%p.log')}`,
    '-Djava.awt.headless=true',
  ];
}

function kafkaClusterId() {
  let id = null;
  try {
    id = fs.readFileSync(P.kafkaClusterId, 'utf8').trim();
  } catch {
    /* generate below */
  }
  if (!id) {
    // Kafka cluster ids are 16 random bytes in unpadded base64url; one starting with '-' would
    // look like a CLI flag, so avoid it (as Kafka's own Uuid.randomUuid does).
    do id = crypto.randomBytes(16).toString('base64url');
    while (id.startsWith('-'));
    fs.writeFileSync(P.kafkaClusterId, `${id}\n`);
  }
  return id;
}

// AppCDS: the first start records the loaded classes into a dynamic archive when the JVM exits
// cleanly (SIGTERM via `stop`); later starts map it. The archive is keyed by JVM + classpath, and
// written to a temporary name that is only promoted after a clean exit, so a killed JVM never
// leaves a half-written archive behind. LANTERN_KAFKA_CDS=0 disables it. Recording costs the
// JVM seconds at exit (about 27 s instead of 1 s on a loaded 2-core machine): a caller that must
// stop quickly (npm start's Ctrl-C has 10 s in all, and would kill the JVM mid-dump, losing the
// archive anyway) starts Kafka with `recordClassArchive: false`, mapping an archive if there is
// one and recording none.
function cdsEnabled() {
  return process.env.LANTERN_KAFKA_CDS !== '0';
}

function cdsPaths(java, cp) {
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  // The JVM refuses an archive whose jars changed (size/mtime), so those are part of the key.
  const jars = cp.split(path.delimiter).map((j) => {
    const st = fs.statSync(j);
    return `${j}:${st.size}:${st.mtimeMs}`;
  });
  const key = sha256(`${r.stderr}\n${java}\n${jars.join('\n')}`).slice(0, 16);
  const archive = path.join(P.kafkaDir, `kafka-cds-${key}.jsa`);
  return { archive, pending: `${archive}.pending` };
}

function kafkaCdsFlags(java, cp, record) {
  if (!cdsEnabled()) return [];
  const { archive, pending } = cdsPaths(java, cp);
  for (const f of fs.readdirSync(P.kafkaDir)) {
    const full = path.join(P.kafkaDir, f);
    if (f.startsWith('kafka-cds-') && full !== archive) fs.rmSync(full, { force: true });
  }
  if (fs.existsSync(archive)) return [`-XX:SharedArchiveFile=${archive}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off'];
  if (!record) return [];
  return [`-XX:ArchiveClassesAtExit=${pending}`, '-Xlog:cds=off', '-Xlog:cds+dynamic=off'];
}

/** Called after Kafka exited: promote a freshly dumped archive only after a clean exit. */
function kafkaCdsAfterExit(clean) {
  if (!fs.existsSync(P.kafkaDir)) return;
  for (const f of fs.readdirSync(P.kafkaDir)) {
    if (!f.startsWith('kafka-cds-') || !f.endsWith('.jsa.pending')) continue;
    const pending = path.join(P.kafkaDir, f);
    if (clean && fs.statSync(pending).size > 0) fs.renameSync(pending, pending.slice(0, -'.pending'.length));
    else fs.rmSync(pending, { force: true });
  }
}

async function formatKafkaStorage(java, cp, log) {
  if (fs.existsSync(path.join(P.kafkaData, 'meta.properties'))) return;
  const t0 = Date.now();
  fs.mkdirSync(P.kafkaData, { recursive: true });
  await run(java, [
    '-Xmx256m', ...kafkaJvmBase(), '-cp', cp,
    'kafka.tools.StorageTool', 'format', '-t', kafkaClusterId(), '-c', P.kafkaProps, '--ignore-formatted',
  ]);
  log(`formatted Kafka storage in ${rel(P.kafkaData)} (${secs(Date.now() - t0)})`);
}

// ---------------------------------------------------------------------------------------------
// Generic managed process
// ---------------------------------------------------------------------------------------------

const SERVICES = {
  kafka: {
    name: 'kafka',
    envVar: 'KAFKA_BROKERS',
    pidFile: P.kafkaPid,
    logFile: P.kafkaOut,
    marker: KAFKA_PROC_MARKER,
    port: () => ports().kafka,
    url: (port) => `127.0.0.1:${port}`,
    async ready(port) {
      if (!(await tcpAccepts(port))) return false;
      try {
        return fs.readFileSync(P.kafkaOut, 'utf8').includes(KAFKA_STARTED_MARKER);
      } catch {
        return false;
      }
    },
  },
  ferretdb: {
    name: 'ferretdb',
    envVar: 'MONGO_URL',
    pidFile: P.ferretPid,
    logFile: P.ferretLog,
    marker: FERRET_PROC_MARKER,
    port: () => ports().mongo,
    url: (port) => `mongodb://127.0.0.1:${port}/?directConnection=true`,
    async ready(port) {
      try {
        await mongoHello(port);
        return true;
      } catch {
        return false;
      }
    },
  },
};

function spawnDetached(svc, cmd, args, port) {
  fs.mkdirSync(path.dirname(svc.logFile), { recursive: true });
  // Keep the previous run's log as <log>.1; readiness checks only read the fresh one.
  if (fs.existsSync(svc.logFile)) fs.renameSync(svc.logFile, `${svc.logFile}.1`);
  const fd = fs.openSync(svc.logFile, 'w');
  let child;
  try {
    child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], cwd: STATE_DIR });
  } finally {
    fs.closeSync(fd);
  }
  const state = { exited: false, code: null, signal: null };
  child.on('exit', (code, signal) => Object.assign(state, { exited: true, code, signal }));
  child.on('error', (err) => Object.assign(state, { exited: true, error: err }));
  child.unref();
  if (child.pid) fs.writeFileSync(svc.pidFile, `${child.pid}\n${port}\n`);
  return { pid: child.pid, state };
}

async function waitReady(svc, pid, childState, t0, log) {
  const port = svc.port();
  const deadline = t0 + READY_DEADLINE_MS;
  while (Date.now() < deadline) {
    const dead = childState ? childState.exited : !isAlive(pid);
    if (dead || !isAlive(pid)) {
      rmPid(svc.pidFile);
      if (svc === SERVICES.kafka) kafkaCdsAfterExit(false);
      const how = childState?.error
        ? childState.error.message
        : childState?.exited
          ? `exit ${childState.code ?? childState.signal}`
          : 'exited';
      throw new InfraError(
        `${svc.name} died during start (${how}); last lines of ${rel(svc.logFile)}:\n${tail(svc.logFile)}`,
      );
    }
    if (await svc.ready(port)) return;
    await sleep(100);
  }
  log(`${svc.name} not ready after ${secs(READY_DEADLINE_MS)}, stopping it`);
  await stopService(svc, log);
  throw new InfraError(
    `${svc.name} did not become ready within ${secs(READY_DEADLINE_MS)}; last lines of ${rel(svc.logFile)}:\n${tail(svc.logFile)}`,
  );
}

/** Returns {pid, startedHere} once the service is ready; reuses a running instance. */
async function ensureService(svc, launch, log) {
  const port = svc.port();
  const t0 = Date.now();
  const { pid, port: runningPort } = readPidFile(svc.pidFile);
  if (pid && isOurProcess(pid, svc.marker)) {
    if (runningPort && runningPort !== port) {
      throw new InfraError(
        `${svc.name} is already running on port ${runningPort} (pid ${pid}), but port ${port} was asked for; ` +
          'run `node infra/local/lantern-infra.mjs stop` first, or unset the port variable.',
      );
    }
    if (await svc.ready(port)) {
      log(`${svc.name} already running (pid ${pid}, port ${port})`);
      return { pid, startedHere: false };
    }
    log(`${svc.name} process ${pid} is alive but not answering on port ${port} yet; waiting...`);
    await waitReady(svc, pid, null, t0, log);
    log(`${svc.name} ready in ${secs(Date.now() - t0)} (pid ${pid}, port ${port})`);
    return { pid, startedHere: false };
  }
  if (pid) rmPid(svc.pidFile);
  if (svc === SERVICES.kafka) kafkaCdsAfterExit(false);
  if (await tcpAccepts(port)) {
    throw new InfraError(
      `port ${port} is already in use by a process lantern-infra did not start. Either stop it, point ` +
        `${svc.envVar} at it, or pick another port with ${svc === SERVICES.kafka ? 'LANTERN_KAFKA_PORT' : 'LANTERN_MONGO_PORT'}.`,
    );
  }
  let attempt = 0;
  let child;
  let prepare;
  for (;;) {
    const launched = await launch();
    prepare = launched.prepare;
    const tLaunch = Date.now();
    child = spawnDetached(svc, launched.cmd, launched.args, port);
    if (!child.pid) {
      await sleep(50);
      throw new InfraError(`could not start ${svc.name}: ${child.state.error?.message ?? 'spawn failed'}`);
    }
    try {
      await waitReady(svc, child.pid, child.state, tLaunch, log);
      break;
    } catch (err) {
      // A damaged class-data-sharing archive can crash the JVM at start-up: drop it, retry once.
      if (attempt++ === 0 && child.state.exited && jvmCrashed(svc.logFile) && launched.discardOnDeath?.()) {
        log(`${svc.name} died at start-up; discarded ${launched.discardLabel} and retrying`);
        continue;
      }
      throw err;
    }
  }
  const extra = prepare ? `, incl. ${prepare}` : '';
  log(`${svc.name} ready in ${secs(Date.now() - t0)}${extra} (pid ${child.pid}, port ${port}, log ${rel(svc.logFile)})`);
  return { pid: child.pid, startedHere: true };
}

async function launchKafka(log, { recordClassArchive = true } = {}) {
  const java = findExecutable('java');
  requireTools(['java']);
  fs.mkdirSync(P.kafkaLogs, { recursive: true });
  fs.writeFileSync(P.kafkaProps, kafkaProperties(ports()));
  fs.writeFileSync(P.kafkaLog4j, kafkaLog4jXml());
  const cp = kafkaClasspath();
  const t0 = Date.now();
  const formatted = fs.existsSync(path.join(P.kafkaData, 'meta.properties'));
  await formatKafkaStorage(java, cp, log);
  const cds = kafkaCdsFlags(java, cp, recordClassArchive);
  const usesArchive = cds.find((f) => f.startsWith('-XX:SharedArchiveFile='));
  return {
    discardLabel: 'the class-data-sharing archive',
    discardOnDeath: () => {
      if (!usesArchive) return false;
      fs.rmSync(usesArchive.slice('-XX:SharedArchiveFile='.length), { force: true });
      return true;
    },
    cmd: java,
    args: [
      '-Xms256m', '-Xmx1g', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:InitiatingHeapOccupancyPercent=35',
      '-XX:+ExplicitGCInvokesConcurrent',
      ...cds,
      ...kafkaJvmBase(),
      '-cp', cp, 'kafka.Kafka', P.kafkaProps,
    ],
    prepare: formatted ? null : `storage format ${secs(Date.now() - t0)}`,
  };
}

async function launchFerret() {
  fs.mkdirSync(P.ferretData, { recursive: true });
  return {
    cmd: P.ferretBin,
    args: ['-listen', `127.0.0.1:${ports().mongo}`, '-sqlite-dir', P.ferretData],
  };
}

async function stopService(svc, log, deadlineMs = STOP_DEADLINE_MS) {
  const pid = readPid(svc.pidFile);
  if (!pid || !isOurProcess(pid, svc.marker)) {
    if (pid) log(`${svc.name}: pid ${pid} from ${rel(svc.pidFile)} is not running; cleaning up`);
    else log(`${svc.name} is not running`);
    rmPid(svc.pidFile);
    if (svc === SERVICES.kafka) kafkaCdsAfterExit(false);
    return false;
  }
  const t0 = Date.now();
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  let clean = true;
  while (isAlive(pid)) {
    if (Date.now() - t0 > deadlineMs) {
      log(`${svc.name} (pid ${pid}) did not stop within ${secs(deadlineMs)}; sending SIGKILL`);
      clean = false;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      const k0 = Date.now();
      while (isAlive(pid) && Date.now() - k0 < 5000) await sleep(100);
      break;
    }
    await sleep(100);
  }
  rmPid(svc.pidFile);
  if (svc === SERVICES.kafka) kafkaCdsAfterExit(clean);
  log(`${svc.name} stopped (pid ${pid}, ${secs(Date.now() - t0)})`);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

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

  if (!extKafka) requireTools(['java']); // fail before starting anything
  await withLock(log, async () => {
    await installParts({ kafka: !extKafka, ferret: !extMongo }, log);
    const jobs = [];
    if (!extKafka) jobs.push(ensureService(SERVICES.kafka, () => launchKafka(log, { recordClassArchive }), log));
    if (!extMongo) jobs.push(ensureService(SERVICES.ferretdb, () => launchFerret(), log));
    const settled = await Promise.allSettled(jobs);
    const failed = settled.filter((s) => s.status === 'rejected');
    if (failed.length) {
      // Do not leave half of the infrastructure behind: stop what this call started.
      const names = [!extKafka && 'kafka', !extMongo && 'ferretdb'].filter(Boolean);
      for (const [i, s] of settled.entries()) {
        if (s.status === 'fulfilled' && s.value.startedHere) await stopService(SERVICES[names[i]], log);
      }
      throw failed[0].reason;
    }
    result.startedHere = settled.some((s) => s.value.startedHere);
  });
  return result;
}

/** Stops the servers this tool started (whatever process started them). */
/** `deadlineMs`: how long each server may take to stop before it is killed (npm start's Ctrl-C has 10 s in all). */
export async function stopInfra({ quiet = false, deadlineMs = STOP_DEADLINE_MS } = {}) {
  const log = makeLogger(quiet);
  if (!fs.existsSync(STATE_DIR)) {
    log('nothing to stop');
    return;
  }
  await withLock(log, async () => {
    await Promise.all([stopService(SERVICES.kafka, log, deadlineMs), stopService(SERVICES.ferretdb, log, deadlineMs)]);
  });
}

/** Installs the Kafka jars and builds the FerretDB launcher (skipped when already up to date). */
export async function installInfra({ quiet = false, force = false } = {}) {
  const log = makeLogger(quiet);
  requireTools(['java', 'mvn', 'go']);
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
  for (const svc of Object.values(SERVICES)) {
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

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

const USAGE = `usage: node infra/local/lantern-infra.mjs <command> [-q]

  install        fetch Kafka ${VERSIONS.kafka} jars (maven) and build the FerretDB launcher (go);
                 skipped when up to date (--force to redo)
  start          install if needed, then start Kafka and FerretDB in the background
                 (reuses running ones; KAFKA_BROKERS / MONGO_URL set = use those instead)
  stop           stop what start started
  status         show each server: running/stopped, pid, port, external env vars
  reset          stop, then delete the data (keeps jars and binary)
  env            print KAFKA_BROKERS=... and MONGO_URL=... (--export: as shell exports)
  kafka-topics   run Kafka's TopicCommand against the local broker, e.g.
                 kafka-topics --list | kafka-topics --create --topic t --partitions 6

env: LANTERN_KAFKA_PORT (9092; controller on +1), LANTERN_MONGO_PORT (27017),
     KAFKA_BROKERS, MONGO_URL, LANTERN_KAFKA_CDS=0 (no class-data-sharing archive)
state: .lantern/ at the repository root`;

async function kafkaTopics(args) {
  if (!kafkaInstalled()) throw new InfraError('Kafka is not installed: run `install` first');
  requireTools(['java']);
  const bootstrap = args.includes('--bootstrap-server') ? [] : ['--bootstrap-server', infraEnv().KAFKA_BROKERS];
  fs.mkdirSync(P.kafkaLogs, { recursive: true });
  if (!fs.existsSync(P.kafkaLog4j)) fs.writeFileSync(P.kafkaLog4j, kafkaLog4jXml());
  const r = spawnSync(
    findExecutable('java'),
    ['-Xmx256m', `-Dlog4j2.configurationFile=${P.kafkaLog4j}`, `-Dkafka.logs.dir=${P.kafkaLogs}`,
      '-cp', kafkaClasspath(), 'org.apache.kafka.tools.TopicCommand', ...bootstrap, ...args],
    { stdio: 'inherit' },
  );
  return r.status ?? 1;
}

async function main(argv) {
  const args = argv.filter((a) => a !== '-q' && a !== '--quiet');
  const quiet = args.length !== argv.length;
  const [cmd, ...rest] = args;
  switch (cmd) {
    case 'install':
      await installInfra({ quiet, force: rest.includes('--force') });
      return 0;
    case 'start': {
      const t0 = Date.now();
      const r = await ensureInfra({ quiet });
      if (!quiet) console.log(`[lantern-infra] infra up in ${secs(Date.now() - t0)}`);
      console.log(`KAFKA_BROKERS=${r.kafkaBrokers}`);
      console.log(`MONGO_URL=${r.mongoUrl}`);
      return 0;
    }
    case 'stop':
      await stopInfra({ quiet });
      return 0;
    case 'reset':
      await resetInfra({ quiet });
      return 0;
    case 'status': {
      const s = await infraStatus();
      if (rest.includes('--json')) {
        console.log(JSON.stringify(s, null, 2));
        return 0;
      }
      for (const name of ['kafka', 'ferretdb']) {
        const x = s[name];
        const state = x.running ? (x.ready ? 'running' : 'running (not answering)') : 'stopped';
        const ext = x.external ? `  external: ${SERVICES[name].envVar}=${x.external} (used instead)` : '';
        console.log(
          `${name.padEnd(9)} ${state.padEnd(8)}  pid ${String(x.pid ?? '-').padEnd(7)} port ${x.port}  ${x.url}${ext}`,
        );
      }
      console.log(`installed: kafka ${s.installed.kafka ? VERSIONS.kafka : 'no'}, ferretdb launcher ${s.installed.ferretdb ? 'yes' : 'no'}`);
      return 0;
    }
    case 'env': {
      const e = infraEnv();
      for (const [k, v] of Object.entries(e)) console.log(rest.includes('--export') ? `export ${k}='${v}'` : `${k}=${v}`);
      return 0;
    }
    case 'kafka-topics':
      return kafkaTopics(rest);
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      console.log(USAGE);
      return cmd === undefined ? 1 : 0;
    default:
      console.error(`unknown command: ${cmd}\n\n${USAGE}`);
      return 1;
  }
}

function invokedDirectly() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`[lantern-infra] ${err instanceof InfraError ? err.message : err.stack || err}`);
      process.exit(1);
    },
  );
}

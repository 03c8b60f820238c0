// Small helpers over Node built-ins: logging, files, finding and running the tools we need.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A failure the user can act on: the CLI prints its message without a stack trace. */
export class InfraError extends Error {}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');
export const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

export function makeLogger(quiet) {
  return (msg) => {
    if (!quiet) console.log(`[lantern-infra] ${msg}`);
  };
}

export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function writeFileAtomic(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

export function logIncludes(file, text) {
  try {
    return fs.readFileSync(file, 'utf8').includes(text);
  } catch {
    return false;
  }
}

/** The last lines of a log, preceded by its first few error lines (stack traces bury them). */
export function tail(file, shownAs, lines = 30) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return `(no log at ${shownAs})`;
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

export function findExecutable(cmd) {
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

export function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Throws a clear error naming every missing tool and how to get it. */
export function requireTools(tools, { javaMajor = 17, javaFor = 'Kafka' } = {}) {
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
    if (!(major >= javaMajor)) {
      throw new InfraError(
        `${javaFor} needs Java ${javaMajor}+, but \`${java} -version\` says: ${(r.stderr || '').split('\n')[0]}\n` +
          `  - java: install ${TOOL_HINTS.java}`,
      );
    }
  }
}

/** Runs a command, capturing output; rejects with the output tail on failure. */
export function run(cmd, args, opts = {}) {
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

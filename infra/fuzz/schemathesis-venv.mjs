// Installs schemathesis from PyPI into .lantern/schemathesis (a Python venv), the way
// lantern-infra.mjs installs Kafka into .lantern/kafka: once, pinned, reused afterwards.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = resolve(import.meta.dirname, '../..');
const VENV = join(ROOT, '.lantern', 'schemathesis');
const ST = join(VENV, 'bin', 'st');

function installedVersion() {
  if (!existsSync(ST)) return undefined;
  try {
    return /version (\S+)/.exec(execFileSync(ST, ['--version'], { encoding: 'utf8' }))?.[1];
  } catch {
    return undefined;
  }
}

/** The `st` command of the pinned schemathesis, installing it first if needed (needs python3 with venv). */
export function ensureSchemathesis({ quiet = false } = {}) {
  if (installedVersion() === SCHEMATHESIS_VERSION) return ST;
  const python = process.env.PYTHON ?? 'python3';
  if (!quiet) process.stdout.write(`[fuzz] installing schemathesis ${SCHEMATHESIS_VERSION} into .lantern/schemathesis …\n`);
  try {
    if (!existsSync(join(VENV, 'bin', 'pip'))) execFileSync(python, ['-m', 'venv', VENV], { stdio: 'inherit' });
    execFileSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], { stdio: 'inherit' });
  } catch (error) {
    throw new Error(`could not install schemathesis (needs ${python} >= 3.9 with the venv module, e.g. Debian's python3-venv): ${error.message}`);
  }
  return ST;
}

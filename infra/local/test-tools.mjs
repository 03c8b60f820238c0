// Programs some tests run besides Kafka and FerretDB: nginx (the gateway-docs test runs the real
// gateway configuration) and Prometheus' promtool (the alert-rules test checks the rules with it).
// `npm test` must pass on a fresh machine, so when the machine lacks them they are taken from
// Debian's packages into .lantern/debian/ — unpacked, not installed: no root, nothing outside
// the repository changes. A machine without apt (macOS…) is told what to install instead, and the
// tests that need the program fail saying so (they never pass without it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** `env`: the variable the test reads for the binary's path; otherwise its folder goes on PATH. */
const TOOLS = [
  { program: 'nginx', debianPackage: 'nginx', inPackage: 'usr/sbin/nginx', env: 'NGINX', hint: 'nginx (Debian/Ubuntu: apt-get install nginx-light; macOS: brew install nginx)' },
  { program: 'promtool', debianPackage: 'prometheus', inPackage: 'usr/bin/promtool', hint: 'promtool (Debian/Ubuntu: apt-get install prometheus; macOS: brew install prometheus)' },
];

const SYSTEM_PLACES = { nginx: ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'] };

function onPath(program) {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function systemBinary(tool) {
  return (SYSTEM_PLACES[tool.program] ?? []).find((place) => fs.existsSync(place)) ?? onPath(tool.program);
}

/** Downloads the package's .deb with apt and unpacks it under `dir`; returns the binary or undefined. */
function unpackFromDebian(tool, dir, say) {
  const binary = path.join(dir, tool.debianPackage, tool.inPackage);
  if (fs.existsSync(binary)) return binary;
  if (!onPath('apt-get') || !onPath('dpkg-deb')) return undefined;
  const downloads = path.join(dir, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  say(`${tool.program} is not installed; fetching Debian's ${tool.debianPackage} package into .lantern/debian/ …`);
  const downloaded = spawnSync('apt-get', ['download', '-q', tool.debianPackage], { cwd: downloads, encoding: 'utf8' });
  const deb = fs.readdirSync(downloads).find((name) => name.startsWith(`${tool.debianPackage}_`) && name.endsWith('.deb'));
  if (downloaded.status !== 0 || !deb) {
    say(`could not download ${tool.debianPackage}: ${(downloaded.stderr || downloaded.stdout || '').trim().split('\n').pop()}`);
    return undefined;
  }
  const unpacked = spawnSync('dpkg-deb', ['-x', path.join(downloads, deb), path.join(dir, tool.debianPackage)], { encoding: 'utf8' });
  fs.rmSync(path.join(downloads, deb), { force: true });
  if (unpacked.status !== 0 || !fs.existsSync(binary)) {
    say(`could not unpack ${deb}: ${unpacked.stderr.trim()}`);
    return undefined;
  }
  return binary;
}

/**
 * Makes each tool reachable by the tests of this process and its children (NGINX=…, PATH),
 * from the machine when it has it, else from .lantern/debian/. Returns what it could not provide.
 */
export function ensureTestTools({ stateDir, say }) {
  const missing = [];
  for (const tool of TOOLS) {
    const binary = (tool.env && process.env[tool.env]) || systemBinary(tool) || unpackFromDebian(tool, path.join(stateDir, 'debian'), say);
    if (!binary) {
      missing.push(tool.hint);
      continue;
    }
    if (tool.env) process.env[tool.env] = binary;
    else if (!onPath(tool.program)) process.env.PATH = `${path.dirname(binary)}${path.delimiter}${process.env.PATH}`;
  }
  if (missing.length > 0) say(`not found, so the tests that need them will fail saying so: ${missing.join('; ')}`);
  return missing;
}

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from '@lantern/testing';

const GATEWAY_CONF = resolve(__dirname, '../../infra/docker/nginx/gateway.conf');
/** Where compose mounts libs/contracts/asyncapi.json for the gateway, and where it is in the repository. */
const ASYNCAPI_MOUNT = 'root /usr/share/lantern;';
const ASYNCAPI_DIR = resolve(__dirname, '../../libs/contracts');

/** Where the compose file's upstreams live: `orders:3001` … */
const UPSTREAMS = { orders: 'orders:3001', matching: 'matching:3002', volunteers: 'volunteers:3003', 'charity-sales': 'charity-sales:3004', notifications: 'notifications:3005' };

/**
 * nginx from the machine (Debian: `apt-get install nginx-light`), or NGINX, which `npm test` sets
 * when it unpacked Debian's package into .lantern/debian/ (infra/local/test-tools.mjs).
 * Its absence fails the test that needs it, saying how to install it: never a silent pass.
 */
export function nginxBinary(): string {
  const candidates = [process.env.NGINX, '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].filter(Boolean) as string[];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('nginx is not installed: the gateway test runs the real nginx configuration (npm test fetches it where apt exists; else apt-get install nginx-light, or set NGINX)');
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Gateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs nginx with the gateway configuration of docker-compose, unchanged but for where the
 * services are (their in-process test ports instead of the compose host names), its port, and
 * where the AsyncAPI document compose mounts is (the repository's file).
 */
export async function startGateway(ports: Record<keyof typeof UPSTREAMS, number>): Promise<Gateway> {
  const binary = nginxBinary();
  const dir = mkdtempSync(join(tmpdir(), 'lantern-gateway-'));
  const port = await freePort();
  let conf = readFileSync(GATEWAY_CONF, 'utf8').replace(/listen 8080;/, `listen 127.0.0.1:${port};`);
  for (const [service, upstream] of Object.entries(UPSTREAMS)) {
    conf = conf.split(` ${upstream};`).join(` 127.0.0.1:${ports[service as keyof typeof UPSTREAMS]};`);
  }
  if (/set \$upstream_\w+ [a-z-]+:\d+;/.test(conf)) throw new Error('a compose upstream was left in the gateway configuration');
  if (!conf.includes(ASYNCAPI_MOUNT)) throw new Error(`the gateway configuration no longer reads the AsyncAPI document with "${ASYNCAPI_MOUNT}"`);
  conf = conf.replace(ASYNCAPI_MOUNT, `root ${ASYNCAPI_DIR};`);
  writeFileSync(join(dir, 'gateway.conf'), conf);
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'master_process off;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 64; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((temp) => `  ${temp}_temp_path ${dir}/${temp};`),
      `  include ${dir}/gateway.conf;`,
      '}',
    ].join('\n'),
  );
  execFileSync(binary, ['-t', '-q', '-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`], { stdio: 'pipe' });
  const nginx: ChildProcess = spawn(binary, ['-p', dir, '-e', `${dir}/error.log`, '-c', `${dir}/nginx.conf`], { stdio: 'ignore' });
  const exited = new Promise<void>((resolveExit) => nginx.once('exit', () => resolveExit()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/health/live`)).ok, { timeoutMs: 15_000, description: 'nginx to answer' });
  return {
    url,
    async stop() {
      nginx.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The Docker deployment, checked without Docker: docker-compose.yml against the Compose
 * Specification schema and against what the project needs of it (five services from one
 * Dockerfile, scalable, gated on healthy Kafka and MongoDB), and the gateway's nginx routes.
 *
 * compose-spec.schema.json is `schema/compose-spec.json` from the Go module
 * github.com/compose-spec/compose-go/v2 at v2.16.2 (Apache-2.0), the schema that `docker compose`
 * itself validates with; JSON Schema draft 2020-12, sha256
 * f266dcbb043229405d7cedd5aec918f9102c2b3d5e3850808fdd8edd564a43ff. To update it:
 * `go mod download -json github.com/compose-spec/compose-go/v2@latest`, copy the file from the
 * printed Dir, and change the version here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { SERVICE_NODE_FLAGS, serviceEntry } from '../local/service-process';

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

// ---- the compose file, as `docker compose config` would see it with only the required variables set -

interface HealthCheck {
  test?: string | string[];
  disable?: boolean;
}
interface Service {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  container_name?: string;
  ports?: Array<string | number | { published?: string | number; host_ip?: string; target?: number }>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: HealthCheck;
  environment?: Record<string, string | number | boolean | null>;
  restart?: string;
  command?: string[];
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  [key: string]: unknown;
}

/**
 * Compose's interpolation (`$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, and
 * `${VAR:?message}` / `${VAR?message}`, which stop compose with the message when VAR is unset
 * — or, with the colon, empty).
 */
function interpolate<T>(value: T, env: Record<string, string>): T {
  if (typeof value === 'string') {
    return value.replace(
      /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
      (_match, dollar?: string, braced?: string, colon?: string, operator?: string, argument?: string, bare?: string) => {
        if (dollar) return '$';
        const name = (braced ?? bare) as string;
        const set = env[name];
        const missing = set === undefined || (colon === ':' && set === '');
        if (operator === '?' && missing) throw new Error(`required variable ${name} is missing a value: ${argument}`);
        if (operator !== '-') return set ?? '';
        return missing ? (argument as string) : set;
      },
    ) as T;
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, env)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, env)])) as T;
  }
  return value;
}

/** The compose file as `docker compose config` sees it with these variables set (and no others). */
const composeWith = (env: Record<string, string>): ComposeFile => interpolate(parse(read('docker-compose.yml'), { merge: true }) as ComposeFile, env);
/** What an operator must set: the variables compose requires. */
const OPERATOR_ENV = { LANTERN_JWT_SECRET: 'an-operator-secret-of-at-least-32-characters', LANTERN_PSEUDONYM_KEY: 'an-operator-pseudonym-key-of-32-characters', LANTERN_PERSONAL_DATA_KEY: 'an-operator-personal-data-key-of-32-chars' };
const compose = composeWith(OPERATOR_ENV);

const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
const validateCompose = ajv.compile(JSON.parse(read('infra/docker/compose-spec.schema.json')));
const schemaErrors = (document: unknown): string[] =>
  validateCompose(document) ? [] : (validateCompose.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);

// ---- the gateway's nginx configuration, as a tree of directives -----------------------------------

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

function parseNginx(text: string): Directive[] {
  const tokens = text.match(/#[^\n]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[{};]|[^\s{};]+/g) ?? [];
  let at = 0;
  const block = (nested: boolean): Directive[] => {
    const directives: Directive[] = [];
    let words: string[] = [];
    while (at < tokens.length) {
      const token = tokens[at++];
      if (token.startsWith('#')) continue;
      if (token === '}') {
        if (!nested) throw new Error("nginx: unexpected '}'");
        if (words.length > 0) break;
        return directives;
      }
      if (token === ';') {
        directives.push({ name: words[0], args: words.slice(1) });
        words = [];
      } else if (token === '{') {
        directives.push({ name: words[0], args: words.slice(1), block: block(true) });
        words = [];
      } else {
        words.push(/^["']/.test(token) ? token.slice(1, -1) : token);
      }
    }
    if (words.length > 0) throw new Error(`nginx: directive without ';': ${words.join(' ')}`);
    if (nested) throw new Error("nginx: missing '}'");
    return directives;
  };
  return block(false);
}

const nginx = parseNginx(read('infra/docker/nginx/gateway.conf'));
const server = nginx.find((d) => d.name === 'server')?.block ?? [];
const locations = server.filter((d) => d.name === 'location');
const location = (path: string): Directive[] => {
  const found = locations.find((d) => d.args.length === 1 && d.args[0] === path);
  if (!found?.block) throw new Error(`gateway.conf has no "location ${path}"`);
  return found.block;
};
const args = (directives: Directive[], name: string): string[] | undefined => directives.find((d) => d.name === name)?.args;

/**
 * Where a location sends a request: the host:port behind its proxy_pass variable, and the URI after
 * its rewrite (which, like nginx, matches the path alone and then appends the query string).
 */
function route(block: Directive[], requestUri: string): { upstream: string; path: string } {
  const rewrite = args(block, 'rewrite');
  const proxyPass = args(block, 'proxy_pass')?.[0] ?? '';
  const variable = /^http:\/\/\$(\w+)$/.exec(proxyPass)?.[1];
  const upstream = block.find((d) => d.name === 'set' && d.args[0] === `$${variable}`)?.args[1];
  if (!rewrite || !variable || !upstream) throw new Error(`location must set $upstream, rewrite and proxy_pass http://$upstream`);
  const [pattern, replacement, flag] = rewrite;
  expect(flag).toBe('break');
  const [path, query] = requestUri.split('?');
  const match = new RegExp(pattern).exec(path);
  if (!match) throw new Error(`${pattern} does not match ${path}`);
  const rewritten = replacement.replace(/\$(\d)/g, (_m, n: string) => match[Number(n)] ?? '');
  return { upstream, path: query === undefined ? rewritten : `${rewritten}?${query}` };
}

// ---- the checks ------------------------------------------------------------------------------------

const SERVICES = {
  orders: 3001,
  matching: 3002,
  volunteers: 3003,
  'charity-sales': 3004,
  notifications: 3005,
} as const;
const names = Object.keys(SERVICES) as Array<keyof typeof SERVICES>;

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    expect(schemaErrors(compose)).toEqual([]);
  });

  it('is checked by a live validator: unknown keys and wrong types are rejected', () => {
    expect(schemaErrors({ ...compose, servics: {} })).not.toEqual([]);
    const orders = { ...compose.services.orders, healthcheck: { ...compose.services.orders.healthcheck, intervall: '5s' } };
    expect(schemaErrors({ ...compose, services: { ...compose.services, orders } })).not.toEqual([]);
    expect(schemaErrors({ ...compose, services: { ...compose.services, gateway: { ports: { http: 8080 } } } })).not.toEqual([]);
  });

  it('builds the five services from the one Dockerfile, each picking its own entry point and port', () => {
    for (const name of names) {
      const service = compose.services[name];
      expect(service).toBeDefined();
      expect(service.build).toMatchObject({ context: '.', dockerfile: 'infra/docker/Dockerfile' });
      expect(service.build?.args).toEqual({ SERVICE: name, PORT: String(SERVICES[name]) });
      expect(service.restart).toBe('unless-stopped');
    }
  });

  it('configures each service for the in-network Kafka and its own MongoDB database', () => {
    const databases = new Set<unknown>();
    for (const name of names) {
      const env = compose.services[name].environment ?? {};
      expect(env).toMatchObject({ KAFKA_BROKERS: 'kafka:9092', MONGO_URL: 'mongodb://mongo:27017/?replicaSet=rs0' });
      expect(env.LANTERN_JWT_SECRET).toBe(OPERATOR_ENV.LANTERN_JWT_SECRET);
      expect(env.HOST).toBe('0.0.0.0');
      expect(env.LOG_LEVEL).toEqual(expect.any(String));
      expect(env.MONGO_DB).toMatch(/^lantern_[a-z_]+$/);
      databases.add(env.MONGO_DB);
      // The demo npm start shows (infra/local/lantern.mjs): reference data and weeks of history.
      const demo = ['orders', 'matching', 'volunteers'].includes(name) ? 'true' : 'false';
      expect({ SEED_DEMO_DATA: env.SEED_DEMO_DATA, SEED_DEMO_HISTORY: env.SEED_DEMO_HISTORY }).toEqual({ SEED_DEMO_DATA: demo, SEED_DEMO_HISTORY: demo });
    }
    // An operator may start without the history.
    expect(composeWith({ ...OPERATOR_ENV, SEED_DEMO_HISTORY: 'false' }).services.orders.environment?.SEED_DEMO_HISTORY).toBe('false');
    expect(databases.size).toBe(names.length);
  });

  it('will not start without a JWT secret of the operator: no default, and an empty one is refused too', () => {
    const { LANTERN_JWT_SECRET: _secret, ...withoutSecret } = OPERATOR_ENV;
    expect(() => composeWith(withoutSecret)).toThrow(/required variable LANTERN_JWT_SECRET is missing a value/);
    const { LANTERN_PSEUDONYM_KEY: _pseudonymKey, ...withoutPseudonymKey } = OPERATOR_ENV;
    expect(() => composeWith(withoutPseudonymKey)).toThrow(/required variable LANTERN_PSEUDONYM_KEY is missing a value/);
    const { LANTERN_PERSONAL_DATA_KEY: _dataKey, ...withoutDataKey } = OPERATOR_ENV;
    expect(() => composeWith(withoutDataKey)).toThrow(/required variable LANTERN_PERSONAL_DATA_KEY is missing a value/);
    expect(() => composeWith({ LANTERN_JWT_SECRET: '' })).toThrow(/LANTERN_JWT_SECRET/);
    expect(read('docker-compose.yml')).not.toContain('lantern-dev-secret');
  });

  it('leaves the services scalable: no container_name, no published ports', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, container_name: service.container_name }).toEqual({ name, container_name: undefined });
    }
    for (const name of names) expect({ name, ports: compose.services[name].ports }).toEqual({ name, ports: undefined });
  });

  it('publishes the gateway on 8080, and Kafka and MongoDB on the loopback address only', () => {
    expect(compose.services.gateway.ports).toEqual(['8080:8080']);
    for (const name of ['kafka', 'mongo']) {
      for (const port of compose.services[name].ports ?? []) expect(String(port)).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    }
  });

  it('starts each service only once Kafka and MongoDB are healthy', () => {
    for (const name of names) {
      expect(compose.services[name].depends_on).toEqual({
        kafka: { condition: 'service_healthy' },
        mongo: { condition: 'service_healthy' },
      });
    }
  });

  it('gives every container a healthcheck, the services theirs on /health/ready', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.arrayContaining([expect.any(String)]) });
      expect(service.healthcheck?.disable).not.toBe(true);
    }
    for (const name of names) {
      expect(compose.services[name].healthcheck?.test).toEqual(['CMD', 'node', '/app/infra/docker/healthcheck.js', '/health/ready']);
    }
  });

  it('runs Kafka 4.1.1 in KRaft mode with explicit topic creation only', () => {
    const kafka = compose.services.kafka;
    expect(kafka.image).toBe('apache/kafka:4.1.1');
    expect(kafka.environment).toMatchObject({
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: 1,
    });
    const advertised = String(kafka.environment?.KAFKA_ADVERTISED_LISTENERS).split(',');
    expect(advertised).toEqual(expect.arrayContaining(['PLAINTEXT://kafka:9092', 'PLAINTEXT_HOST://localhost:19092']));
    expect(kafka.ports).toEqual(['127.0.0.1:19092:19092']);
  });

  it('runs MongoDB 7 as the replica set the services connect to', () => {
    const mongo = compose.services.mongo;
    expect(mongo.image).toBe('mongo:7');
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    const initiate = read('infra/docker/mongo/replica-set-health.js');
    expect(initiate).toContain("_id: 'rs0'");
    expect(initiate).toContain("host: 'mongo:27017'");
  });
});

describe('infra/docker/Dockerfile', () => {
  const dockerfile = read('infra/docker/Dockerfile');
  // Stages by name: the instructions from each `FROM … AS name` to the next (continuations joined).
  const instructions = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
  const stages = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of instructions) {
    const from = /^FROM \S+ AS (\S+)$/.exec(line);
    if (from) stages.set(from[1], (current = []));
    else current.push(line);
  }
  const stage = (name: string) => stages.get(name) ?? [];
  const copies = (name: string) => stage(name).filter((line) => line.startsWith('COPY '));
  const dockerignore = read('.dockerignore').split('\n').filter((line) => line.trim() && !line.startsWith('#'));

  it('compiles in a build stage with the dev dependencies, and installs only production ones for the runtime', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+-bookworm-slim$/m);
    expect([...stages.keys()]).toEqual(['build', 'deps', 'runtime']);
    expect(stage('build').join('\n')).toMatch(/npm ci --no-audit/);
    expect(stage('build')).toContain('RUN node infra/build/build.js');
    expect(stage('deps').join('\n')).toMatch(/npm ci --omit=dev/);
  });

  it('copies into the build only what the context has (nothing .dockerignore leaves out)', () => {
    const sources = ['build', 'deps'].flatMap((name) => copies(name).map((line) => line.split(/\s+/).slice(1, -1)).flat());
    expect(sources).toEqual(expect.arrayContaining(['.swcrc', 'tsconfig.base.json', 'infra/build', 'libs', 'services']));
    for (const source of sources) {
      expect(existsSync(join(root, source))).toBe(true);
      expect(dockerignore.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`))).toEqual([]);
    }
  });

  it('runs the compiled service, without sources or compiler, as the unprivileged node user, with a healthcheck', () => {
    const runtime = copies('runtime');
    expect(runtime).toEqual(
      expect.arrayContaining(['COPY --from=deps /app/node_modules ./node_modules', 'COPY --from=build /app/dist ./dist', 'COPY infra/docker/healthcheck.js ./infra/docker/healthcheck.js']),
    );
    expect(runtime.filter((line) => /\b(libs|services|tsconfig|\.swcrc)\b/.test(line.replace('/app/dist', '')))).toEqual([]);
    expect(stage('runtime').join('\n')).not.toMatch(/swc|npm ci/);
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    // Production refuses the development JWT secret; HOST makes the service reachable from outside its container.
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production \\\n\s+HOST=0\.0\.0\.0$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*healthcheck\.js/m);
  });

  it('starts the service with the node flags npm start uses (infra/local/service-process.js)', () => {
    const cmd = stage('runtime').find((line) => line.startsWith('CMD '));
    expect(cmd).toBe(`CMD ["sh", "-c", "exec node ${SERVICE_NODE_FLAGS.join(' ')} \\"dist/services/\${LANTERN_SERVICE}/src/main.js\\""]`);
    expect(serviceEntry('orders')).toBe('dist/services/orders/src/main.js');
  });

  it('needs no dev dependency at run time: every package the services and libraries import is a production dependency', () => {
    const { dependencies, devDependencies } = JSON.parse(read('package.json')) as Record<string, Record<string, string>>;
    expect(Object.keys(devDependencies)).toEqual(expect.arrayContaining(['@swc-node/register', '@swc/core']));
    const imported = new Set<string>();
    for (const top of ['services', 'libs']) {
      for (const project of readdirSync(join(root, top)).filter((name) => `${top}/${name}` !== 'libs/testing')) {
        for (const file of sourceFilesUnder(join(root, top, project, 'src'))) {
          for (const [, specifier] of read(file).matchAll(/(?:\bfrom\s+|\bimport\s+|\brequire\(|\bimport\()'(@?[a-z][\w./-]*)'/g)) {
            if (specifier.startsWith('node:') || specifier.startsWith('@lantern/')) continue;
            imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
          }
        }
      }
    }
    expect([...imported].filter((name) => !(name in dependencies))).toEqual([]);
  });
});

/** The files infra/build/build.js compiles under `dir`: TypeScript, no specs; relative to the root. */
function sourceFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /(?<!\.spec|\.int-spec|\.d)\.ts$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

describe('infra/docker/nginx/gateway.conf', () => {
  it('resolves upstreams per request through Docker DNS', () => {
    expect(nginx.find((d) => d.name === 'resolver')?.args[0]).toBe('127.0.0.11');
    expect(args(server, 'listen')).toEqual(['8080']);
    expect(args(server, 'proxy_http_version')).toEqual(['1.1']);
  });

  it.each(names)('routes /%s/ to that service with the prefix stripped', (name) => {
    const block = location(`/${name}/`);
    const target = `${name}:${SERVICES[name]}`;
    expect(route(block, `/${name}/v1/things?limit=2`)).toEqual({ upstream: target, path: '/v1/things?limit=2' });
    expect(route(block, `/${name}/docs`)).toEqual({ upstream: target, path: '/docs' });
    expect(route(block, `/${name}/docs-json`)).toEqual({ upstream: target, path: '/docs-json' });
  });

  it('sends /orders/v1/orders to /v1/orders on orders:3001', () => {
    expect(route(location('/orders/'), '/orders/v1/orders')).toEqual({ upstream: 'orders:3001', path: '/v1/orders' });
  });

  it('streams the notifications inbox (SSE) unbuffered over HTTP/1.1 with a long read timeout', () => {
    const sse = location('/notifications/v1/inbox/stream');
    expect(route(sse, '/notifications/v1/inbox/stream')).toEqual({ upstream: 'notifications:3005', path: '/v1/inbox/stream' });
    expect(args(sse, 'proxy_buffering')).toEqual(['off']);
    expect(args(sse, 'proxy_read_timeout')).toEqual(['1h']);
    const headers = server.filter((d) => d.name === 'proxy_set_header').map((d) => d.args);
    expect(headers).toContainEqual(['Connection', '']);
  });

  it('serves the whole AsyncAPI document at /asyncapi.json: the generated file docker-compose mounts where that location reads', () => {
    const block = locations.find((d) => d.args.join(' ') === '= /asyncapi.json')?.block ?? [];
    const [root] = args(block, 'root') ?? [];
    expect(root).toBeDefined();
    expect(compose.services.gateway.volumes).toContain(`./libs/contracts/asyncapi.json:${root}/asyncapi.json:ro`);
  });

  it('answers its own liveness probe, which the compose healthcheck calls', () => {
    expect(locations.some((d) => d.args.join(' ') === '= /health/live')).toBe(true);
    expect(compose.services.gateway.healthcheck?.test).toContain('http://127.0.0.1:8080/health/live');
  });
});

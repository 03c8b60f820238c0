import { dropDatabases, httpClient, spawnServiceProcess, testInfra, tokenFor, uniqueName, waitFor } from '@lantern/testing';
import { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ID_NUMBER, NAME, PHONE, registration, uniqueId } from '../../../test/volunteers-fixture';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('personal data never reaches the logs', () => {
  // The service as ops run it (its own process, compiled, as `npm start` and the image start it),
  // so that every line it logs — at the most verbose level — can be read back from its stdout.
  let child: ChildProcess;
  let output = '';
  const database = uniqueName('t_volunteers_logs');
  let http: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    const port = await freePort();
    const { kafkaBrokers, mongoUrl } = testInfra();
    child = await spawnServiceProcess('volunteers', {
      env: {
        ...process.env,
        PORT: String(port),
        MONGO_URL: mongoUrl,
        MONGO_DB: database,
        KAFKA_BROKERS: kafkaBrokers.join(','),
        CONSUMER_GROUP: uniqueName('volunteers_logs'),
        CONSUMER_START_FROM: 'latest',
        LOG_LEVEL: 'trace',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('volunteers is listening'), { timeoutMs: 45_000, intervalMs: 100, description: 'the volunteers process to listen' });
    http = httpClient(`http://127.0.0.1:${port}`);
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await dropDatabases(database);
  });

  it('registering, failing validation, registering twice and granting hours log no name, phone or ID number', async () => {
    const volunteerId = uniqueId('vol');
    const token = await tokenFor({ sub: volunteerId, roles: ['volunteer'] });
    expect((await http('POST', '/v1/volunteers', { token, body: registration() })).status).toBe(201);
    expect((await http('POST', '/v1/volunteers', { token, body: registration() })).status).toBe(409);
    expect((await http('POST', '/v1/volunteers', { token, body: registration({ consentGiven: false, idNumber: 'not-an-id' }) })).status).toBe(400);
    // Validation failures with personal data in a field the service does not know and in one it
    // refuses: the problem names the fields and echoes neither value, and nothing is logged of them.
    const refused = await http('POST', '/v1/volunteers', { token, body: { ...registration(), phone: `+86 ${PHONE}`, mobile: PHONE, idCard: ID_NUMBER } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.idCard', 'body.mobile', 'body.phone']);
    for (const personal of [PHONE, ID_NUMBER]) expect(JSON.stringify(refused.body)).not.toContain(personal);
    expect((await http('GET', `/v1/volunteers/${volunteerId}`, { token })).status).toBe(200);
    const admin = await tokenFor({ sub: 'admin-1', roles: ['admin'] });
    expect((await http('POST', `/v1/volunteers/${volunteerId}/hours/grants`, { token: admin, body: { hours: 1, reason: `Thanks ${NAME}, ${PHONE}` } })).status).toBe(201);

    // The access log of each request is there (so the process did log them)…
    await waitFor(() => (output.match(/"msg":"request completed"/g) ?? []).length >= 5, { description: 'the access log lines' });
    expect(output).toContain('"route":"/v1/volunteers"');
    // …and not one line holds personal data.
    for (const personal of [PHONE, ID_NUMBER, NAME]) expect(output).not.toContain(personal);
  });
});

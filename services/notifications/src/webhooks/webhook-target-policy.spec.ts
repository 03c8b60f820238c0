import { parseCidr } from '../ip-ranges';
import { ResolvedAddress, WebhookTargetPolicy } from './webhook-target-policy';

/** A resolver with fixed answers: which name resolves where is the point of these cases, not the machine's DNS. */
const resolver = (answers: Record<string, ResolvedAddress[]>) => async (hostname: string) => {
  const found = answers[hostname];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return found;
};
const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });
const v6 = (address: string): ResolvedAddress => ({ address, family: 6 });

const names = {
  'hooks.example.org': [v4('93.184.216.34')],
  'localhost': [v4('127.0.0.1'), v6('::1')],
  'internal.example.org': [v4('10.1.2.3')],
  'split.example.org': [v4('93.184.216.34'), v4('169.254.169.254')],
  'v6only.example.org': [v6('2606:4700:4700::1111')],
  'mapped.example.org': [v6('::ffff:127.0.0.1')],
};

describe('WebhookTargetPolicy', () => {
  const policy = new WebhookTargetPolicy({ requireHttps: false, allowedPrivateRanges: [], resolve: resolver(names) });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://127.0.0.1:8080/hook', /loopback/],
    ['http://localhost:3005/hook', /host localhost resolves to a loopback address/],
    ['http://10.0.0.1/hook', /private/],
    ['http://[::1]/hook', /loopback/],
    ['http://0.0.0.0/hook', /this network/],
    ['http://[::ffff:127.0.0.1]/hook', /loopback/],
    ['http://[fe80::1]/hook', /link-local/],
    ['http://[fd00::1]/hook', /unique local/],
    ['http://224.0.0.1/hook', /multicast/],
    ['http://internal.example.org/hook', /resolves to a private address/],
    ['http://split.example.org/hook', /resolves to a link-local address/],
    ['http://mapped.example.org/hook', /resolves to a loopback address/],
    ['http://nowhere.example.org/hook', /does not resolve/],
    ['ftp://hooks.example.org/hook', /http\(s\)/],
    ['https://user:pass@hooks.example.org/hook', /credentials/],
    ['not a url', /not a URL/],
  ])('refuses %s', async (url, reason) => {
    const checked = await policy.check(url);
    expect(checked).toMatchObject({ allowed: false, reason: expect.stringMatching(reason) });
  });

  it('allows public receivers, and says which addresses were checked (the connection goes there)', async () => {
    await expect(policy.check('https://hooks.example.org/lantern')).resolves.toMatchObject({ allowed: true, addresses: [v4('93.184.216.34')] });
    await expect(policy.check('http://v6only.example.org/')).resolves.toMatchObject({ allowed: true, addresses: [v6('2606:4700:4700::1111')] });
    await expect(policy.check('https://8.8.8.8/hook')).resolves.toMatchObject({ allowed: true, addresses: [v4('8.8.8.8')] });
  });

  it('in production, only https', async () => {
    const production = new WebhookTargetPolicy({ requireHttps: true, allowedPrivateRanges: [], resolve: resolver(names) });
    await expect(production.check('http://hooks.example.org/lantern')).resolves.toEqual({ allowed: false, kind: 'scheme', reason: 'must be an https URL' });
    await expect(production.check('https://hooks.example.org/lantern')).resolves.toMatchObject({ allowed: true });
  });

  it('lets through only what the allow-list names, and nothing else private', async () => {
    const local = new WebhookTargetPolicy({ requireHttps: false, allowedPrivateRanges: [parseCidr('127.0.0.1/32')!], resolve: resolver(names) });
    await expect(local.check('http://127.0.0.1:8080/hook')).resolves.toMatchObject({ allowed: true });
    await expect(local.check('http://127.0.0.2:8080/hook')).resolves.toMatchObject({ allowed: false });
    // localhost also resolves to ::1, which the list does not name.
    await expect(local.check('http://localhost:8080/hook')).resolves.toMatchObject({ allowed: false, reason: expect.stringMatching(/loopback/) });
    await expect(local.check('http://169.254.169.254/')).resolves.toMatchObject({ allowed: false });
  });

  it('decides on what the name resolves to at each check: a name rebound to a private address is refused at the next one', async () => {
    let answer = [v4('93.184.216.34')];
    const rebinding = new WebhookTargetPolicy({ requireHttps: false, allowedPrivateRanges: [], resolve: async () => answer });
    await expect(rebinding.check('http://rebind.example.org/')).resolves.toMatchObject({ allowed: true });
    answer = [v4('169.254.169.254')];
    await expect(rebinding.check('http://rebind.example.org/')).resolves.toEqual({ allowed: false, kind: 'address', reason: 'host rebind.example.org resolves to a link-local address' });
  });
});

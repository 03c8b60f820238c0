import { connectTestDatabase, dropTestDatabase } from '@lantern/testing';
import { Connection } from 'mongoose';
import { PersonKeys } from './person-keys';

describe('per-person keys: a field sealed under a person\'s key reads back until the key is erased, never after', () => {
  let connection: Connection;
  const MASTER = 'a-master-key-of-at-least-thirty-two-chars';

  beforeAll(async () => {
    connection = await connectTestDatabase('person_keys');
  });
  afterAll(() => dropTestDatabase(connection));

  it('seals, opens, erases: afterwards no replica (however fresh) opens the value, and the person\'s next key does not either', async () => {
    const keys = new PersonKeys(connection, MASTER);
    const sealed = await keys.seal('res-erase', '13800000000');
    expect(sealed).not.toContain('13800000000');
    expect(await keys.open('res-erase', sealed)).toBe('13800000000');
    // Nothing in the database holds the text: only the wrapped key and the sealed value.
    expect(JSON.stringify(await connection.collection('person_keys').find({}).toArray())).not.toContain('13800000000');

    expect(await keys.erase('res-erase')).toBe(true);
    expect(await keys.open('res-erase', sealed)).toBeNull();
    expect(await new PersonKeys(connection, MASTER).open('res-erase', sealed)).toBeNull();
    // The person comes back: new data gets a new key, the old value stays unreadable.
    const again = await keys.seal('res-erase', 'new phone');
    expect(await keys.open('res-erase', again)).toBe('new phone');
    expect(await keys.open('res-erase', sealed)).toBeNull();
    expect(await keys.erase('res-nobody')).toBe(false);
  });

  it('two replicas sealing a new person\'s first fields at once agree on one key: each opens what the other sealed', async () => {
    const replicas = Array.from({ length: 6 }, () => new PersonKeys(connection, MASTER));
    const sealed = await Promise.all(replicas.map((keys, index) => keys.seal('res-race', `field ${index}`)));
    expect(await connection.collection('person_keys').countDocuments({ _id: 'res-race' as never })).toBe(1);
    for (const keys of replicas) {
      expect(await Promise.all(sealed.map((value) => keys.open('res-race', value)))).toEqual(sealed.map((_, index) => `field ${index}`));
    }
  });

  it('a replica that read the key before another erased it stops opening within its cache time', async () => {
    const [erasing, other] = [new PersonKeys(connection, MASTER), new PersonKeys(connection, MASTER, { cacheMs: 0 })];
    const sealed = await other.seal('res-cache', 'address');
    expect(await other.open('res-cache', sealed)).toBe('address');
    await erasing.erase('res-cache');
    expect(await other.open('res-cache', sealed)).toBeNull();
  });

  it('a value written before fields were sealed reads as it is (erasure deletes such records instead)', async () => {
    expect(await new PersonKeys(connection, MASTER).open('res-legacy', 'plain text')).toBe('plain text');
  });
});

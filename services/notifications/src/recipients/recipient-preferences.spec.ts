import { defaultRecipient } from './recipients.repository';
import { RecipientPreferences } from './recipient-preferences';
import { Recipient } from './recipient.model';

function source() {
  const store = {
    stored: new Map<string, Recipient>(),
    reads: 0,
    gate: undefined as Promise<void> | undefined,
    async get(id: string): Promise<Recipient> {
      store.reads += 1;
      const found = store.stored.get(id) ?? defaultRecipient(id);
      const gate = store.gate;
      store.gate = undefined;
      await gate;
      return found;
    },
  };
  return store;
}

const withLocale = (id: string, locale: 'en' | 'zh-CN'): Recipient => ({ ...defaultRecipient(id), locale });

describe('recipient preferences, as deliveries read them', () => {
  it('reads someone once per TTL however many deliveries ask', async () => {
    let now = 0;
    const store = source();
    const preferences = new RecipientPreferences(store, 5_000, () => now);
    await Promise.all([preferences.of('res-1'), preferences.of('res-1')]);
    now = 4_999;
    await preferences.of('res-1');
    expect(store.reads).toBe(2); // the two at once both read; the later one was served from memory
    now = 5_000;
    await preferences.of('res-1');
    expect(store.reads).toBe(3);
  });

  it('sees a save through this replica at once, and one through another replica within the TTL', async () => {
    let now = 0;
    const store = source();
    const preferences = new RecipientPreferences(store, 5_000, () => now);
    expect((await preferences.of('res-1')).locale).toBe(defaultRecipient('res-1').locale);

    store.stored.set('res-1', withLocale('res-1', 'en'));
    now = 1_000;
    expect((await preferences.of('res-1')).locale).toBe(defaultRecipient('res-1').locale); // saved elsewhere: not yet
    now = 5_000;
    expect((await preferences.of('res-1')).locale).toBe('en');

    store.stored.set('res-1', withLocale('res-1', 'zh-CN'));
    preferences.saved('res-1');
    expect((await preferences.of('res-1')).locale).toBe('zh-CN');
  });

  it('does not keep a read that was under way when this replica saved', async () => {
    const store = source();
    const preferences = new RecipientPreferences(store, 60_000, () => 0);
    let open!: () => void;
    store.gate = new Promise<void>((resolve) => (open = resolve));
    const early = preferences.of('res-1');
    store.stored.set('res-1', withLocale('res-1', 'en'));
    preferences.saved('res-1');
    open();
    expect((await early).locale).toBe(defaultRecipient('res-1').locale);
    expect((await preferences.of('res-1')).locale).toBe('en');
  });

  it('with a TTL of 0 reads every time', async () => {
    const store = source();
    const preferences = new RecipientPreferences(store, 0, () => 0);
    await preferences.of('res-1');
    await preferences.of('res-1');
    expect(store.reads).toBe(2);
  });
});

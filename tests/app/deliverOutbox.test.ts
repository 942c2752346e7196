// deliverOutbox (src/app/outbox/deliverOutbox.ts) on the real store, with Teams faked and the clock
// in the test's hands: what is awkward to stage through the sandbox Bot Connector (a recipient
// Flipside cannot be installed for, an update that overtakes its message, Retry-After to the millisecond).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox, type DeliveryDeps } from '../../src/app/outbox/deliverOutbox.ts';
import type { OutboxPurpose } from '../../src/app/outbox/ports.ts';
import { SlidingWindowLimiter } from '../../src/app/outbox/rate-limit.ts';
import { createStore } from '../../src/store/index.ts';
import type { SqlClient } from '../../src/store/sql-client.ts';
import { openMigrated, testDatabases } from '../support/db.ts';
import { FakeTeamsChat } from '../support/fakes/chat.ts';
import { FakeClock } from '../support/fakes/clock.ts';
import { guid, T1 } from '../support/people.ts';

const DISABLED = guid(99);

describe.each(testDatabases)('deliverOutbox with Teams faked, on $name', ({ open }) => {
  let db: SqlClient;
  let deps: DeliveryDeps;
  let chat: FakeTeamsChat;
  let clock: FakeClock;
  const undeliverable: OutboxPurpose[] = [];
  const deliver = () => deliverOutbox(deps);
  const status = async (dedupeKey: string) => (await deps.store.outbox.findByKey(dedupeKey))?.status;

  beforeAll(async () => {
    db = await openMigrated(open);
    const store = createStore(db);
    await store.directory.ensureTenant(T1);
    chat = new FakeTeamsChat([...Array.from({ length: 10 }, (_, i) => ({ id: guid(i + 1) })), { id: DISABLED, accountEnabled: false }]);
    // Ahead of the database's now(), which stamps what is enqueued as due at once.
    clock = new FakeClock(Date.now() + 60_000);
    deps = {
      store,
      clock,
      sender: chat,
      installer: chat,
      limiter: new SlidingWindowLimiter(),
      serviceUrl: chat.serviceUrl,
      random: () => 0,
      onUndeliverable: new Map([['test', async (_tenantId: string, purpose: OutboxPurpose) => void undeliverable.push(purpose)]]),
    };
  });
  afterAll(async () => db?.close());

  it('marks a message failed when Flipside cannot be installed for the recipient, and tells the feature that sent it', async () => {
    await deps.store.outbox.enqueue({
      tenantId: T1,
      dedupeKey: 'disabled:1',
      recipientId: DISABLED,
      kind: 'send',
      activity: { type: 'message', text: 'Hello' },
      purpose: { kind: 'test', id: 'disabled:1' },
    });
    expect(await deliver()).toBe(0);
    expect(await status('disabled:1')).toBe('failed');
    expect(undeliverable).toEqual([{ kind: 'test', id: 'disabled:1' }]);
    expect(chat.installedFor(DISABLED)).toBe(false);
  });

  it('holds an update back while the message it updates is not out, then replaces that message in place', async () => {
    const to = guid(1);
    await deps.store.outbox.enqueue({ tenantId: T1, dedupeKey: 'card:1', recipientId: to, kind: 'send', activity: { type: 'message', text: 'Waiting for approval' } });
    await deps.store.outbox.enqueue({ tenantId: T1, dedupeKey: 'card:1:v2', recipientId: to, kind: 'update', updatesKey: 'card:1', activity: { type: 'message', text: 'Approved' } });
    chat.failNext('throttled');
    expect(await deliver()).toBe(0);
    expect([await status('card:1'), await status('card:1:v2')]).toEqual(['pending', 'pending']);
    expect(chat.seen(to)).toEqual([]);

    clock.advance(1_000);
    expect(await deliver()).toBe(2);
    expect(chat.seen(to)).toEqual([{ type: 'message', text: 'Approved' }]);
    expect((await deps.store.outbox.findByKey('card:1:v2'))?.activityId).toBe((await deps.store.outbox.findByKey('card:1'))?.activityId);
  });

  it('waits exactly as long as Teams asked before trying a throttled message again', async () => {
    const to = guid(2);
    await deps.store.outbox.enqueue({ tenantId: T1, dedupeKey: 'throttled:1', recipientId: to, kind: 'send', activity: { type: 'message', text: 'Reminder' } });
    chat.failNext('throttled'); // Retry-After: 1 s
    expect(await deliver()).toBe(0);
    clock.advance(999);
    expect(await deliver()).toBe(0);
    clock.advance(1);
    expect(await deliver()).toBe(1);
    expect(await status('throttled:1')).toBe('sent');
    expect(chat.seen(to)).toEqual([{ type: 'message', text: 'Reminder' }]);
  });
});

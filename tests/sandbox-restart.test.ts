// The sandbox started with `npm start` keeps its Microsoft side (calendars, chats, Teams
// conversations, subscriptions, its clock) across a restart, as Flipside's own data in PGlite does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flipside } from '../src/server/compose.ts';
import { sandboxStateFile } from '../src/server/compose.ts';
import { SandboxBotConnector } from '../src/sandbox/connector/connector.ts';
import { SandboxTenant } from '../src/sandbox/graph/tenant.ts';
import { generateOrg } from '../src/sandbox/org/index.ts';
import { readSandboxState, SAVE_AFTER_MS, SandboxPersistence } from '../src/sandbox/persistence.ts';
import { SandboxResponder } from '../src/sandbox/responder.ts';
import { SandboxClock } from '../src/sandbox/time.ts';
import { startTestFlipside } from './support/flipside.ts';
import { bookedPair, pairChat, sessionsOf, skip, type BookedPair } from './sessions/support.ts';

const dir = mkdtempSync(join(tmpdir(), 'flipside-restart-'));
const dataDir = join(dir, 'data');
const stateFile = sandboxStateFile(dataDir);
// One port for both starts, as `npm start` keeps its own: Flipside saved links (the directory's
// deltaLink, its subscriptions' notification URL) on this address.
const env = { PORT: '3940' };
let p: BookedPair;
let again: Flipside | undefined;

beforeAll(async () => {
  p = await bookedPair({ dataDir, env });
  await skip(p.f, 'day'); // sessions written from the series, Flipside subscribed to the organizer's calendar
}, 120_000);
afterAll(async () => {
  await again?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the sandbox across a restart', () => {
  it('keeps the booked series, the sessions, the pair chat and the sandbox clock, and the jobs after the restart cancel nothing', async () => {
    const before = await sessionsOf(p.f, p);
    expect(before.length).toBeGreaterThan(3);
    expect(before.filter((s) => s.status === 'cancelled')).toEqual([]);
    const [series] = p.f.sandbox!.tenant.eventsOf(p.mentor);
    expect(series?.resource.recurrence).toBeTruthy();
    const chat = pairChat(p.f, p.pair);
    const messages = chat.conversation.activities.map((a) => a.id);
    const subscriptions = (await p.f.store.subscriptions.list(p.f.sandbox!.tenant.org.tenantId)).map((s) => s.subscriptionId);
    expect(subscriptions).toHaveLength(1);

    // Written a moment after the changes, before any stop: a crash would not lose the series.
    await new Promise((r) => setTimeout(r, SAVE_AFTER_MS + 500));
    const onDisk = readSandboxState(stateFile);
    expect('state' in onDisk && onDisk.state.events.map((e) => e.id)).toContain(series!.id);

    const sandboxNow = p.f.sandbox!.clock.now();
    await p.f.close();
    again = await startTestFlipside({ orgSize: 300, seed: 5, dataDir, env });
    const tenant = again.sandbox!.tenant;

    expect(again.sandbox!.clock.now().getTime()).toBeGreaterThanOrEqual(sandboxNow.getTime());
    expect(tenant.events.get(series!.id)?.resource.recurrence).toEqual(series!.resource.recurrence);
    // Time moves on a day with every job running, the series check among them.
    await skip(again, 'day');
    expect(tenant.events.has(series!.id)).toBe(true);
    const after = await sessionsOf(again, p);
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
    expect(after.filter((s) => s.status === 'cancelled')).toEqual([]);
    const future = after.filter((s) => s.start.getTime() > again!.sandbox!.clock.now().getTime());
    expect(future.length).toBeGreaterThan(0);
    expect(future.every((s) => s.status === 'planned')).toBe(true);

    // The pair's chat, with the app in it and its messages, and Flipside's subscription on the calendar.
    const chatAfter = pairChat(again, p.pair);
    expect(chatAfter.chat.id).toBe(chat.chat.id);
    expect(chatAfter.conversation.activities.map((a) => a.id).slice(0, messages.length)).toEqual(messages);
    expect(again.sandbox!.connector.installedIn({ kind: 'chat', chatId: chat.chat.id })).toBe(true);
    expect([...tenant.subscriptions.subscriptions.keys()]).toEqual(expect.arrayContaining(subscriptions));
  }, 120_000);

  it('starts afresh when Flipside’s data folder is deleted', async () => {
    await again!.close();
    rmSync(dataDir, { recursive: true, force: true });
    again = await startTestFlipside({ orgSize: 300, seed: 5, dataDir, env });
    expect(again.sandbox!.tenant.events.size).toBe(0);
    expect(again.sandbox!.tenant.chats.size).toBe(0);
    expect(again.sandbox!.connector.conversations.size).toBe(0);
  }, 120_000);
});

describe('the sandbox state file', () => {
  const warnings: string[] = [];
  const log = { info: () => {}, warn: (_: object, msg: string) => void warnings.push(msg) };
  const mount = (seed: number) => {
    const org = generateOrg({ size: 20, seed });
    const clock = new SandboxClock();
    const tenant = new SandboxTenant(org, clock);
    const connector = new SandboxBotConnector({ tenant, serviceUrl: 'http://127.0.0.1:1/', botEndpoint: 'http://127.0.0.1:1/api/messages', botId: 'b', teamsAppId: 'a' });
    const responder = new SandboxResponder({ connector, humans: new Set(), on: false });
    return { org, clock, tenant, connector, parts: { tenant, clock, connector, humans: new Set<string>(), responder } };
  };

  it('restores into the same organisation, with its directory changes, and ignores with a warning one saved for another organisation or of another version', () => {
    const file = join(dir, 'unit-state');
    const first = mount(3);
    const saving = new SandboxPersistence(file, first.parts, log); // made at mount, before any change
    const [a, b] = first.org.people.filter((x) => x.managerId).slice(-2);
    first.tenant.updatePerson(a!.id, { jobTitle: 'Chief Restarter' });
    first.tenant.changeManager(b!.id, a!.id);
    first.tenant.createChat('group', [a!.id, b!.id], 'Pair');
    first.clock.advance(3_600_000);
    saving.close();

    const same = mount(3);
    expect(new SandboxPersistence(file, same.parts, log).load()).toBe(true);
    expect(same.org.byId.get(a!.id)!.jobTitle).toBe('Chief Restarter');
    expect(same.org.byId.get(b!.id)!.managerId).toBe(a!.id);
    expect(same.tenant.changesSince(0).changed.map((x) => x.id)).toEqual([a!.id, b!.id]);
    expect([...same.tenant.chats.values()].map((c) => c.topic)).toEqual(['Pair']);
    expect(same.clock.now().getTime()).toBeGreaterThanOrEqual(Date.now() + 3_600_000 - 1_000);
    expect(warnings).toEqual([]);

    const other = mount(4);
    expect(new SandboxPersistence(file, other.parts, log).load()).toBe(false);
    expect(other.tenant.chats.size).toBe(0);
    expect(warnings.at(-1)).toMatch(/another organisation/);

    writeFileSync(file, serialize({ version: 0, events: 'old shape' }));
    expect(new SandboxPersistence(file, mount(3).parts, log).load()).toBe(false);
    expect(warnings.at(-1)).toMatch(/version 0/);
    writeFileSync(file, 'not a state file');
    expect(new SandboxPersistence(file, mount(3).parts, log).load()).toBe(false);
    expect(warnings).toHaveLength(3);
  });
});

import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { queueBookings, transactionIdOf } from '../src/app/booking/booking.ts';
import { keyOf } from '../src/app/booking/context.ts';
import type { BookingRecord, SeriesRequest } from '../src/app/booking/ports.ts';
import { sendDueAgendas } from '../src/app/sessions/agenda.ts';
import { readDueAttendance } from '../src/app/sessions/attendance.ts';
import { checkSeries } from '../src/app/sessions/outlook.ts';
import type { SessionDeps } from '../src/app/sessions/context.ts';
import { sendDueFeedback } from '../src/app/sessions/feedback.ts';
import { writeSessions } from '../src/app/sessions/plan.ts';
import { TENANT_LIMITS } from '../src/app/outbox/rate-limit.ts';
import { loadConfig } from '../src/config/config.ts';
import type { Program, ProgramInput } from '../src/contracts/programs.ts';
import { DAYS_OF_WEEK } from '../src/domain/scheduling/calendar-days.ts';
import { expandOccurrences, toRecurrence } from '../src/domain/scheduling/index.ts';
import type { SlotCandidate } from '../src/domain/scheduling/types.ts';
import { toIanaZone } from '../src/domain/shared/time-zones.ts';
import { startFlipside, type Flipside } from '../src/server/compose.ts';
import { createLogger } from '../src/server/logger.ts';
import { createStore } from '../src/store/index.ts';
import type { SqlClient, SqlExecutor } from '../src/store/sql-client.ts';

const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 0.1);
const TEAMS_PER_SECOND = TENANT_LIMITS[0]!.max;
/** The series' sessions start at these UTC times on the program's first day: four bursts of agendas and cards. */
const START_TIMES_UTC = ['13:00', '14:00', '15:00', '16:00'];
const SESSION_MINUTES = 45;
const NAIVE_SAMPLE = 50;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A deterministic shuffle (mulberry32), so every run pairs the same people. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same database, with every query counted and timed: what the session use cases ask of Postgres. */
function countedStore(db: SqlClient) {
  const stats = { queries: 0, ms: 0, byText: new Map<string, { n: number; ms: number }>() };
  const wrap = (e: SqlExecutor): SqlExecutor => ({
    async query<T extends object>(text: string, params?: readonly unknown[]): Promise<T[]> {
      const t0 = performance.now();
      try {
        return await e.query<T>(text, params);
      } finally {
        stats.queries++;
        const ms = performance.now() - t0;
        stats.ms += ms;
        const k = text.replace(/\s+/g, ' ').slice(0, 110);
        const e0 = stats.byText.get(k) ?? { n: 0, ms: 0 };
        stats.byText.set(k, { n: e0.n + 1, ms: e0.ms + ms });
      }
    },
    exec: (script) => e.exec(script),
  });
  const client: SqlClient = { kind: db.kind, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))), close: () => db.close() };
  return { store: createStore(client), stats };
}

interface PhaseFigures {
  calls: number;
  items: number;
  wallMs: number;
  queries: number;
  dbMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One session cycle for 1,000 booked pairs in a 5,000-person sandbox org, through the real Graph
 * client and the real bot over HTTP, with 10 % of Graph and Bot Connector requests answered 429:
 * sessions written from the booked series, the agenda of each first session in the pair's chat
 * when it falls due, attendance read from the Teams meetings afterwards, and each person's private
 * feedback card. Graph requests against the naive way (3 unbatched reads per pair), cards
 * delivered (none lost, none twice) and the rate against Teams' 30 messages a second, and the
 * database work per pair against the use cases called one pair at a time on a sample.
 */
export async function benchSessions(opts: { quick?: boolean } = {}): Promise<void> {
  const size = opts.quick ? 1_000 : 5_000;
  const pairCount = opts.quick ? 200 : 1_000;
  const config = loadConfig({ PORT: '0', SANDBOX_ORG_SIZE: String(size), LOG_LEVEL: 'silent' });
  const f = await startFlipside({ ...config, database: { kind: 'pglite' } }, { log: createLogger('silent'), syncOnStart: false });
  try {
    await run(f, size, pairCount);
  } finally {
    await f.close();
  }
}

async function run(f: Flipside, size: number, pairCount: number): Promise<void> {
  const setupStart = performance.now();
  const progress = (what: string) => process.stderr.write(`  [sessions bench ${((performance.now() - setupStart) / 1000).toFixed(0)} s] ${what}\n`);
  await f.syncNow();
  const sandbox = f.sandbox!;
  const { tenant, connector, clock } = sandbox;
  const org = tenant.org;
  const tenantId = org.tenantId;

  // ─── Setup: a program, 1,000 pairs enrolled and booked, their chats with Flipside ──────────────
  const hr = org.personas.hrAdmin;
  const signin = await fetch(`${f.url}/sandbox/identity/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: hr }) });
  const token = ((await signin.json()) as { accessToken: string }).accessToken;
  const call = async (method: string, path: string, body?: unknown) =>
    (await fetch(`${f.url}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) })).json();
  const template = (await call('GET', '/programs/template')) as ProgramInput;
  const program = (await call('POST', '/programs', { ...template, name: 'Sessions benchmark', sessionMinutes: SESSION_MINUTES })) as Program;
  // Three days before the program starts: the pairs are booked, their first sessions on its first day.
  const firstDay = program.startsOn;
  clock.set(new Date(Date.parse(`${firstDay}T00:00:00Z`) - 3 * DAY));

  const personas = new Set(Object.values(org.personas));
  const people = org.people.filter((p) => p.accountEnabled && p.mail && !personas.has(p.id));
  const bySeniority = shuffled(people, 1).sort((x, y) => x.level - y.level);
  const seniors = bySeniority.slice(0, pairCount);
  const juniors = shuffled(
    bySeniority.slice(pairCount).filter((p) => p.level > seniors.at(-1)!.level),
    2,
  ).slice(0, pairCount);
  if (juniors.length < pairCount) throw new Error(`only ${juniors.length} juniors for ${pairCount} pairs`);
  const pairs = seniors.map((s, i) => ({ mentorId: juniors[i]!.id, menteeId: s.id, score: 1, reasons: [], locked: false, manual: false }));
  const topics = program.topics;
  const now = clock.now();
  await f.store.transaction(async (tx) => {
    for (const [i, p] of pairs.entries()) {
      for (const [userId, role] of [
        [p.mentorId, 'mentor'],
        [p.menteeId, 'mentee'],
      ] as const) {
        const t = (k: number) => topics[(i + k) % topics.length]!.id;
        await tx.enrollments.insert({
          tenantId,
          id: randomUUID(),
          programId: program.id,
          userId,
          role,
          teach: [{ topicId: t(role === 'mentor' ? 0 : 3), level: 4 }],
          learn: [{ topicId: t(role === 'mentor' ? 3 : 0), level: 2 }],
          goals: role === 'mentor' ? ['Understand how the business decides what to build'] : ['Use AI assistants in my weekly reporting', 'Understand how younger customers choose'],
          cadence: 'biweekly',
          status: 'approved',
          approverId: hr,
          approverKind: 'programAdmin',
          approverUnreachable: false,
          decidedBy: hr,
          decidedAt: now,
          decisionNote: null,
          version: 2,
          remindedAt: null,
          expiresAt: new Date(now.getTime() + 10 * DAY),
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    await tx.matching.insertPairs(tenantId, program.id, pairs, now);
    await queueBookings(tx, 'mentor', tenantId, program.id, pairs, now);
  });
  const bookings = await f.store.bookings.listForProgram(tenantId, program.id);
  progress('program, enrollments and pairs stored');

  // Everyone in a program has their 1:1 chat with Flipside (the approval flow installed it and the
  // bot remembered the conversation): set down here as it would stand, without 2,000 welcome cards.
  for (const userId of pairs.flatMap((p) => [p.mentorId, p.menteeId])) {
    const c = connector.ensurePersonalConversation(userId);
    await f.store.conversations.save({ tenantId, userId, conversationId: c.id, serviceUrl: sandbox.serviceUrl });
  }
  progress('1:1 chats in place');

  // Each pair's group chat with Flipside in it, through the real gateway (as finding times does).
  const person = (id: string) => org.byId.get(id)!;
  // (Setup only: a request that fails outright, e.g. a keep-alive connection the server just closed, is sent again.)
  const chatRequests = bookings.map((b) => ({ key: keyOf(b), memberIds: [b.mentorId, b.menteeId], topic: `Mentoring: ${person(b.mentorId).givenName} & ${person(b.menteeId).givenName}` }));
  const chats = await f.booking.chats.createChats(chatRequests);
  const chatsAgain = await f.booking.chats.createChats(chatRequests.filter((r) => !chats.get(r.key)?.ok));
  for (const [key, c] of chatsAgain) chats.set(key, c);
  const chatIds = bookings.map((b) => {
    const c = chats.get(keyOf(b));
    if (!c?.ok) throw new Error(`no chat for ${keyOf(b)}: ${c?.reason ?? 'no answer'}`);
    return c.chatId;
  });
  const chatInstalls = await f.booking.chats.installIn(chatIds);
  for (const [id, again] of await f.booking.chats.installIn(chatIds.filter((id) => !chatInstalls.get(id)?.ok))) chatInstalls.set(id, again);
  progress('pair chats created');
  if ([...chatInstalls.values()].some((x) => !x.ok)) throw new Error('could not install Flipside in every pair chat');
  await connector.idle();

  // Each pair's series through the real GraphCalendarWriter: biweekly, 45 minutes, in the mentor's
  // zone, the first session on the program's first day at one of four times.
  const chosen = new Map<string, SlotCandidate>();
  const requests: SeriesRequest[] = bookings.map((b, i) => {
    const zone = toIanaZone(person(b.organizerId).workingHours.timeZone) ?? 'UTC';
    const local = DateTime.fromISO(`${firstDay}T${START_TIMES_UTC[i % START_TIMES_UTC.length]}:00Z`).setZone(zone);
    const slot = { id: `bench-${i}`, dayOfWeek: DAYS_OF_WEEK[local.weekday - 1]!, startTime: local.toFormat('HH:mm'), timeZone: zone, durationMinutes: SESSION_MINUTES, cadence: 'biweekly' as const };
    const period = { startDate: local.toISODate()!, endDate: program.endsOn };
    const recurrence = toRecurrence(slot, period)!;
    chosen.set(keyOf(b), {
      ...slot,
      firstOccurrence: recurrence.range.startDate,
      lastOccurrence: recurrence.range.endDate,
      occurrences: expandOccurrences(slot, period).length,
      checkedOccurrences: 4,
      freeOccurrences: 4,
      withinWorkingHoursEveryDate: true,
      outsideWorkingHours: [],
      comfort: 80,
      concerns: [],
    });
    const [mentor, mentee] = [person(b.mentorId), person(b.menteeId)];
    return {
      key: keyOf(b),
      organizerId: b.organizerId,
      transactionId: transactionIdOf(b),
      subject: `Reverse mentoring: ${mentor.displayName} & ${mentee.displayName}`,
      bodyHtml: '<p>Your reverse-mentoring session.</p>',
      attendees: [mentor, mentee].map((p) => ({ mail: p.mail, name: p.displayName })),
      recurrence,
    };
  });
  const series = await f.booking.writer.createSeries(requests);
  for (const [key, again] of await f.booking.writer.createSeries(requests.filter((r) => !series.get(r.key)?.ok))) series.set(key, again);
  progress('series created');
  const at = clock.now();
  await f.store.transaction(async (tx) => {
    for (const [i, b] of bookings.entries()) {
      const s = series.get(keyOf(b));
      if (!s?.ok) throw new Error(`no series for ${keyOf(b)}: ${s?.reason ?? 'no answer'}`);
      const zones = { [b.mentorId]: toIanaZone(person(b.mentorId).workingHours.timeZone) ?? 'UTC', [b.menteeId]: toIanaZone(person(b.menteeId).workingHours.timeZone) ?? 'UTC' };
      const booked: BookingRecord = {
        ...b,
        status: 'booked',
        chosen: chosen.get(keyOf(b))!,
        eventId: s.eventId,
        joinUrl: s.joinUrl,
        chatId: chatIds[i]!,
        chatReady: true,
        zones,
        problem: null,
        tries: 0,
        version: b.version + 1,
      };
      await tx.bookings.save(booked, at);
    }
  });
  const setupMs = performance.now() - setupStart;

  // ─── The cycle, with 10 % of Graph and Bot Connector requests answered 429 ─────────────────────
  tenant.faults.throttleRate = THROTTLE;
  connector.faults.throttleRate = THROTTLE;
  tenant.resetCounters();
  const { store, stats } = countedStore(f.db);
  const deps: SessionDeps = { ...f.sessions, store };
  const phases = new Map<string, PhaseFigures>();
  const measure = async (phase: string, fn: () => Promise<number>): Promise<number> => {
    const before = { queries: stats.queries, ms: stats.ms };
    const t0 = performance.now();
    const n = await fn();
    const p = phases.get(phase) ?? { calls: 0, items: 0, wallMs: 0, queries: 0, dbMs: 0 };
    phases.set(phase, { calls: p.calls + 1, items: p.items + n, wallMs: p.wallMs + performance.now() - t0, queries: p.queries + stats.queries - before.queries, dbMs: p.dbMs + stats.ms - before.ms });
    return n;
  };
  const untilDone = async (phase: string, fn: () => Promise<number>) => {
    while ((await measure(phase, fn)) > 0);
  };

  // Delivery: the real outbox job's pass, in a loop, until nothing is pending.
  const deliveries: { phase: string; messages: number; spanMs: number; connectorRequests: number; throttled: number; peak1s: number }[] = [];
  const deliver = async (phase: string) => {
    const since = Date.now();
    const c0 = { requests: connector.counters.requests, throttled: connector.counters.throttled };
    const deadline = Date.now() + 180_000;
    for (;;) {
      const sent = await f.deliverNow();
      await connector.idle();
      if (!(await f.store.outbox.countByStatus()).pending) break;
      if (Date.now() > deadline) throw new Error(`outbox not drained in ${phase}: ${JSON.stringify(await f.store.outbox.countByStatus())}`);
      if (sent === 0) await sleep(5);
    }
    // When each send and each edit reached the sandbox's Bot Connector, in real time (the sandbox's clock jumps).
    const times = [...connector.conversations.values()]
      .flatMap((c) => c.activities.filter((a) => a.senderId === null).flatMap((a) => a.versions.map((v) => v.receivedAtMs)))
      .filter((t) => t >= since)
      .sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1_000) j++;
      peak = Math.max(peak, i - j + 1);
    }
    const entry = {
      phase,
      messages: times.length,
      spanMs: times.length > 1 ? times.at(-1)! - times[0]! : 0,
      connectorRequests: connector.counters.requests - c0.requests,
      throttled: connector.counters.throttled - c0.throttled,
      peak1s: peak,
    };
    deliveries.push(entry);
    progress(`${phase}: ${entry.messages} delivered`);
    return entry;
  };

  const cycleStart = performance.now();
  // 1. Sessions from every booked series: a sample one booking a call (the naive way), then the batched use case.
  for (let i = 0; i < NAIVE_SAMPLE; i++) await measure('writeSessions, one pair a call', () => writeSessions(deps, 1));
  await untilDone('writeSessions', () => writeSessions(deps));
  progress('sessions written');
  // The series' first read from Outlook, as the running app does within minutes of booking (the
  // check-series job takes every series not read yet), long before the first session: it also finds
  // each series' Teams meeting by its join link, so the attendance read below needs only the reports.
  // Not part of any measured phase; its Graph requests are counted on their own.
  const unchecked = async () =>
    (await f.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE program_id = $1 AND status = 'booked' AND series_checked_at IS NULL`, [program.id]))[0]!.n;
  const firstRead = { requests: tenant.counters.requests, inner: tenant.counters.batchedRequests, passes: 0 };
  for (; firstRead.passes < 20 && (await unchecked()) > 0; firstRead.passes++) await checkSeries(f.sessions);
  if ((await unchecked()) > 0) throw new Error(`${await unchecked()} series still not read from Outlook after ${firstRead.passes} passes`);
  const meetingsKnown = (await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bookings WHERE program_id = $1 AND meeting_id IS NOT NULL', [program.id]))[0]!.n;
  const firstReadRequests = tenant.counters.requests - firstRead.requests;
  const firstReadInner = tenant.counters.batchedRequests - firstRead.inner;
  progress(`series read from Outlook: ${firstReadRequests} Graph requests in ${firstRead.passes} passes, ${meetingsKnown} meetings found`);
  const firstSessions = await f.db.query<{ id: string; starts_at: Date; ends_at: Date; mentee_id: string; mentor_id: string }>(
    'SELECT id, starts_at, ends_at, mentee_id, mentor_id FROM sessions WHERE program_id = $1 AND n = 1 ORDER BY starts_at',
    [program.id],
  );
  const sessionRows = (await f.db.query<{ count: number }>('SELECT count(*)::int AS count FROM sessions WHERE program_id = $1', [program.id]))[0]?.count ?? 0;
  const starts = [...new Set(firstSessions.map((s) => new Date(s.starts_at).getTime()))].sort((a, b) => a - b);
  const lead = program.agendaLeadHours * HOUR;

  // 2–4. Per start time: its agendas when they fall due, attendance after the end, feedback after that.
  let attendanceRequests = 0;
  let attendanceInner = 0;
  let attendanceThrottled = 0;
  let attendanceMs = 0;
  const readAttendance = async () => {
    const r0 = { requests: tenant.counters.requests, inner: tenant.counters.batchedRequests, throttled: tenant.counters.throttled };
    const t0 = performance.now();
    await untilDone('readDueAttendance', () => readDueAttendance(deps));
    attendanceMs += performance.now() - t0;
    attendanceRequests += tenant.counters.requests - r0.requests;
    attendanceInner += tenant.counters.batchedRequests - r0.inner;
    attendanceThrottled += tenant.counters.throttled - r0.throttled;
  };
  const moveTo = (t: number) => {
    if (t > clock.now().getTime()) clock.set(new Date(t));
  };
  let naiveAgendas = 0;
  for (const start of starts) {
    moveTo(start - lead + 1);
    for (; naiveAgendas < NAIVE_SAMPLE; naiveAgendas++) await measure('sendDueAgendas, one pair a call', () => sendDueAgendas(deps, 1));
    await untilDone('sendDueAgendas', () => sendDueAgendas(deps));
    await deliver('agendas');
  }
  let naiveFeedback = 0;
  for (const start of starts) {
    const end = start + SESSION_MINUTES * MINUTE;
    moveTo(end + 10 * MINUTE + 1);
    await readAttendance();
    progress(`attendance read: ${attendanceRequests} Graph requests so far`);
    await deliver('agenda edits (after attendance)');
    moveTo(end + 15 * MINUTE + 1);
    for (; naiveFeedback < NAIVE_SAMPLE; naiveFeedback++) await measure('sendDueFeedback, one pair a call', () => sendDueFeedback(deps, 1));
    await untilDone('sendDueFeedback', () => sendDueFeedback(deps));
    await deliver('feedback cards');
  }
  // Meetings nobody joined are looked at again (Teams can be slow to make a report) before they count as missed.
  const unsent = async () => (await f.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE program_id = $1 AND n = 1 AND feedback_sent_at IS NULL', [program.id]))[0]!.n;
  for (let step = 0; step < 20 && (await unsent()) > 0; step++) {
    const next = await f.store.sessions.nextMilestoneAfter(clock.now());
    if (!next) break;
    moveTo(next.getTime() + 1);
    await readAttendance();
    await deliver('agenda edits (after attendance)');
    await untilDone('sendDueFeedback', () => sendDueFeedback(deps));
    await deliver('feedback cards');
  }
  const cycleMs = performance.now() - cycleStart;

  // ─── Checks: every card once, in the right chat; every agenda inside its window ────────────────
  const chatOf = new Map(bookings.map((b, i) => [b.menteeId, chatIds[i]!]));
  let agendaLost = 0;
  let agendaDup = 0;
  let feedbackLost = 0;
  let feedbackDup = 0;
  const mentions = (a: { versions: { activity: unknown }[] }, text: string) => JSON.stringify(a.versions.at(-1)!.activity).includes(text);
  for (const s of firstSessions) {
    const inChat = (connector.conversation(chatOf.get(s.mentee_id)!)?.activities ?? []).filter((a) => a.senderId === null && mentions(a, '"agenda.refresh"'));
    const mine = inChat.filter((a) => mentions(a, s.id)).length;
    if (mine === 0) agendaLost++;
    agendaDup += Math.max(0, inChat.length - 1);
    for (const userId of [s.mentor_id, s.mentee_id]) {
      const cards = (connector.conversation(connector.personalConversationId(userId))?.activities ?? []).filter((a) => a.senderId === null && mentions(a, '"feedback.refresh"'));
      if (!cards.some((a) => mentions(a, s.id))) feedbackLost++;
      feedbackDup += Math.max(0, cards.length - 1);
    }
  }
  const [window] = await f.db.query<{ inside: number; outside: number }>(
    `SELECT count(*) FILTER (WHERE o.sent_at >= s.starts_at - make_interval(hours => $2) AND o.sent_at <= s.starts_at)::int AS inside,
            count(*) FILTER (WHERE NOT (o.sent_at >= s.starts_at - make_interval(hours => $2) AND o.sent_at <= s.starts_at))::int AS outside
       FROM sessions s JOIN outbox o ON o.dedupe_key = 'agenda:' || s.id::text WHERE s.program_id = $1 AND s.n = 1`,
    [program.id, program.agendaLeadHours],
  );
  const statuses = await f.db.query<{ status: string; source: string; n: number }>(
    'SELECT status, source, count(*)::int AS n FROM sessions WHERE program_id = $1 AND n = 1 GROUP BY status, source ORDER BY status',
    [program.id],
  );
  const outbox = await f.store.outbox.countByStatus();

  // ─── Figures ───────────────────────────────────────────────────────────────────────────────────
  const naiveRequests = 3 * pairCount;
  const ratio = naiveRequests / attendanceRequests;
  console.log(
    `\n## Sessions: one cycle for ${pairCount.toLocaleString('en')} booked pairs in a ${size.toLocaleString('en')}-person sandbox org (real Graph client and bot over HTTP, PGlite, ${THROTTLE * 100} % injected 429s on Graph and the Bot Connector)`,
  );
  console.log(`setup (program, enrollments, ${pairCount} pair chats and series through the real gateways): ${(setupMs / 1000).toFixed(1)} s; ${sessionRows} sessions written`);
  console.table([
    {
      attendance: `ours (GraphAttendance, $batch of 20)`,
      'HTTP requests': attendanceRequests,
      'inner requests': attendanceInner,
      '429s': attendanceThrottled,
      seconds: +(attendanceMs / 1000).toFixed(1),
    },
    { attendance: 'naive: meeting + report list + records per pair, unbatched', 'HTTP requests': naiveRequests, 'inner requests': '', '429s': '', seconds: '' },
  ]);
  console.log(`attendance: ${attendanceRequests} Graph HTTP requests against ${naiveRequests} the naive way: ${ratio.toFixed(1)}× fewer (goal ≥ 20×)`);
  console.log(
    `(each series' meeting was found by its join link at the series' first read, before the cycle: that read took ${firstReadRequests} Graph HTTP requests (${firstReadInner} inner: instances and meeting lookups) in ${firstRead.passes} passes; ${meetingsKnown} of ${pairCount} meetings known before the first session)`,
  );

  const byPhase = new Map<string, { messages: number; spanMs: number; connectorRequests: number; throttled: number; peak1s: number; bursts: number }>();
  for (const d of deliveries) {
    const p = byPhase.get(d.phase) ?? { messages: 0, spanMs: 0, connectorRequests: 0, throttled: 0, peak1s: 0, bursts: 0 };
    byPhase.set(d.phase, {
      messages: p.messages + d.messages,
      spanMs: p.spanMs + d.spanMs,
      connectorRequests: p.connectorRequests + d.connectorRequests,
      throttled: p.throttled + d.throttled,
      peak1s: Math.max(p.peak1s, d.peak1s),
      bursts: p.bursts + (d.messages > 0 ? 1 : 0),
    });
  }
  console.table(
    [...byPhase].map(([phase, d]) => {
      const rate = d.spanMs > 0 ? (d.messages - d.bursts) / (d.spanMs / 1000) : 0;
      return {
        delivered: phase,
        messages: d.messages,
        bursts: d.bursts,
        'seconds (first to last send)': +(d.spanMs / 1000).toFixed(1),
        'messages/s': +rate.toFixed(1),
        [`of Teams' ${TEAMS_PER_SECOND}/s`]: `${((100 * rate) / TEAMS_PER_SECOND).toFixed(0)} %`,
        'most in any 1 s': d.peak1s,
        'connector requests': d.connectorRequests,
        '429s': d.throttled,
      };
    }),
  );
  console.log(
    `cards: agendas ${firstSessions.length - agendaLost} delivered, ${agendaLost} lost, ${agendaDup} duplicated, ${window?.inside ?? 0} inside their window (${window?.outside ?? 0} outside); feedback ${2 * firstSessions.length - feedbackLost} delivered, ${feedbackLost} lost, ${feedbackDup} duplicated; outbox ${JSON.stringify(outbox)}`,
  );
  console.log(`first sessions by status: ${statuses.map((s) => `${s.status} (${s.source}) ${s.n}`).join(', ')}`);

  console.table(
    [...phases].map(([phase, p]) => ({
      phase,
      calls: p.calls,
      [phase.startsWith('writeSessions') ? 'pairs' : 'sessions']: p.items,
      seconds: +(p.wallMs / 1000).toFixed(2),
      'ms a pair (wall)': +(p.wallMs / Math.max(1, p.items)).toFixed(2),
      'queries a pair': +(p.queries / Math.max(1, p.items)).toFixed(1),
      'ms a pair in queries': +(p.dbMs / Math.max(1, p.items)).toFixed(2),
    })),
  );
  for (const name of ['writeSessions', 'sendDueAgendas', 'sendDueFeedback']) {
    const ours = phases.get(name);
    const naive = phases.get(`${name}, one pair a call`);
    if (ours && naive) {
      const per = (p: PhaseFigures) => p.wallMs / Math.max(1, p.items);
      console.log(
        `${name}: ${per(ours).toFixed(2)} ms a pair batched against ${per(naive).toFixed(2)} ms one pair a call (${NAIVE_SAMPLE} measured in this run): ${(per(naive) / per(ours)).toFixed(1)}× less`,
      );
    }
  }
  const cardMs = 1000 / TEAMS_PER_SECOND;
  console.log(`(at Teams' ${TEAMS_PER_SECOND}/s a message takes ${cardMs.toFixed(1)} ms of the limit: per pair that is one agenda, one edit and two feedback cards, ${(4 * cardMs).toFixed(0)} ms)`);
  console.log(`time for the cycle: ${(cycleMs / 1000).toFixed(1)} s (database work, Graph, and delivery held to Teams' limits)`);

  if (process.env.BENCH_PROFILE)
    console.table(
      [...stats.byText]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 25)
        .map(([q, e]) => ({ q, n: e.n, ms: Math.round(e.ms), per: +(e.ms / e.n).toFixed(2) })),
    );
  const failures: string[] = [];
  if (ratio < 20) failures.push(`attendance: only ${ratio.toFixed(1)}× fewer Graph requests than the naive way (goal 20×)`);
  if (agendaLost || agendaDup || feedbackLost || feedbackDup) failures.push('cards lost or duplicated');
  if ((window?.outside ?? 0) > 0) failures.push('agendas outside their window');
  for (const [phase, d] of byPhase) {
    const rate = d.spanMs > 0 ? (d.messages - d.bursts) / (d.spanMs / 1000) : 0;
    if (rate < 0.9 * TEAMS_PER_SECOND) failures.push(`${phase}: ${rate.toFixed(1)} messages/s, under 90 % of ${TEAMS_PER_SECOND}/s`);
    if (d.peak1s > TEAMS_PER_SECOND) failures.push(`${phase}: ${d.peak1s} messages in one second, over Teams' limit`);
  }
  for (const f of failures) console.log(`FAIL: ${f}`);
  if (failures.length > 0) process.exitCode = 1;
}

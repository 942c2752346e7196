import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ApprovalSettings } from '../app/approvals/approval-messages.ts';
import { APPROVAL_REQUEST } from '../app/approvals/approval-messages.ts';
import { decideApproval, noteUndeliverable, sweepApprovals, viewApproval } from '../app/approvals/approvals.ts';
import { bookChosen, endSeriesDue, findTimes, pickSlot, rescheduleBooking, viewBooking, type BookingDeps } from '../app/booking/booking.ts';
import { systemClock } from '../app/shared/clock.ts';
import { deliverOutbox } from '../app/outbox/deliverOutbox.ts';
import type { OutboxPurpose } from '../app/outbox/ports.ts';
import type { DirectoryRepository } from '../app/directory/ports.ts';
import type { Store } from '../app/store.ts';
import { SlidingWindowLimiter } from '../app/outbox/rate-limit.ts';
import { syncDirectory, type SyncResult } from '../app/directory/syncDirectory.ts';
import { botAppIdFor, createAdapter } from '../bot/adapter.ts';
import { FlipsideBot, type BotUseCases } from '../bot/flipside-bot.ts';
import { BotChatSender, MriTranslator } from '../bot/sender.ts';
import { bookingCard } from '../cards/index.ts';
import { activityProblem } from '../bot/validate.ts';
import { AppError } from '../app/shared/errors.ts';
import type { Config } from '../config/config.ts';
import { GraphDirectorySource } from '../graph/directory.gateway.ts';
import { GraphHttp } from '../graph/graph-client.ts';
import { GraphCalendarWriter, GraphPairChats } from '../graph/booking.gateway.ts';
import { GraphCalendar, GraphWorkingHours } from '../graph/calendar.gateway.ts';
import { GraphChatInstaller } from '../graph/teamwork.gateway.ts';
import { createGraphTokenSource, type GraphTokenSource } from '../graph/tokens.ts';
import { startTasks } from '../jobs/runner.ts';
import { SandboxBotConnector } from '../sandbox/connector/connector.ts';
import { controlRouter } from '../sandbox/control.ts';
import { SandboxGraph } from '../sandbox/graph/server.ts';
import { SandboxTenant } from '../sandbox/graph/tenant.ts';
import { SandboxIssuer } from '../sandbox/identity/issuer.ts';
import { identityRouter } from '../sandbox/identity/router.ts';
import { generateOrg } from '../sandbox/org/index.ts';
import { createStore } from '../store/index.ts';
import { migrate } from '../store/migrate.ts';
import { openDatabase, type SqlClient } from '../store/sql-client.ts';
import { apiRouter } from './api.ts';
import { createTokenVerifier, type FetchLike } from './auth.ts';
import { errorHandler } from './http-errors.ts';
import { createLogger, type Logger } from './logger.ts';

const TAB_DIR = fileURLToPath(new URL('../../dist/tab/', import.meta.url));
const SYNC_EVERY_MS = 15 * 60_000;
const SWEEP_EVERY_MS = 60_000;
const DELIVER_EVERY_MS = 500;
const DELIVER_BATCH = 50;
const BOOK_EVERY_MS = 5_000;

export interface Flipside {
  url: string;
  port: number;
  config: Config;
  db: SqlClient;
  log: Logger;
  directory: DirectoryRepository;
  store: Store;
  graph: GraphHttp;
  tokens: GraphTokenSource;
  /** The sandbox tenant's parts, in sandbox mode only. */
  sandbox: { tenant: SandboxTenant; issuer: SandboxIssuer; graph: SandboxGraph; connector: SandboxBotConnector } | undefined;
  syncNow(): Promise<SyncResult>;
  /** Delivers what is due in the outbox now (tests and the sandbox use it; a job does it every 500 ms). */
  deliverNow(batch?: number): Promise<number>;
  /** One pass of reminders, expiries and approver moves. */
  sweepNow(): Promise<{ reminded: number; expired: number; moved: number }>;
  /** One booking round now: find times, book picked series, end ended ones (a job does it every 5 s). Returns how many moved on. */
  bookNow(): Promise<number>;
  /** What the booking use cases run on (tests and benchmarks call them directly). */
  booking: BookingDeps;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** Run the background jobs (directory sync at once and every 15 minutes, outbox delivery, approval sweeps); default true. */
  syncOnStart?: boolean;
}

/**
 * The composition root: builds everything from one validated configuration and starts one HTTP
 * server with the tab, its API, the bot endpoint, health, and in sandbox mode the sandbox tenant.
 */
export async function startFlipside(config: Config, options: StartOptions = {}): Promise<Flipside> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = await openDatabase(config.database);
  await migrate(db);

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  const httpLog = log.child({ cat: 'http' });
  app.use((req, res, next) => {
    const started = performance.now();
    res.on('finish', () => httpLog.debug({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'));
    next();
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port, resolve));
  const port = (server.address() as AddressInfo).port;
  const local = `http://127.0.0.1:${port}`;

  // The sandbox tenant: Microsoft's side, local. Mounted only in sandbox mode, never by request.
  let sandbox: Flipside['sandbox'];
  let authorityFetch: FetchLike = fetch;
  let graphBaseUrl = config.graphBaseUrl;
  if (config.mode === 'sandbox' && config.sandbox) {
    const org = generateOrg({ size: config.sandbox.orgSize, seed: config.sandbox.seed });
    org.tenantId = config.identity.tenantId;
    const tenant = new SandboxTenant(org);
    tenant.faults.throttleRate = config.sandbox.throttleRate;
    const issuer = await SandboxIssuer.create({ ...config.identity, apiAudience: config.identity.clientId });
    const graph = new SandboxGraph(tenant, issuer, `${local}/sandbox/graph/v1.0`);
    app.use('/sandbox/identity', identityRouter(org, issuer));
    app.use('/sandbox/graph/v1.0', graph.router());
    const connector = new SandboxBotConnector({
      tenant,
      serviceUrl: `${local}/sandbox/botframework/`,
      botEndpoint: `${local}/api/messages`,
      botId: config.bot.id,
      teamsAppId: config.teamsAppId!,
    });
    connector.faults.throttleRate = config.sandbox.throttleRate;
    app.use('/sandbox/botframework', connector.router());
    app.use('/sandbox/chat', connector.chatRouter());
    app.use('/sandbox/control', controlRouter(tenant, connector));
    sandbox = { tenant, issuer, graph, connector };
    // msal-node accepts only https authorities: the sandbox keeps an https name and this transport
    // sends it to the local identity server. It is the only difference from production.
    const host = config.identity.authorityHost;
    authorityFetch = (input, init) => fetch(String(input).replace(host, `${local}/sandbox/identity`), init);
    graphBaseUrl = `${local}/sandbox/graph/v1.0`;
  }

  const tokens = createGraphTokenSource({ ...config.identity, fetch: authorityFetch });
  const graph = new GraphHttp({ baseUrl: graphBaseUrl, token: () => tokens.appToken() });
  const store = createStore(db);
  const directory = store.directory;
  const source = new GraphDirectorySource(graph);
  const verify = createTokenVerifier(config.identity, authorityFetch);
  const tenantId = config.identity.tenantId;
  const clock = systemClock;
  const url = config.mode === 'sandbox' ? `http://localhost:${port}` : config.publicUrl;
  const settings: ApprovalSettings & { organizer: 'mentor' | 'mentee' } = { tabUrl: url, ...config.approvals, organizer: config.booking.organizer };
  const deps = { store, clock, settings };
  const syncNow = () => syncDirectory({ directory, source, clock }, tenantId);

  // The bot: botbuilder at /api/messages, sending through the outbox.
  const botIdentity = { mode: config.mode, appId: config.bot.id, password: config.bot.password, tenantId };
  const adapter = createAdapter(botIdentity, log.child({ cat: 'bot' }));
  const mris = new MriTranslator();
  const sender = new BotChatSender(adapter, botAppIdFor(botIdentity), config.bot.id, mris);
  const installer = new GraphChatInstaller(graph, config.teamsAppId ?? config.bot.id);
  const limiter = new SlidingWindowLimiter();
  const onUndeliverable = new Map([[APPROVAL_REQUEST, (t: string, purpose: OutboxPurpose) => noteUndeliverable(deps, t, purpose)]]);
  const serviceUrl = config.mode === 'sandbox' ? `${local}/sandbox/botframework/` : config.botServiceUrl;
  const deliverNow = (batch = DELIVER_BATCH) => deliverOutbox({ store, clock, sender, installer, limiter, serviceUrl, onUndeliverable }, batch);
  const sweepNow = () => sweepApprovals(deps);
  let kick: (name: string) => void = () => {};

  // Booking: pairs' chats, calendars and series, all through Graph.
  const booking: BookingDeps = {
    store, clock, settings, calendars: new GraphCalendar(graph), writer: new GraphCalendarWriter(graph),
    chats: new GraphPairChats(graph, config.teamsAppId ?? config.bot.id),
  };
  /** One booking round: times for new pairs, picked series booked, ended series trimmed. */
  const bookNow = async () => {
    const moved = (await findTimes(booking)) + (await bookChosen(booking)) + (await endSeriesDue(booking));
    if (moved > 0) kick('deliver');
    return moved;
  };
  /** After a click on a booking card: the job books or looks again, and the card update goes out. */
  const afterBookingClick = <T>(value: T) => {
    kick('book');
    kick('deliver');
    return value;
  };
  const useCases: BotUseCases = {
    tenantId,
    sandbox: config.mode === 'sandbox',
    tabUrl: url,
    rememberConversation: (ref) => store.conversations.save(ref),
    displayName: async (t, id) => (await directory.getPerson(t, id))?.displayName ?? 'there',
    statusOf: async (t, id) => {
      const programs = new Map((await store.programs.list(t)).map((p) => [p.id, p.name]));
      return Promise.all(
        (await store.enrollments.listForUser(t, id)).map(async (e) => ({
          programName: programs.get(e.programId) ?? 'A program',
          status: e.status,
          approverName: e.approverKind === 'programAdmin' ? 'the program admins' : e.approverId ? ((await directory.getPerson(t, e.approverId))?.displayName ?? null) : null,
          note: e.decisionNote,
        })),
      );
    },
    viewApproval: (actor, id) => viewApproval(deps, actor, id),
    decideApproval: async (actor, id, decision, version, note) => {
      const card = await decideApproval(deps, actor, id, decision, version, note);
      kick('deliver');
      return card;
    },
    viewBooking: async (actor, pair) => bookingCard(await viewBooking(booking, actor, pair)),
    pickSlot: async (actor, pick) => afterBookingClick(bookingCard(await pickSlot(booking, actor, pick))),
    rescheduleBooking: async (actor, pair) => afterBookingClick(bookingCard(await rescheduleBooking(booking, actor, pair))),
  };
  const bot = new FlipsideBot(useCases, log.child({ cat: 'bot' }), mris);

  app.get('/healthz', async (_req, res) => {
    try {
      const [people, state, outbox] = await Promise.all([directory.countPeople(tenantId), directory.getSyncState(tenantId), store.outbox.countByStatus()]);
      res.json({ status: 'ok', mode: config.mode, database: db.kind, directory: { people, lastSyncAt: state?.lastSyncAt.toISOString() ?? null }, outbox });
    } catch (error) {
      log.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.post('/api/messages', express.json({ limit: '256kb' }), (req, res, next) => {
    const problem = activityProblem(req.body);
    if (problem) return next(new AppError('bad_request', `Not a Bot Framework activity: ${problem.field}: ${problem.message}`, { field: problem.field }));
    adapter.process(req, res, (context) => bot.run(context)).catch(next);
  });
  app.use('/api', apiRouter({ verify, store, clock, settings, kickOutbox: () => kick('deliver'), kickBooking: () => kick('book'), workingHours: new GraphWorkingHours(graph) }));
  if (existsSync(TAB_DIR)) {
    app.use(express.static(TAB_DIR, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|sandbox\/).*/, (_req, res) => res.sendFile('index.html', { root: TAB_DIR }));
  } else {
    app.get('/', (_req, res) => res.status(503).type('text').send('The tab is not built: run `npm run build:tab` (npm start does it for you).'));
  }
  app.use(errorHandler(httpLog));

  let tasks: ReturnType<typeof startTasks> | undefined;
  if (options.syncOnStart ?? true) {
    const jobLog = log.child({ cat: 'job' });
    tasks = startTasks(
      [
        { name: 'sync', everyMs: SYNC_EVERY_MS, run: async () => { jobLog.info(await syncNow(), 'directory synced'); kick('sweep'); } },
        { name: 'sweep', everyMs: SWEEP_EVERY_MS, run: async () => { const r = await sweepNow(); if (r.expired + r.moved + r.reminded > 0) { jobLog.info(r, 'approvals swept'); kick('deliver'); } } },
        { name: 'deliver', everyMs: DELIVER_EVERY_MS, run: async () => (await deliverNow()) >= DELIVER_BATCH },
        { name: 'book', everyMs: BOOK_EVERY_MS, run: async () => (await bookNow()) > 0 },
      ],
      jobLog,
    );
    kick = tasks.kick;
  }

  return {
    url, port, config, db, log, directory, store, graph, tokens, sandbox, syncNow, deliverNow, sweepNow, bookNow, booking,
    async close() {
      await tasks?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await db.close();
    },
  };
}

/** Teams hosts the tab in an iframe: only Teams and Microsoft 365 may frame it. */
function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader(
    'Content-Security-Policy',
    "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.cloud.microsoft https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft",
  );
  next();
}

export type { Server };

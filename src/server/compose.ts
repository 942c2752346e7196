import { createServer } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { APPROVAL_REQUEST, type ApprovalSettings } from '../app/approvals/approval-messages.ts';
import { noteUndeliverable, sweepApprovals, type ApprovalDeps } from '../app/approvals/approvals.ts';
import { bookingRound, type BookingDeps } from '../app/booking/booking.ts';
import { displayNameOf } from '../app/directory/getProfile.ts';
import type { DirectoryRepository } from '../app/directory/ports.ts';
import { syncDirectory, type SyncResult } from '../app/directory/syncDirectory.ts';
import { participantStatus } from '../app/sessions/status.ts';
import { checkHealth } from '../app/health.ts';
import type { SessionDeps } from '../app/sessions/context.ts';
import { deliverOutbox, type DeliveryDeps } from '../app/outbox/deliverOutbox.ts';
import type { OutboxPurpose } from '../app/outbox/ports.ts';
import { SlidingWindowLimiter } from '../app/outbox/rate-limit.ts';
import { systemClock } from '../app/shared/clock.ts';
import type { Store } from '../app/store.ts';
import { botAppIdFor, botEndpoint, checkBotConnector, createAdapter } from '../bot/adapter.ts';
import { approvalVerbs } from '../bot/approval.verbs.ts';
import { bookingVerbs } from '../bot/booking.verbs.ts';
import { sessionVerbs } from '../bot/session.verbs.ts';
import { invitationVerbs } from '../bot/invitation.verbs.ts';
import { INVITATION, noteInvitationUndeliverable } from '../app/invitations/invitations.ts';
import { careVerbs } from '../bot/care.verbs.ts';
import type { CareDeps } from '../app/care/context.ts';
import { GraphOccurrenceCanceller } from '../graph/care.gateway.ts';
import { closingVerbs } from '../bot/closing.verbs.ts';
import { FlipsideBot } from '../bot/flipside-bot.ts';
import { BotChatSender, MriTranslator } from '../bot/sender.ts';
import { VerbRegistry } from '../bot/verbs.ts';
import { SANDBOX, type Config } from '../config/config.ts';
import { GraphCalendarWriter, GraphPairChats } from '../graph/booking.gateway.ts';
import { GraphCalendar, GraphWorkingHours } from '../graph/calendar.gateway.ts';
import { GraphDirectorySource } from '../graph/directory.gateway.ts';
import { GraphHttp } from '../graph/graph-client.ts';
import { GraphAppCatalog } from '../graph/app-catalog.gateway.ts';
import { GraphAttendance } from '../graph/attendance.gateway.ts';
import { GraphSeriesReader, GraphSubscriptions } from '../graph/sessions.gateway.ts';
import { GraphChatInstaller } from '../graph/teamwork.gateway.ts';
import { createGraphTokenSource, type GraphTokenSource } from '../graph/tokens.ts';
import { BOOK_PAIRS, CARE_PAUSES, CHECK_SERIES, DELIVER_OUTBOX, ERASE_PEOPLE, startJobs, type FlipsideJobDeps } from '../jobs/index.ts';
import { erasureRound, type ErasureDeps } from '../app/data-rights/erasure.ts';
import { DELIVER_BATCH } from '../jobs/deliver-outbox.job.ts';
import { SYNC_DIRECTORY_EVERY_MS } from '../jobs/sync-directory.job.ts';
import type { Worker } from '../jobs/worker.ts';
import type { Sandbox } from '../sandbox/mount.ts';
import { createStore } from '../store/index.ts';
import { migrate } from '../store/migrate.ts';
import { openDatabase, type SqlClient } from '../store/sql-client.ts';
import { apiRouter } from './api.ts';
import { createTokenVerifier } from './auth.ts';
import { consentRouter } from './consent.ts';
import { createHttpApp, mountRoutes, TAB_DIR } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { notificationsRouter } from './notifications.ts';
import { readiness } from './readiness.ts';
import { timeTravel } from './time-travel.ts';
import { teamsTabBase } from '../cards/tab-link.ts';

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
  sandbox: Sandbox | undefined;
  syncNow(): Promise<SyncResult>;
  /** Delivers what is due in the outbox now (tests and the sandbox use it; a job does it every 500 ms). */
  deliverNow(batch?: number): Promise<number>;
  /** One pass of reminders, expiries and approver moves. */
  sweepNow(): Promise<{ reminded: number; expired: number; moved: number }>;
  /** One booking round now: find times, book picked series, end ended ones (a job does it every 5 s). Returns how many moved on. */
  bookNow(): Promise<number>;
  /** What the booking use cases run on (tests and benchmarks call them directly). */
  booking: BookingDeps;
  /** What the session use cases run on. */
  sessions: SessionDeps;
  /** One round of the erasure job now (a job does it every minute): returns how many requests moved on. */
  eraseNow(): Promise<number>;
  /** The worker running the jobs (undefined when jobs are off). */
  worker: Worker | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** Run the background jobs (directory sync at once and every 15 minutes, outbox delivery, approval sweeps, booking); default true. */
  syncOnStart?: boolean;
  /** Routes of the caller's on this server, before Flipside's own (the API benchmark's empty route). */
  extraRoutes?: (app: Express) => void;
}

/**
 * The composition root: builds everything from one validated configuration and starts one HTTP
 * server with the tab, its API, the bot endpoint, health, and in sandbox mode the sandbox tenant.
 */
export async function startFlipside(config: Config, options: StartOptions = {}): Promise<Flipside> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = await openDatabase(config.database);
  const applied = await migrate(db);
  // Flipside's database was just created (a first start, or its folder was deleted to start afresh).
  const freshDatabase = applied.includes(1);

  const httpLog = log.child({ cat: 'http' });
  const app = createHttpApp(httpLog);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.port, resolve));
  const port = (server.address() as AddressInfo).port;

  const sandbox = config.mode === 'sandbox' && config.sandbox ? await mountSandboxOn(app, config, config.sandbox, port, freshDatabase, log.child({ cat: 'sandbox' })) : undefined;
  const authorityFetch = sandbox?.authorityFetch ?? fetch;
  const tokens = createGraphTokenSource({ ...config.identity, fetch: authorityFetch });
  const graph = new GraphHttp({ baseUrl: sandbox?.graphBaseUrl ?? config.graphBaseUrl, token: () => tokens.appToken() });
  // Graph installs bind to the app's id in the org catalog, looked up once from the manifest id.
  const catalog = new GraphAppCatalog(graph, config.teamsAppId ?? config.bot.id, log.child({ cat: 'graph' }));

  const store = createStore(db);
  // In sandbox mode time is the sandbox's own, so a six-month program can be walked in minutes.
  const clock = sandbox?.clock ?? systemClock;
  const tenantId = config.identity.tenantId;
  const url = config.mode === 'sandbox' ? `http://localhost:${port}` : config.publicUrl;
  // Links into the tab: the sandbox's own pages; on a real tenant, Teams deep links to the personal
  // tab under the id Teams knows the app by (its org-catalog id once published there), read each
  // time a link is made, so that links follow the catalog lookup as soon as it succeeds.
  const tabBase = config.mode === 'sandbox' || !config.teamsAppId ? () => url : () => teamsTabBase(catalog.deepLinkAppId());
  const withTabUrl = <T extends object>(o: T): T & { readonly tabUrl: string } => Object.defineProperty(o, 'tabUrl', { get: tabBase, enumerable: true }) as T & { readonly tabUrl: string };
  const settings: ApprovalSettings & { organizer: 'mentor' | 'mentee' } = withTabUrl({ ...config.approvals, organizer: config.booking.organizer });
  const approvals: ApprovalDeps = { store, clock, settings };
  const directorySync = { directory: store.directory, source: new GraphDirectorySource(graph), clock };
  const botIdentity = { mode: config.mode, appId: config.bot.id, password: config.bot.password, tenantId, type: config.bot.type };
  const adapter = createAdapter(botIdentity, log.child({ cat: 'bot' }));
  // The outbox's own adapter makes each Bot Connector request once: a 429 comes back to the outbox,
  // which retries that message after Retry-After, within its rate limiter, without holding up others.
  const outboxAdapter = createAdapter(botIdentity, log.child({ cat: 'bot' }), { sdkRetries: false });
  const mris = new MriTranslator();
  const delivery: DeliveryDeps = {
    store,
    clock,
    limiter: new SlidingWindowLimiter(),
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    sender: new BotChatSender(outboxAdapter, botAppIdFor(botIdentity), config.bot.id, mris),
    installer: new GraphChatInstaller(graph, catalog),
    serviceUrl: sandbox?.serviceUrl ?? config.botServiceUrl,
    onUndeliverable: new Map([
      [APPROVAL_REQUEST, (t: string, purpose: OutboxPurpose) => noteUndeliverable(approvals, t, purpose)],
      [INVITATION, (t: string, purpose: OutboxPurpose) => noteInvitationUndeliverable(approvals, t, purpose)],
    ]),
  };
  const booking: BookingDeps = {
    store,
    clock,
    settings,
    calendars: new GraphCalendar(graph),
    writer: new GraphCalendarWriter(graph),
    chats: new GraphPairChats(graph, catalog),
  };

  const sessions: SessionDeps = {
    store,
    clock,
    settings: withTabUrl({ notificationUrl: `${url}/api/graph/notifications`, lifecycleNotificationUrl: `${url}/api/graph/lifecycle` }),
    series: new GraphSeriesReader(graph),
    attendance: new GraphAttendance(graph),
    subscriptions: new GraphSubscriptions(graph),
    booking,
  };

  const erasure: ErasureDeps = { store, clock, settings: withTabUrl({ ...config.approvals, organizer: config.booking.organizer, privacy: config.privacy }) };
  const workingHours = new GraphWorkingHours(graph);
  const care: CareDeps = { store, clock, settings, booking, workingHours, series: sessions.series, occurrences: new GraphOccurrenceCanceller(graph) };

  let worker: Worker | undefined;
  const kick = (kind: string) => void worker?.kick(kind); // never rejects: a failed kick leaves the job to its next time
  const verbs = new VerbRegistry([
    ...approvalVerbs({ ...approvals, decided: () => kick(DELIVER_OUTBOX) }),
    ...bookingVerbs({ ...booking, clicked: () => (kick(BOOK_PAIRS), kick(DELIVER_OUTBOX)) }),
    ...sessionVerbs({ ...sessions, clicked: () => (kick(BOOK_PAIRS), kick(DELIVER_OUTBOX)) }),
    ...invitationVerbs(approvals),
    ...careVerbs({ ...care, clicked: () => (kick(CARE_PAUSES), kick(BOOK_PAIRS), kick(DELIVER_OUTBOX)) }),
    ...closingVerbs({ ...sessions, answered: () => kick(DELIVER_OUTBOX) }),
  ]);
  const bot = new FlipsideBot(
    {
      tenantId,
      sandbox: config.mode === 'sandbox',
      get tabUrl() {
        return tabBase();
      },
      rememberConversation: (ref) => store.conversations.save(ref),
      displayName: (t, id) => displayNameOf(store.directory, t, id),
      statusOf: (t, id) => participantStatus({ store, clock }, t, id),
    },
    verbs,
    log.child({ cat: 'bot' }),
    mris,
  );
  const api = apiRouter({
    verify: createTokenVerifier(config.identity, authorityFetch),
    store,
    clock,
    settings,
    workingHours,
    care: { ...care, kick: () => (kick(CARE_PAUSES), kick(BOOK_PAIRS), kick(DELIVER_OUTBOX)) },
    kickOutbox: () => kick(DELIVER_OUTBOX),
    kickBooking: () => kick(BOOK_PAIRS),
    privacy: config.privacy,
    kickErasure: () => kick(ERASE_PEOPLE),
  });
  options.extraRoutes?.(app);
  const notifications = notificationsRouter({ store, clock, kick: () => kick(CHECK_SERIES), log: log.child({ cat: 'graph' }) });
  const ready = readiness({
    store,
    tenantId,
    now: () => clock.now(),
    pingDatabase: async () => void (await db.query('SELECT 1')),
    graphToken: () => tokens.appToken(),
    botConnector: () => checkBotConnector(botIdentity),
    catalog,
    syncEveryMs: SYNC_DIRECTORY_EVERY_MS,
  });
  // The consent popup returns to the public address; in the sandbox that is its own, unless PUBLIC_URL names a proxy in front.
  const consent = consentRouter({
    authorityHost: config.identity.authorityHost,
    tenantId,
    clientId: config.identity.clientId,
    apiUri: config.identity.audiences[1] ?? config.identity.clientId,
    publicUrl: config.mode === 'sandbox' && config.publicUrl === `http://localhost:${config.port}` ? url : config.publicUrl,
    tabDir: TAB_DIR,
  });
  mountRoutes(app, { health: () => checkHealth(store, tenantId), readiness: ready, mode: config.mode, database: db.kind, bot: botEndpoint(adapter, bot), api, notifications, consent }, httpLog);

  const jobDeps: FlipsideJobDeps = { tenantId, delivery, booking, approvals, directory: directorySync, sessions, erasure, care };
  const jobOptions = { jobs: store.jobs, clock, log: log.child({ cat: 'job' }) };
  if (options.syncOnStart ?? true) {
    worker = await startJobs(jobDeps, jobOptions);
    // The first cards' deep links name the catalog id: look it up now rather than at the first install.
    // A missing app is logged by the gateway; a failed lookup is said here, once.
    if (config.mode !== 'sandbox') {
      void catalog.catalogId().catch(() => {
        const status = catalog.status;
        if (status.state === 'error') log.warn({ reason: status.reason }, "could not read the organisation's app catalog at start; deep links name the manifest id until a lookup succeeds");
      });
    }
  }
  if (sandbox) {
    // Without background jobs (tests), moving time runs them on a worker of its own, only while it moves.
    let held: Promise<Worker> | undefined;
    const travelWorker = () => (worker ? Promise.resolve(worker) : (held ??= startJobs(jobDeps, { ...jobOptions, autoStart: false })));
    sandbox.time.attach(timeTravel({ clock: sandbox.clock, store, worker: travelWorker, settle: () => sandbox.tenant.notificationsIdle(), log: log.child({ cat: 'sandbox' }) }));
  }

  return {
    url,
    port,
    config,
    db,
    log,
    directory: store.directory,
    store,
    graph,
    tokens,
    sandbox,
    booking,
    sessions,
    get worker() {
      return worker;
    },
    syncNow: () => syncDirectory(directorySync, tenantId),
    deliverNow: (batch = DELIVER_BATCH) => deliverOutbox(delivery, batch),
    sweepNow: () => sweepApprovals(approvals),
    eraseNow: () => erasureRound(erasure),
    bookNow: async () => {
      const moved = await bookingRound(booking);
      if (moved > 0) kick(DELIVER_OUTBOX);
      return moved;
    },
    async close() {
      await worker?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      sandbox?.close();
      await db.close();
    },
  };
}

/**
 * The sandbox's state file, beside Flipside's PGlite folder and named after it (.flipside/data →
 * .flipside/data.sandbox-state), so that two data folders in one parent never share one.
 */
export const sandboxStateFile = (dataDir: string): string => join(dirname(resolve(dataDir)), `${basename(resolve(dataDir))}.sandbox-state`);

/**
 * The sandbox tenant, Microsoft's side, local, on this server. Imported here only, when it is
 * asked for, so that nothing of the sandbox (nor faker) is loaded on a real tenant.
 */
async function mountSandboxOn(app: Express, config: Config, options: NonNullable<Config['sandbox']>, port: number, freshDatabase: boolean, log: Logger): Promise<Sandbox> {
  const { mountSandbox } = await import('../sandbox/mount.ts');
  const identity = { ...config.identity, clientSecret: config.identity.clientSecret ?? SANDBOX.clientSecret };
  // The sandbox's state is kept next to Flipside's data when that is kept (PGlite in a folder);
  // with Flipside's data in memory (or on a PostgreSQL server), the sandbox's is in memory only.
  const dataDir = config.database.kind === 'pglite' ? config.database.dataDir : undefined;
  const state = dataDir ? { file: sandboxStateFile(dataDir), log, ...(freshDatabase ? { discard: `Flipside's data in ${dataDir} is new` } : {}) } : undefined;
  return mountSandbox(app, {
    ...(state ? { state } : {}),
    ...options,
    identity,
    botId: config.bot.id,
    teamsAppId: SANDBOX.teamsAppId,
    manifestAppId: config.teamsAppId ?? SANDBOX.manifestAppId,
    local: `http://127.0.0.1:${port}`,
  });
}

import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import { systemClock } from '../app/clock.ts';
import type { DirectoryRepository } from '../app/ports.ts';
import { syncDirectory, type SyncResult } from '../app/syncDirectory.ts';
import type { Config } from '../config/config.ts';
import { GraphDirectorySource } from '../graph/directory.gateway.ts';
import { GraphHttp } from '../graph/graph-client.ts';
import { createGraphTokenSource, type GraphTokenSource } from '../graph/tokens.ts';
import { SandboxGraph } from '../sandbox/graph/server.ts';
import { SandboxTenant } from '../sandbox/graph/tenant.ts';
import { SandboxIssuer } from '../sandbox/identity/issuer.ts';
import { identityRouter } from '../sandbox/identity/router.ts';
import { generateOrg } from '../sandbox/org/index.ts';
import { SqlDirectoryRepository } from '../store/directory.repository.ts';
import { migrate } from '../store/migrate.ts';
import { openDatabase, type SqlClient } from '../store/sql-client.ts';
import { apiRouter } from './api.ts';
import { createTokenVerifier, type FetchLike } from './auth.ts';
import { errorHandler } from './http-errors.ts';
import { createLogger, type Logger } from './logger.ts';

const TAB_DIR = fileURLToPath(new URL('../../dist/tab/', import.meta.url));
const SYNC_EVERY_MS = 15 * 60_000;

export interface Flipside {
  url: string;
  port: number;
  config: Config;
  db: SqlClient;
  log: Logger;
  directory: DirectoryRepository;
  graph: GraphHttp;
  tokens: GraphTokenSource;
  /** The sandbox tenant's parts, in sandbox mode only. */
  sandbox: { tenant: SandboxTenant; issuer: SandboxIssuer; graph: SandboxGraph } | undefined;
  syncNow(): Promise<SyncResult>;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** Sync the directory as soon as the server listens (default true), then every 15 minutes. */
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
    sandbox = { tenant, issuer, graph };
    // msal-node accepts only https authorities: the sandbox keeps an https name and this transport
    // sends it to the local identity server. It is the only difference from production.
    const host = config.identity.authorityHost;
    authorityFetch = (input, init) => fetch(String(input).replace(host, `${local}/sandbox/identity`), init);
    graphBaseUrl = `${local}/sandbox/graph/v1.0`;
  }

  const tokens = createGraphTokenSource({ ...config.identity, fetch: authorityFetch });
  const graph = new GraphHttp({ baseUrl: graphBaseUrl, token: () => tokens.appToken() });
  const directory = new SqlDirectoryRepository(db);
  const source = new GraphDirectorySource(graph);
  const verify = createTokenVerifier(config.identity, authorityFetch);
  const tenantId = config.identity.tenantId;
  const syncLog = log.child({ cat: 'sync' });
  const syncNow = () => syncDirectory({ directory, source, clock: systemClock }, tenantId);

  app.get('/healthz', async (_req, res) => {
    try {
      const [people, state] = await Promise.all([directory.countPeople(tenantId), directory.getSyncState(tenantId)]);
      res.json({ status: 'ok', mode: config.mode, database: db.kind, directory: { people, lastSyncAt: state?.lastSyncAt.toISOString() ?? null } });
    } catch (error) {
      log.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.all('/api/messages', (_req, res) => {
    res.status(501).json({ error: { code: 'not_implemented', message: 'The Flipside bot is not built yet.' } });
  });
  app.use('/api', apiRouter({ verify, directory }));
  if (existsSync(TAB_DIR)) {
    app.use(express.static(TAB_DIR, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|sandbox\/).*/, (_req, res) => res.sendFile('index.html', { root: TAB_DIR }));
  } else {
    app.get('/', (_req, res) => res.status(503).type('text').send('The tab is not built: run `npm run build:tab` (npm start does it for you).'));
  }
  app.use(errorHandler(httpLog));

  const runSync = () =>
    syncNow().then(
      (r) => syncLog.info(r, 'directory synced'),
      (error) => syncLog.error({ err: error }, 'directory sync failed; the next run will retry'),
    );
  let timer: NodeJS.Timeout | undefined;
  if (options.syncOnStart ?? true) {
    void runSync();
    timer = setInterval(runSync, SYNC_EVERY_MS);
    timer.unref();
  }

  const url = config.mode === 'sandbox' ? `http://localhost:${port}` : config.publicUrl;
  return {
    url, port, config, db, log, directory, graph, tokens, sandbox, syncNow,
    async close() {
      if (timer) clearInterval(timer);
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

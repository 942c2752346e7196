import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { HealthReport } from '../app/health.ts';
import { errorHandler } from './http-errors.ts';
import type { Logger } from './logger.ts';

const TAB_DIR = fileURLToPath(new URL('../../dist/tab/', import.meta.url));

/** The HTTP app before any route: security headers and one debug line per request. */
export function createHttpApp(log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use((req, res, next) => {
    const started = performance.now();
    res.on('finish', () => log.debug({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'));
    next();
  });
  return app;
}

export interface Routes {
  /** What /healthz reports beside the mode and database. */
  health(): Promise<HealthReport>;
  mode: string;
  database: string;
  /** The bot's endpoint (botbuilder's adapter behind it). */
  bot(req: Request, res: Response): Promise<void>;
  api: express.Router;
}

/** Flipside's routes: health, the bot at /api/messages, the API under /api, the tab everywhere else. */
export function mountRoutes(app: express.Express, routes: Routes, log: Logger): void {
  app.get('/healthz', async (_req, res) => {
    try {
      res.json({ ...(await routes.health()), mode: routes.mode, database: routes.database });
    } catch (error) {
      log.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.post('/api/messages', express.json({ limit: '256kb' }), (req, res, next) => {
    routes.bot(req, res).catch(next);
  });
  app.use('/api', routes.api);
  if (existsSync(TAB_DIR)) {
    app.use(express.static(TAB_DIR, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|sandbox\/).*/, (_req, res) => res.sendFile('index.html', { root: TAB_DIR }));
  } else {
    app.get('/', (_req, res) => res.status(503).type('text').send('The tab is not built: run `npm run build:tab` (npm start does it for you).'));
  }
  app.use(errorHandler(log));
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

import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { HealthReport, ReadinessReport } from '../app/health.ts';
import { AppError } from '../app/shared/errors.ts';
import { SpanKind, SpanStatusCode, startSpan } from '../app/shared/tracing.ts';
import { errorHandler } from './http-errors.ts';
import type { Logger } from './logger.ts';

export const TAB_DIR = fileURLToPath(new URL('../../dist/tab/', import.meta.url));
/** The privacy and terms pages the manifest links to: plain HTML the program admin edits (legal/). */
const LEGAL_DIR = fileURLToPath(new URL('../../legal/', import.meta.url));

/** The HTTP app before any route: security headers and one debug line per request. */
export function createHttpApp(log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use((req, res, next) => {
    const started = performance.now();
    // One request span (an Application Insights request), named by the route template once routing
    // has found it: ids in the path, the query string and every header stay out of telemetry.
    startSpan(`${req.method}`, SpanKind.SERVER, { 'http.request.method': req.method, 'url.scheme': req.protocol }, (span) => {
      res.on('finish', () => {
        const route = req.route ? `${req.baseUrl}${String((req.route as { path: unknown }).path)}` : routeFamily(req.originalUrl);
        span.updateName(`${req.method} ${route}`);
        span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        // 'finish' runs outside the request's context: the line names its trace itself.
        const ids = span.spanContext();
        log.debug(
          { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started), ...(span.isRecording() ? { trace_id: ids.traceId, span_id: ids.spanId } : {}) },
          'request',
        );
        span.end();
      });
      next();
    });
  });
  return app;
}

export interface Routes {
  /** What /healthz reports beside the mode and database. */
  health(): Promise<HealthReport>;
  /** Readiness (/readyz): each dependency, 503 when one fails. */
  readiness(): Promise<ReadinessReport>;
  mode: string;
  database: string;
  /** The bot's endpoint (botbuilder's adapter behind it). */
  bot(req: Request, res: Response): Promise<void>;
  api: express.Router;
  /** Graph's change notifications (clientState-checked, no bearer token), under /api/graph. */
  notifications: express.Router;
  /** The consent popup's pages, under /auth (server/consent.ts). */
  consent: express.Router;
}

/** Flipside's routes: health, the bot at /api/messages, the API under /api, the tab everywhere else. */
export function mountRoutes(app: express.Express, routes: Routes, log: Logger): void {
  // Liveness: the process answers. Nothing else is checked, so a platform restarts it only when it hangs.
  app.get('/livez', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  // Readiness: every dependency Flipside needs to do its job, each with what is wrong and what to do.
  app.get('/readyz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const report = await routes.readiness();
      if (report.status !== 'ready') log.warn({ dependencies: report.dependencies }, 'not ready');
      res.status(report.status === 'ready' ? 200 : 503).json({ ...report, mode: routes.mode });
    } catch (error) {
      log.error({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'not_ready' });
    }
  });
  app.get('/healthz', async (_req, res) => {
    try {
      res.json({ ...(await routes.health()), mode: routes.mode, database: routes.database });
    } catch (error) {
      log.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.post('/api/messages', jsonBody('256kb'), (req, res, next) => {
    routes.bot(req, res).catch(next);
  });
  for (const page of ['privacy', 'terms']) app.get(`/${page}`, (_req, res) => res.sendFile(`${page}.html`, { root: LEGAL_DIR }));
  app.get('/legal.css', (_req, res) => res.sendFile('legal.css', { root: LEGAL_DIR }));
  app.use('/auth', routes.consent);
  app.use('/api/graph', routes.notifications);
  app.use('/api', compression(), routes.api);
  if (existsSync(TAB_DIR)) {
    app.use(tabAssets());
    app.get(/^\/(?!api\/|sandbox\/).*/, compression(), (_req, res) => res.sendFile('index.html', { root: TAB_DIR, headers: { 'Cache-Control': 'no-cache' } }));
  } else {
    app.get('/', (_req, res) => res.status(503).type('text').send('The tab is not built: run `npm run build:tab` (npm start does it for you).'));
  }
  app.use(errorHandler(log));
}

/** A path no route matched (the tab's files, the sandbox), as a family: its first segment. */
function routeFamily(url: string): string {
  const first = url.split('?')[0]!.split('/')[1];
  return first ? `/${first}/*` : '/';
}

/**
 * The built tab: brotli or gzip files made at build time (vite.config.ts) when the browser takes
 * them, hashed files under /assets/ cached for a year as immutable (a new build has new names),
 * everything else (index.html) revalidated on every load so that a new build is picked up at once.
 */
function tabAssets(): RequestHandler {
  return expressStaticGzip(TAB_DIR, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: 'index.html',
    serveStatic: {
      setHeaders(res, path) {
        const hashed = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(path.replace(/\.(br|gz)$/, ''));
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    },
  });
}

/** The content codings a body may arrive in (what body-parser inflates on Node 20). */
const CONTENT_ENCODINGS = ['identity', 'gzip', 'deflate', 'br'];
const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json$/;
const UTF8 = ['utf-8', 'utf8'];
/** Far deeper than any request of the API or any Teams activity; deeper JSON only overflows recursive code downstream. */
const MAX_DEPTH = 64;

/**
 * Reads a JSON body into `req.body` (undefined when there is none), for the API and the bot
 * endpoint. Each way a body can be refused is an AppError, so the error handler answers it in the
 * documented shape and logs it at info: 415 `unsupported_media_type` for a content type, charset or
 * content encoding the server does not take (naming the header and the value), 413
 * `payload_too_large` above `limit` (after inflating), 400 `bad_request` (`field: "body"`) for a
 * body that is not what its headers say (not gzip, not UTF-8, not JSON, shorter than its length) or
 * nested deeper than anything Flipside reads.
 */
export function jsonBody(limit: string): RequestHandler {
  const read = express.raw({ type: () => true, limit });
  return (req, res, next) => {
    req.body = undefined;
    const length = req.headers['content-length'];
    if (req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) return next();
    const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase() || 'identity';
    if (!CONTENT_ENCODINGS.includes(encoding)) {
      return next(
        new AppError('unsupported_media_type', `The server does not take Content-Encoding "${clip(encoding)}": send the body as is, or with ${CONTENT_ENCODINGS.slice(1).join(', ')}.`, {
          field: 'content-encoding',
        }),
      );
    }
    const contentType = req.headers['content-type'] === undefined ? undefined : parseContentType(req.headers['content-type']);
    const typeProblem = contentType && contentTypeProblem(contentType);
    if (typeProblem) return next(new AppError('unsupported_media_type', typeProblem, { field: 'content-type' }));
    read(req, res, (error?: unknown) => {
      if (error) return next(bodyReadError(error, encoding, limit));
      const bytes = req.body as Buffer;
      req.body = undefined;
      if (bytes.length === 0) return next();
      if (!contentType) return next(new AppError('unsupported_media_type', 'The body has no Content-Type: send JSON as application/json.', { field: 'content-type' }));
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch (cause) {
        return next(new AppError('bad_request', 'The request body is not valid UTF-8.', { field: 'body', cause }));
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (cause) {
        return next(new AppError('bad_request', 'The request body is not valid JSON.', { field: 'body', cause }));
      }
      if (deeperThan(body, MAX_DEPTH)) return next(new AppError('bad_request', `The request body is nested deeper than ${MAX_DEPTH} levels.`, { field: 'body' }));
      req.body = body;
      next();
    });
  };
}

/** Whether objects and arrays nest deeper than `limit` in `value`, found without recursion. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function parseContentType(header: string): { type: string; charset: string | undefined } {
  const [type = '', ...parameters] = header.split(';');
  let charset: string | undefined;
  for (const parameter of parameters) {
    const eq = parameter.indexOf('=');
    if (eq > 0 && parameter.slice(0, eq).trim().toLowerCase() === 'charset') {
      charset = parameter
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return { type: type.trim().toLowerCase(), charset };
}

function contentTypeProblem({ type, charset }: { type: string; charset: string | undefined }): string | undefined {
  if (!JSON_MEDIA_TYPE.test(type)) return `The server takes JSON bodies only (application/json), not "${clip(type)}".`;
  if (charset !== undefined && !UTF8.includes(charset)) return `The server takes JSON in UTF-8 only, not charset "${clip(charset)}".`;
  return undefined;
}

/** body-parser's reading errors (http-errors with a status), as the documented answers. */
function bodyReadError(error: unknown, encoding: string, limit: string): unknown {
  const { status, type } = error as { status?: number; type?: string };
  if (status === 413) return new AppError('payload_too_large', `The request body is larger than ${limit}.`, { field: 'body', cause: error });
  if (status === 415) return new AppError('unsupported_media_type', `The server does not take Content-Encoding "${clip(encoding)}".`, { field: 'content-encoding', cause: error });
  if (status === 400) {
    const message =
      type === 'request.size.invalid'
        ? 'The request body is not as long as its Content-Length says.'
        : type === 'request.aborted'
          ? 'The request body was cut off.'
          : encoding !== 'identity'
            ? `The request body is not valid ${encoding}, as its Content-Encoding says.`
            : 'The request body could not be read.';
    return new AppError('bad_request', message, { field: 'body', cause: error });
  }
  return error;
}

/** A header value as a message quotes it: short, and only printable ASCII. */
const clip = (value: string) => value.replace(/[^\x20-\x7e]/g, '?').slice(0, 60);

/** Who may frame the tab: Teams, Outlook (web) and the Microsoft 365 app (web), which host the personal tab. */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.cloud.microsoft',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.outlook.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
];

/** Teams hosts the tab in an iframe: only Teams, Outlook and Microsoft 365 may frame it. */
function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('Content-Security-Policy', `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`);
  next();
}

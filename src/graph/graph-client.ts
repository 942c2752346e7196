import { Client, HTTPMessageHandler, RetryHandler, RetryHandlerOptions, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { dependencyAttributes, SpanKind, withSpan } from '../app/shared/tracing.ts';
import { GraphError } from './graph-error.ts';

/** Gives the bearer token for a Graph request (the app's own, or a user's on-behalf-of token). */
export type TokenProvider = () => Promise<string>;

export interface GraphHttpOptions {
  /** e.g. https://graph.microsoft.com/v1.0, or the sandbox's http://127.0.0.1:3978/sandbox/graph/v1.0 */
  baseUrl: string;
  token: TokenProvider;
  /** Outlook allows 4 concurrent requests per app and mailbox (PLATFORM.md). */
  maxConcurrentPerMailbox?: number;
  maxRetries?: number;
  /** Never wait longer than this for one Retry-After, in seconds. */
  maxRetryAfterSeconds?: number;
}

export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}
export type BatchResult<T = unknown> = { id: string; ok: true; status: number; body: T } | { id: string; ok: false; error: GraphError };

const BATCH_LIMIT = 20;

/** An inner answer worth sending again after a wait: throttled, or the service busy (a 504 only when it says when to come back). */
const isThrottled = (e: GraphError) => e.httpStatus === 429 || e.httpStatus === 503 || (e.httpStatus === 504 && e.retryAfterSeconds !== undefined);

class CappedRetryOptions extends RetryHandlerOptions {
  constructor(
    maxRetries: number,
    private readonly cap: number,
  ) {
    super(1, maxRetries);
  }
  override getMaxDelay(): number {
    return this.cap;
  }
}

/** Counts requests per key; `limit` at once, the rest wait in order. */
class KeyedSemaphore {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  constructor(private readonly limit: number) {}

  async acquire(key: string): Promise<() => void> {
    const n = this.active.get(key) ?? 0;
    if (n >= this.limit) {
      await new Promise<void>((resolve) => {
        const q = this.waiting.get(key) ?? [];
        q.push(resolve);
        this.waiting.set(key, q);
      });
    } else {
      this.active.set(key, n + 1);
    }
    return () => this.release(key);
  }

  private release(key: string) {
    const next = this.waiting.get(key)?.shift();
    if (next) return next(); // the slot passes straight to the next waiter
    if (this.waiting.get(key)?.length === 0) this.waiting.delete(key);
    const n = (this.active.get(key) ?? 1) - 1;
    if (n === 0) this.active.delete(key);
    else this.active.set(key, n);
  }
}

/** The mailbox a request works on, for Outlook's per-mailbox concurrency limit. */
function mailboxOf(url: string): string {
  const m = /\/users\/([^/?]+)\/(calendar|events|mailboxSettings|calendarView)/i.exec(url);
  return m ? decodeURIComponent(m[1]!).toLowerCase() : '';
}

/** Adds the bearer token and holds a per-mailbox slot for the whole request, retries included. */
class TokenAndMailboxLimit implements Middleware {
  private next: Middleware | undefined;
  constructor(
    private readonly token: TokenProvider,
    private readonly limiter: KeyedSemaphore,
  ) {}
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const mailbox = mailboxOf(url);
    const release = mailbox ? await this.limiter.acquire(mailbox) : () => {};
    try {
      const bearer = `Bearer ${await this.token()}`;
      if (typeof context.request !== 'string') context.request.headers.set('Authorization', bearer);
      const options = (context.options ??= {});
      if (options.headers instanceof Headers) options.headers.set('Authorization', bearer);
      else options.headers = { ...(options.headers as Record<string, string> | undefined), Authorization: bearer };
      await this.next!.execute(context);
    } finally {
      release();
    }
  }
  setNext(next: Middleware) {
    this.next = next;
  }
}

/** Each HTTP request to Graph (every retry its own) as a dependency span: method, URL template, status. */
class TracedRequest implements Middleware {
  private next: Middleware | undefined;
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const method = (typeof context.request === 'string' ? context.options?.method : context.request.method) ?? 'GET';
    await withSpan(`Graph ${method}`, SpanKind.CLIENT, dependencyAttributes(method, url, 'Microsoft Graph'), async (span) => {
      await this.next!.execute(context);
      if (context.response) span.setAttribute('http.response.status_code', context.response.status);
    });
  }
  setNext(next: Middleware) {
    this.next = next;
  }
}

/**
 * Microsoft Graph over HTTP, on @microsoft/microsoft-graph-client: the library's RetryHandler
 * (429/503/504, Retry-After honoured, capped), a per-mailbox concurrency cap, paging by
 * `@odata.nextLink`, and `$batch`. Every failure comes out as a GraphError.
 */
export class GraphHttp {
  private readonly client: Client;
  private readonly base: URL;

  constructor(private readonly options: GraphHttpOptions) {
    this.base = new URL(options.baseUrl.replace(/\/$/, ''));
    const first = new TokenAndMailboxLimit(options.token, new KeyedSemaphore(options.maxConcurrentPerMailbox ?? 4));
    const retry = new RetryHandler(new CappedRetryOptions(options.maxRetries ?? 5, options.maxRetryAfterSeconds ?? 60));
    const traced = new TracedRequest();
    first.setNext(retry);
    retry.setNext(traced);
    traced.setNext(new HTTPMessageHandler());
    const version = this.base.pathname.split('/').filter(Boolean).pop() ?? 'v1.0';
    this.client = Client.initWithMiddleware({
      middleware: first,
      baseUrl: this.base.origin + this.base.pathname.slice(0, -version.length).replace(/\/$/, ''),
      defaultVersion: version,
    });
  }

  async get<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
    return this.call(() => this.client.api(this.relative(path)).headers(headers).get());
  }

  async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call(() => this.client.api(this.relative(path)).headers(headers).post(body));
  }

  async patch<T>(path: string, body: unknown): Promise<T> {
    return this.call(() => this.client.api(this.relative(path)).patch(body));
  }

  async delete(path: string): Promise<void> {
    await this.call(() => this.client.api(this.relative(path)).delete());
  }

  /**
   * Follows `@odata.nextLink` page by page. The last page's `@odata.deltaLink` (delta queries)
   * comes with it.
   */
  async *pages<T>(path: string, headers: Record<string, string> = {}): AsyncGenerator<{ value: T[]; deltaLink?: string }> {
    let next: string | undefined = path;
    while (next) {
      const page: { value: T[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string } = await this.get(next, headers);
      next = page['@odata.nextLink'];
      yield { value: page.value, ...(page['@odata.deltaLink'] ? { deltaLink: page['@odata.deltaLink'] } : {}) };
    }
  }

  /**
   * Sends requests in `$batch`es of 20; each answer stands on its own, in the order asked. Inner
   * requests that were throttled (429 or 503, and 504 with a Retry-After) are not retried chunk by
   * chunk: those of all the chunks are collected, and after one wait (the longest Retry-After among
   * them, capped by maxRetryAfterSeconds) sent again together, packed into full `$batch`es, each
   * request at most maxRetries times (then it answers with its last error). A `$batch` that fails
   * as a whole fails each of its requests; it never throws away the answers of the others.
   */
  async batch<T = unknown>(requests: BatchRequest[]): Promise<BatchResult<T>[]> {
    const maxRetries = this.options.maxRetries ?? 5;
    const cap = this.options.maxRetryAfterSeconds ?? 60;
    const results = new Map<string, BatchResult<T>>();
    let pending = requests;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const throttled: BatchRequest[] = [];
      let wait = 0;
      for (let i = 0; i < pending.length; i += BATCH_LIMIT) {
        const chunk = pending.slice(i, i + BATCH_LIMIT);
        let answer: { responses: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[] };
        try {
          answer = await this.post('/$batch', { requests: chunk.map((r) => this.inner(r)) });
        } catch (error) {
          // The whole $batch failed (after the retry handler's tries): each of its requests failed
          // with it, and the answers of the other batches still stand.
          for (const r of chunk) results.set(r.id, { id: r.id, ok: false, error: GraphError.from(error) });
          continue;
        }
        const byId = new Map(chunk.map((r) => [r.id, r]));
        for (const response of answer.responses) {
          const request = byId.get(response.id);
          if (!request) continue;
          byId.delete(response.id);
          if (response.status < 400) {
            results.set(response.id, { id: response.id, ok: true, status: response.status, body: response.body as T });
            continue;
          }
          const error = GraphError.fromBatch(response.status, response.headers, response.body);
          if (isThrottled(error) && attempt < maxRetries) {
            throttled.push(request);
            wait = Math.max(wait, Math.min(error.retryAfterSeconds ?? 2 ** attempt, cap));
          } else {
            results.set(response.id, { id: response.id, ok: false, error });
          }
        }
      }
      if (throttled.length > 0 && wait > 0) await new Promise((r) => setTimeout(r, wait * 1000));
      pending = throttled; // in the order asked, since each round keeps the order of the one before
    }
    return requests.map((r) => results.get(r.id) ?? { id: r.id, ok: false, error: new GraphError(0, 'missing', 'no answer in the batch', undefined, undefined) });
  }

  /** One request as a `$batch` carries it. */
  private inner(r: BatchRequest) {
    return {
      id: r.id,
      method: r.method,
      url: this.relative(r.url).replace(/^\/?/, '/'),
      ...(r.body === undefined ? {} : { body: r.body, headers: { 'Content-Type': 'application/json', ...r.headers } }),
      ...(r.body === undefined && r.headers ? { headers: r.headers } : {}),
    };
  }

  /**
   * Paths relative to the base; absolute links (nextLink, deltaLink) must point at the same base,
   * so that a token is never sent to another host.
   */
  private relative(pathOrUrl: string): string {
    if (!/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
    const url = new URL(pathOrUrl);
    if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname)) {
      throw new GraphError(0, 'foreign_link', `refusing to follow a link outside ${this.base.href}: ${url.origin}`, undefined, undefined);
    }
    return url.pathname.slice(this.base.pathname.length) + url.search;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw GraphError.from(error);
    }
  }
}

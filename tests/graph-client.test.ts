import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphHttp } from '../src/graph/graph-client.ts';
import { GraphError } from '../src/graph/graph-error.ts';

/** A small HTTP stand-in for Graph that records concurrency per mailbox and can fail on demand. */
let server: Server;
let base: string;
const active = new Map<string, number>();
const peak = new Map<string, number>();
const held = new Map<string, (() => void)[]>();
const seenAuth: string[] = [];
let failuresLeft = 0;
let batchPosts = 0;
const batchSizes: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenAuth.push(req.headers.authorization ?? '');
    const url = new URL(req.url!, 'http://x');
    const mailbox = /\/users\/([^/]+)\/calendar/.exec(url.pathname)?.[1];
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.endsWith('/throttled')) {
      if (failuresLeft-- > 0) return send(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '0' });
      return send(200, { ok: true });
    }
    if (url.pathname.endsWith('/broken'))
      return send(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges', innerError: { 'request-id': 'req-123' } } }, { 'request-id': 'req-123' });
    if (url.pathname.endsWith('/paged')) {
      const page = Number(url.searchParams.get('page') ?? '0');
      return send(200, { value: [page], ...(page < 2 ? { '@odata.nextLink': `${base}/paged?page=${page + 1}` } : { '@odata.deltaLink': `${base}/paged?delta=1` }) });
    }
    if (url.pathname.endsWith('/foreign')) return send(200, { value: [], '@odata.nextLink': 'https://evil.example.com/v1.0/steal' });
    if (mailbox) {
      active.set(mailbox, (active.get(mailbox) ?? 0) + 1);
      peak.set(mailbox, Math.max(peak.get(mailbox) ?? 0, active.get(mailbox)!));
      // Answers wait until four are in flight for this mailbox (or a second has passed), so the
      // peak shows the limiter's cap however slowly a loaded machine sends them.
      const answer = () => {
        active.set(mailbox, active.get(mailbox)! - 1);
        send(200, { value: [] });
      };
      const waiting = [...(held.get(mailbox) ?? []), answer];
      held.set(mailbox, waiting);
      const releaseAll = () => {
        held.set(mailbox, []);
        for (const release of waiting) release();
      };
      if (active.get(mailbox)! >= 4) setTimeout(releaseAll, 20);
      else setTimeout(() => held.get(mailbox) === waiting && releaseAll(), 1_000);
      return;
    }
    if (url.pathname.endsWith('/$batch')) {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const { requests } = JSON.parse(raw) as { requests: { id: string; url: string }[] };
        batchPosts++;
        batchSizes.push(requests.length);
        const busy = (id: string, status: number, code: string, headers: Record<string, string> = {}) => ({ id, status, headers, body: { error: { code, message: 'x' } } });
        send(200, {
          responses: requests.map((r) =>
            r.url.includes('/always-throttled')
              ? busy(r.id, 429, 'TooManyRequests', { 'Retry-After': '0' })
              : r.url.includes('/unavailable') && failuresLeft-- > 0
                ? busy(r.id, 503, 'ServiceUnavailable', { 'Retry-After': '0' })
                : r.url.includes('/timeout-later') && failuresLeft-- > 0
                  ? busy(r.id, 504, 'GatewayTimeout', { 'Retry-After': '0' })
                  : r.url.includes('/gateway-timeout')
                    ? busy(r.id, 504, 'GatewayTimeout')
                    : r.url.includes('throttle') && failuresLeft-- > 0
                      ? busy(r.id, 429, 'TooManyRequests', { 'Retry-After': '0' })
                      : { id: r.id, status: 200, body: { echo: r.url } },
          ),
        });
      });
      return;
    }
    send(404, { error: { code: 'Request_ResourceNotFound', message: 'nope' } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (overrides: Partial<ConstructorParameters<typeof GraphHttp>[0]> = {}) => new GraphHttp({ baseUrl: base, token: async () => 'tok', maxRetryAfterSeconds: 1, ...overrides });

describe('Graph client', () => {
  it('sends the bearer token on every request', async () => {
    seenAuth.length = 0;
    await client().get('/throttled');
    expect(seenAuth).toEqual(['Bearer tok']);
  });

  it('retries 429 honouring Retry-After, then succeeds', async () => {
    failuresLeft = 3;
    expect(await client().get('/throttled')).toEqual({ ok: true });
  });

  it('gives up after the retry limit with a GraphError that keeps the status', async () => {
    failuresLeft = 10;
    const error = await client({ maxRetries: 2 })
      .get('/throttled')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).httpStatus).toBe(429);
    expect((error as GraphError).code).toBe('graph_throttled');
    failuresLeft = 0;
  });

  it('keeps the status, Graph’s code and the request id of a failure', async () => {
    const error = (await client()
      .get('/broken')
      .catch((e: unknown) => e)) as GraphError;
    expect(error).toMatchObject({ httpStatus: 403, graphCode: 'Authorization_RequestDenied', requestId: 'req-123', code: 'graph_error', expose: false });
  });

  it('follows @odata.nextLink to the deltaLink', async () => {
    const pages = [];
    for await (const p of client().pages<number>('/paged')) pages.push(p);
    expect(pages.map((p) => p.value[0])).toEqual([0, 1, 2]);
    expect(pages.at(-1)!.deltaLink).toBe(`${base}/paged?delta=1`);
  });

  it('refuses to follow a link to another host (the token never leaves)', async () => {
    const run = async () => {
      for await (const _ of client().pages('/foreign')) void _;
    };
    await expect(run()).rejects.toMatchObject({ graphCode: 'foreign_link' });
  });

  it('never has more than 4 requests in flight per mailbox', async () => {
    const c = client();
    await Promise.all([...Array.from({ length: 12 }, () => c.post('/users/anna/calendar/getSchedule', {})), ...Array.from({ length: 12 }, () => c.post('/users/ben/calendar/getSchedule', {}))]);
    expect(peak.get('anna')).toBe(4);
    expect(peak.get('ben')).toBe(4);
  });

  it('batches by 20 and retries only the inner requests that were throttled', async () => {
    failuresLeft = 3;
    const requests = Array.from({ length: 45 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: i % 10 === 0 ? `/throttle/${i}` : `/users/${i}` }));
    const results = await client().batch<{ echo: string }>(requests);
    expect(results).toHaveLength(45);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => (r.ok ? r.body.echo : ''))[10]).toBe('/throttle/10');
  });

  it('sends the throttled requests of all chunks again together, in full batches, after one wait: 100 with 10 throttled take 5 + 1 $batch requests', async () => {
    failuresLeft = 10;
    batchPosts = 0;
    batchSizes.length = 0;
    const requests = Array.from({ length: 100 }, (_, i) => ({ id: `r${i}`, method: 'GET' as const, url: i % 10 === 3 ? `/throttle/${i}` : `/users/${i}` }));
    const results = await client().batch<{ echo: string }>(requests);
    expect(batchPosts).toBe(6);
    expect(batchSizes).toEqual([20, 20, 20, 20, 20, 10]);
    expect(results.map((r) => r.id)).toEqual(requests.map((r) => r.id));
    expect(results.map((r) => (r.ok ? r.body.echo : r.error.message))).toEqual(requests.map((r) => r.url));
  });

  it('packs the retries of many chunks into full batches of 20', async () => {
    failuresLeft = 30;
    batchPosts = 0;
    batchSizes.length = 0;
    const requests = Array.from({ length: 100 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: i % 10 < 3 ? `/throttle/${i}` : `/users/${i}` }));
    const results = await client().batch<{ echo: string }>(requests);
    expect(batchSizes).toEqual([20, 20, 20, 20, 20, 20, 10]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => (r.ok ? r.body.echo : ''))).toEqual(requests.map((r) => r.url));
  });

  it('answers a request throttled past the retry limit with its error, the others with theirs, in order', async () => {
    failuresLeft = 0;
    batchPosts = 0;
    const requests = [
      { id: 'a', method: 'GET' as const, url: '/users/a' },
      { id: 'b', method: 'GET' as const, url: '/always-throttled' },
      { id: 'c', method: 'GET' as const, url: '/users/c' },
      ...Array.from({ length: 25 }, (_, i) => ({ id: `n${i}`, method: 'GET' as const, url: `/users/n${i}` })),
    ];
    const results = await client({ maxRetries: 2 }).batch<{ echo: string }>(requests);
    expect(batchPosts).toBe(2 + 2); // two batches, then the one request twice more
    expect(results.map((r) => r.id)).toEqual(requests.map((r) => r.id));
    const b = results[1]!;
    expect(b.ok).toBe(false);
    expect(!b.ok && b.error).toBeInstanceOf(GraphError);
    expect(!b.ok && b.error).toMatchObject({ httpStatus: 429, code: 'graph_throttled', graphCode: 'TooManyRequests' });
    expect(results.filter((r) => r.ok)).toHaveLength(27);
  });

  it('retries 503s, and 504s that carry a Retry-After; a 504 without one is an answer', async () => {
    failuresLeft = 2;
    batchPosts = 0;
    const requests = [
      { id: 'u', method: 'GET' as const, url: '/unavailable' },
      { id: 't', method: 'GET' as const, url: '/timeout-later' },
      { id: 'x', method: 'GET' as const, url: '/gateway-timeout' },
    ];
    const results = await client().batch<{ echo: string }>(requests);
    expect(batchPosts).toBe(2);
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]).toMatchObject({ id: 'x', ok: false, error: { httpStatus: 504, graphCode: 'GatewayTimeout' } });
  });

  it('waits the longest Retry-After once per round, capped, not once per chunk', async () => {
    failuresLeft = 0;
    batchPosts = 0;
    // Every chunk has a request that always answers 429 with Retry-After 0; with the cap at 1 s and one retry, one wait for all.
    const requests = Array.from({ length: 60 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: i % 20 === 0 ? `/always-throttled/${i}` : `/users/${i}` }));
    const t0 = Date.now();
    const results = await client({ maxRetries: 1 }).batch(requests);
    expect(Date.now() - t0).toBeLessThan(900);
    expect(batchPosts).toBe(3 + 1);
    expect(results.filter((r) => !r.ok).map((r) => r.id)).toEqual(['0', '20', '40']);
  });
});

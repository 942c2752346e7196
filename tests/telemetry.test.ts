// Telemetry as Application Insights would receive it: the real set-up (startTelemetry, the Azure
// Monitor distro) with an in-memory exporter beside Azure Monitor's, around a manager approval
// walked through the sandbox. What is exported must carry no token and no personal data.
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../src/config/config.ts';
import type { Flipside } from '../src/server/compose.ts';
import { createLogger } from '../src/server/logger.ts';
import { SERVICE_NAME, startTelemetry } from '../src/server/telemetry.ts';
import { apiFor } from './support/api.ts';
import { deliverAll, startTestFlipside } from './support/flipside.ts';
import { mentorEnrollment } from './support/programs.ts';

const exporter = new InMemorySpanExporter();
// A stand-in for Application Insights' ingestion endpoint, so that Azure Monitor's exporter has somewhere to send.
const ingested: string[] = [];
const ingestion = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString();
    ingested.push(text);
    const items = text.split('\n').filter(Boolean).length;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ itemsReceived: items, itemsAccepted: items, errors: [] }));
  });
});
await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', resolve));
const telemetry = startTelemetry({
  connectionString: `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=http://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`,
  spanProcessors: [new SimpleSpanProcessor(exporter)],
  tracesPerSecond: 0,
});

const GOAL = 'Teach my manager to run a Copilot demo by March';
let f: Flipside;
let logged = '';
let secrets: string[];
let tokenSeen: string;

beforeAll(async () => {
  const sink = new Writable({ write: (chunk: Buffer, _e, done) => ((logged += chunk.toString()), done()) });
  f = await startTestFlipside({ jobs: true, log: createLogger('debug', sink) });
  const api = apiFor(f);
  const org = f.sandbox!.tenant.org;
  const employee = org.people.find((p) => p.level >= 3 && p.managerId && p.accountEnabled && org.byId.get(p.managerId)?.accountEnabled && p.id !== org.personas.changesManager)!;
  const manager = org.byId.get(employee.managerId!)!;
  const template = await api.ok(org.personas.hrAdmin, 'GET', '/programs/template');
  const program = await api.ok(org.personas.hrAdmin, 'POST', '/programs', template);
  await api.ok(employee.id, 'POST', `/programs/${program.id}/enrollments`, mentorEnrollment({ goals: [GOAL] }));
  await deliverAll(f);
  tokenSeen = await f.tokens.appToken();
  // What would identify a person, or let someone act as Flipside.
  secrets = [employee, manager, org.byId.get(org.personas.hrAdmin)!].flatMap((p) => [p.id, p.displayName, p.mail, p.userPrincipalName]);
  secrets.push(GOAL, SANDBOX.clientSecret, tokenSeen.slice(0, 40));
}, 180_000);
afterAll(async () => {
  await f?.close();
  await telemetry.stop();
  ingestion.close();
});

const spans = () => exporter.getFinishedSpans();
const exported = (s: ReadableSpan) => JSON.stringify({ name: s.name, attributes: s.attributes, events: s.events, status: s.status, links: s.links });

describe('telemetry (APPLICATIONINSIGHTS_CONNECTION_STRING set)', () => {
  it('has incoming requests by route, Graph calls and Bot Connector sends as dependencies, and jobs as spans', async () => {
    // The outbox job (every 500 ms) delivers the approval card; the directory sync runs at start.
    for (const name of ['job sync-directory', 'Bot Connector send']) await expect.poll(() => spans().some((s) => s.name === name), { timeout: 60_000 }).toBe(true);
    const names = (kind: SpanKind) =>
      new Set(
        spans()
          .filter((s) => s.kind === kind)
          .map((s) => s.name),
      );
    expect(names(SpanKind.SERVER)).toContain('POST /api/programs/:id/enrollments');
    expect(names(SpanKind.CLIENT)).toContain('Graph POST');
    expect(names(SpanKind.CLIENT)).toContain('Bot Connector send');
    expect(names(SpanKind.INTERNAL)).toContain('job sync-directory');
    const install = spans().find((s) => s.name === 'Graph POST' && String(s.attributes['url.full']).endsWith('/teamwork/installedApps'))!;
    expect(install.attributes).toMatchObject({ 'http.request.method': 'POST', 'flipside.dependency': 'Microsoft Graph', 'http.response.status_code': 201 });
    expect(install.attributes['url.full']).toMatch(/\/users\/\{id\}\/teamwork\/installedApps$/);
    const send = spans().find((s) => s.name === 'Bot Connector send')!;
    expect(send.attributes['url.full']).toMatch(/\/v3\/conversations\/\{id\}\/activities$/);
  });

  it('exports no token, no secret and nothing that names or identifies a person', () => {
    expect(spans().length).toBeGreaterThan(10);
    for (const span of spans()) {
      const text = exported(span);
      for (const secret of secrets) expect(text, span.name).not.toContain(secret);
      expect(text, span.name).not.toMatch(/Bearer|eyJ[A-Za-z0-9_-]{10,}|\$filter|authorization/i);
    }
  });

  // Azure Monitor's exporter makes the resource's service.name the cloud role name (ai.cloud.role).
  it('names the service flipside (Application Insights’ cloud role) through the distro’s resource, not the environment', () => {
    expect(process.env.OTEL_SERVICE_NAME).toBeUndefined();
    for (const span of spans()) expect(span.resource.attributes['service.name'], span.name).toBe(SERVICE_NAME);
    // The SDK's own resource attributes are still there beside it.
    expect(spans()[0]!.resource.attributes['telemetry.sdk.language']).toBe('nodejs');
  });

  it('puts the trace id on the log lines written inside a span', () => {
    const traceIds = new Set(spans().map((s) => s.spanContext().traceId));
    const lines = logged
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg: string; trace_id?: string; span_id?: string });
    const requestLines = lines.filter((l) => l.msg === 'request');
    expect(requestLines.length).toBeGreaterThan(0);
    for (const line of requestLines) expect(traceIds.has(line.trace_id ?? '')).toBe(true);
    // A job's lines too: the sync's (the one the worker ran, not the test's own syncNow).
    const synced = lines.find((l) => l.msg === 'directory synced' && (l as { job?: string }).job === 'sync-directory');
    expect(traceIds.has(synced?.trace_id ?? '')).toBe(true);
  });
});

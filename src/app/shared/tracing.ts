import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * Flipside's spans, through the OpenTelemetry API (a no-op until a tracer provider is registered:
 * `server/telemetry.ts` does that only when APPLICATIONINSIGHTS_CONNECTION_STRING is set).
 * Spans carry no token and no personal data: no person's id, name or address, no message text,
 * no query strings; URLs are kept as templates with every id replaced by `{id}`.
 */
const tracer = () => trace.getTracer('flipside');

export { SpanKind, SpanStatusCode };

/** Runs `fn` inside a span (the active one for whatever it starts); records a failure and rethrows it. */
export async function withSpan<T>(name: string, kind: SpanKind, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorKind(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span started now and ended by the caller, as the active span of `fn` (incoming HTTP requests). */
export function startSpan<T>(name: string, kind: SpanKind, attributes: Attributes, fn: (span: Span) => T): T {
  const span = tracer().startSpan(name, { kind, attributes });
  return context.with(trace.setSpan(context.active(), span), () => fn(span));
}

/** The ids of the active span, for log lines (undefined outside one, or with telemetry off). */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  if (!ctx || !trace.isSpanContextValid(ctx)) return undefined;
  return { trace_id: ctx.traceId, span_id: ctx.spanId };
}

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[^/]*[@:=%][^/]*|[A-Za-z0-9_-]{20,})$/i;

/**
 * A URL as telemetry may keep it: scheme, host and path with every segment that looks like an id
 * (GUIDs, numbers, Teams conversation ids, e-mail addresses, base64 ids) replaced by `{id}`, and
 * no query string (a `$filter` can hold a join URL or an address).
 */
export function urlTemplate(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '{unparsable}';
  }
  const path = parsed.pathname
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .map((segment) => (segment && ID_SEGMENT.test(segment) ? '{id}' : segment.replace(/\('[^']*'\)/g, "('{id}')")))
    .join('/');
  return `${parsed.protocol}//${parsed.host}${path}`;
}

/** The attributes of an outgoing HTTP call (an Application Insights dependency), from its URL template. */
export function dependencyAttributes(method: string, url: string, system: string): Attributes {
  const template = urlTemplate(url);
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    host = '';
  }
  return { 'http.request.method': method, 'url.full': template, 'server.address': host, 'flipside.dependency': system };
}

/** A failure as a span may say it: the error's type and code, never its message (which can quote data). */
function errorKind(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name}: ${code}` : error.name;
  }
  return 'error';
}

import { GraphError as LibraryGraphError } from '@microsoft/microsoft-graph-client';
import { AppError } from '../app/shared/errors.ts';

/** A failed Graph request, keeping what is needed to act on it and to ask Microsoft about it. */
export class GraphError extends AppError {
  constructor(
    readonly httpStatus: number,
    readonly graphCode: string,
    message: string,
    readonly requestId: string | undefined,
    readonly retryAfterSeconds: number | undefined,
    cause?: unknown,
  ) {
    super(httpStatus === 429 ? 'graph_throttled' : 'graph_error', `Microsoft Graph answered ${httpStatus} ${graphCode}: ${message}`, { expose: false, cause });
    this.name = 'GraphError';
  }

  /** Converts what the Graph client throws, or a `$batch` inner response, into a GraphError. */
  static from(error: unknown): GraphError {
    if (error instanceof GraphError) return error;
    if (error instanceof LibraryGraphError) {
      const retryAfter = error.headers?.get('Retry-After');
      return new GraphError(error.statusCode, error.code ?? 'unknown', error.message, error.requestId ?? undefined, retryAfter ? Number(retryAfter) : undefined, error);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new GraphError(0, 'network', message, undefined, undefined, error);
  }

  static fromBatch(status: number, headers: Record<string, string> | undefined, body: unknown): GraphError {
    const err = (body as { error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } } } | undefined)?.error;
    const retryAfter = headers?.['Retry-After'] ?? headers?.['retry-after'];
    return new GraphError(status, err?.code ?? 'unknown', err?.message ?? `status ${status}`, err?.innerError?.['request-id'], retryAfter ? Number(retryAfter) : undefined);
  }
}

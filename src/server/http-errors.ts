import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { AppError } from '../app/shared/errors.ts';
import type { ApiError } from '../contracts/api.ts';
import type { Logger } from './logger.ts';

/**
 * The one place HTTP errors are made: AppErrors keep their status and code; validation errors
 * name the field; anything else becomes a generic 500 with a correlation id, logged once here.
 */
export function errorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const correlationId = randomUUID();
    const send = (status: number, body: ApiError['error']) => res.status(status).json({ error: body } satisfies ApiError);
    if (error instanceof AppError) {
      if (error.status >= 500) log.error({ err: error, correlationId, path: req.path }, 'request failed');
      else log.info({ code: error.code, field: error.field, correlationId, path: req.path }, error.message);
      return send(error.status, {
        code: error.code,
        message: error.expose ? error.message : 'Something went wrong on our side. Quote the correlation id if you contact support.',
        ...(error.field ? { field: error.field } : {}),
        correlationId,
      });
    }
    if (error instanceof ZodError) {
      const first = error.issues[0];
      return send(400, { code: 'bad_request', message: first?.message ?? 'Invalid request.', field: first?.path.join('.') || undefined, correlationId });
    }
    const bodyError = error as { type?: string; status?: number; message?: string };
    if (bodyError.type === 'entity.parse.failed' || bodyError.type === 'entity.too.large') {
      return send(bodyError.status ?? 400, {
        code: 'bad_request',
        message: bodyError.type === 'entity.too.large' ? 'The request body is too large.' : 'The request body is not valid JSON.',
        field: 'body',
        correlationId,
      });
    }
    log.error({ err: error, correlationId, path: req.path }, 'unexpected error');
    return send(500, { code: 'internal', message: 'Something went wrong on our side. Quote the correlation id if you contact support.', correlationId });
  };
}

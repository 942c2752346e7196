import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../app/shared/errors.ts';
import type { ApiError } from '../contracts/api.ts';
import type { Logger } from './logger.ts';

const GENERIC = 'Something went wrong on our side. Quote the correlation id if you contact support.';

/**
 * The one place HTTP errors are made: AppErrors keep their status and code; validation errors
 * name the field; anything else becomes a generic 500 with a correlation id, logged once here
 * (the request's own faults at info, ours at error).
 */
export function errorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const correlationId = randomUUID();
    const known = asAppError(error);
    if (!known || known.status >= 500) log.error({ err: error, correlationId, path: req.path }, known ? 'request failed' : 'unexpected error');
    else log.info({ code: known.code, field: known.field, correlationId, path: req.path }, known.message);
    // Too late for an answer of ours (botbuilder may have started one): Express closes the connection.
    if (res.headersSent) return next(error);
    const body: ApiError['error'] = known
      ? { code: known.code, message: known.expose ? known.message : GENERIC, ...(known.field ? { field: known.field } : {}), correlationId }
      : { code: 'internal', message: GENERIC, correlationId };
    return res.status(known?.status ?? 500).json({ error: body } satisfies ApiError);
  };
}

/** The error as an AppError when it is one or says what was wrong with the request; undefined for the unexpected. */
function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  // zod's full build and zod/mini (the contracts') both throw a $ZodError.
  if (error instanceof z.core.$ZodError) {
    const first = error.issues[0];
    return new AppError('bad_request', first?.message ?? 'Invalid request.', { field: first?.path.join('.') || undefined, cause: error });
  }
  // The router could not percent-decode a path parameter (`/api/people/%E0%A4%A`): the request's fault.
  if (error instanceof URIError && (error as { status?: unknown }).status === 400) {
    return new AppError('bad_request', 'The path is not valid percent-encoding.', { field: 'path', cause: error });
  }
  return undefined;
}

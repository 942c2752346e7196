import express, { type Request, type Response } from 'express';
import type { Clock } from '../app/shared/clock.ts';
import type { Store } from '../app/store.ts';
import { acceptNotifications } from '../app/sessions/outlook.ts';
import { jsonBody } from './http.ts';
import type { Logger } from './logger.ts';

/** Graph's validation tokens are short opaque strings; anything longer is not Graph. */
const MAX_TOKEN = 1024;

/**
 * Where Graph posts change and lifecycle notifications for organizers' calendars. No bearer token
 * comes with them: each notification is checked against its subscription's clientState instead.
 * Creating a subscription, Graph first posts `?validationToken=…`, answered with the token as
 * text/plain. The answer is 202 at once; the work is marked for the jobs (`kick`).
 */
export function notificationsRouter(deps: { store: Store; clock: Clock; kick: () => void; log: Logger }): express.Router {
  const router = express.Router();
  const body = jsonBody('1mb');
  // The validation request comes as text/plain (or with no body): answer it before reading any JSON.
  const validation = (req: Request, res: Response, next: express.NextFunction) => {
    const token = req.query.validationToken;
    if (token === undefined) return next();
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN)
      return void res.status(400).json({ error: { code: 'bad_request', field: 'validationToken', message: 'validationToken must be one short string' } });
    res.status(200).type('text/plain').send(token);
  };
  const handle = async (req: Request, res: Response) => {
    const result = await acceptNotifications(deps, req.body);
    if (!result.ok) return void res.status(400).json({ error: { code: 'bad_request', field: result.field, message: result.message } });
    if (result.rejected > 0) deps.log.warn({ rejected: result.rejected }, 'Graph notifications with an unknown subscription or a wrong clientState were ignored');
    if (result.accepted > 0) deps.kick();
    res.status(202).end();
  };
  router.post(['/notifications', '/lifecycle'], validation, body, (req, res, next) => void handle(req, res).catch(next));
  return router;
}

import express, { type NextFunction, type Request, type Response } from 'express';
import { connectorError, type ConnectorAnswer, type SandboxBotConnector } from './connector.ts';
import { MAX_ACTIVITY_BYTES } from './validate.ts';

function answer(res: Response, a: ConnectorAnswer): void {
  for (const [k, v] of Object.entries(a.headers ?? {})) res.setHeader(k, v);
  if (a.body === undefined) res.status(a.status).end();
  else res.status(a.status).json(a.body);
}

const param = (req: Request, name: string) => String(req.params[name] ?? '');

/**
 * The Bot Connector v3 REST API (the routes of shared/reference/bot/bot-connector-api-v3.swagger.json
 * that Teams bots use), answering with the connector's `{ error: { code, message } }` on failure.
 * Like the sandbox Graph it takes no token: the bot sends none in sandbox mode.
 */
export function restRouter(connector: SandboxBotConnector): express.Router {
  const router = express.Router();
  // Room above Teams' message limit, so that an oversized activity gets Teams' 413 rather than the parser's.
  router.use(express.json({ limit: MAX_ACTIVITY_BYTES * 4, type: ['application/json', 'text/json', 'application/*+json'] }));
  // A slow service, when asked (control: connectorDelayMs): the request waits before it is answered.
  router.use((_req, _res, next) => {
    const delay = connector.faults.delayMs ?? 0;
    if (delay <= 0) return next();
    connector.counters.held++;
    setTimeout(next, delay);
  });

  router.post('/v3/conversations', (req, res) => answer(res, connector.createConversation(req.body)));
  router.get('/v3/conversations', (_req, res) => {
    const conversations = [...connector.conversations.values()].map((c) => ({ id: c.id, members: c.memberIds.map((m) => ({ id: `29:${m}` })) }));
    answer(res, connector.admit(undefined, false) ?? { status: 200, body: { conversations } });
  });
  router.post('/v3/conversations/:conversationId/activities', (req, res) => answer(res, connector.sendToConversation(param(req, 'conversationId'), req.body, null)));
  router.post('/v3/conversations/:conversationId/activities/:activityId', (req, res) => answer(res, connector.sendToConversation(param(req, 'conversationId'), req.body, param(req, 'activityId'))));
  router.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => answer(res, connector.updateActivity(param(req, 'conversationId'), param(req, 'activityId'), req.body)));
  router.delete('/v3/conversations/:conversationId/activities/:activityId', (req, res) => answer(res, connector.deleteActivity(param(req, 'conversationId'), param(req, 'activityId'))));
  router.get('/v3/conversations/:conversationId/members', (req, res) => answer(res, connector.members(param(req, 'conversationId'))));
  router.get('/v3/conversations/:conversationId/members/:memberId', (req, res) => answer(res, connector.member(param(req, 'conversationId'), param(req, 'memberId'))));
  router.get('/v3/conversations/:conversationId/pagedmembers', (req, res) => {
    const size = req.query.pageSize === undefined ? undefined : Number(req.query.pageSize);
    if (size !== undefined && (!Number.isInteger(size) || size < 1)) return answer(res, connectorError(400, 'BadArgument', 'pageSize must be a positive integer.'));
    const token = typeof req.query.continuationToken === 'string' && req.query.continuationToken !== '' ? req.query.continuationToken : undefined;
    answer(res, connector.pagedMembers(param(req, 'conversationId'), size, token));
  });

  router.use((req, res) => answer(res, connectorError(404, 'NotFound', `The Bot Connector has no ${req.method} ${req.path}.`)));
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const e = error as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') return answer(res, connectorError(413, 'MessageSizeTooBig', 'The activity is too large.'));
    if (e.type === 'entity.parse.failed') return answer(res, connectorError(400, 'BadSyntax', `The body is not valid JSON: ${e.message ?? ''}`));
    return next(error);
  });
  return router;
}

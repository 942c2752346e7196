import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import { actionRequest, conversationsQuery, refreshRequest, sendMessageRequest, type ActionResponse, type ApiError, type ConversationsResponse, type SendMessageResponse } from './chat-contract.ts';
import { ConnectorUsageError, type InvokeOutcome, type SandboxBotConnector } from './connector.ts';

/** Where `vite build --config vite.chat.config.ts` puts the chat view. */
export const CHAT_DIR = fileURLToPath(new URL('../../../dist/chat/', import.meta.url));

function fail(res: Response, status: number, code: string, message: string, field?: string): void {
  const body: ApiError = { error: { code, ...(field ? { field } : {}), message } };
  res.status(status).json(body);
}

/** Parses with zod; on failure answers 400 with the first problem's field and message. */
function parse<S extends z.ZodType>(schema: S, input: unknown, res: Response): z.infer<S> | undefined {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  fail(res, 400, 'invalid_request', issue.message, issue.path.join('.') || 'body');
  return undefined;
}

function actionResponse(o: InvokeOutcome): ActionResponse {
  return {
    botStatus: o.status,
    invokeResponse: o.body ?? null,
    ...(o.card ? { card: o.card } : {}),
    ...(o.message !== undefined ? { message: o.message } : {}),
    ...(o.error ? { error: o.error } : {}),
  };
}

/**
 * The sandbox's stand-in for the Teams chat client, mounted at /sandbox/chat: the page (from
 * dist/chat) and its JSON API under /api. Every request is checked; bad input gets 400
 * `{ error: { code, field, message } }`.
 */
/**
 * `humans`: whoever the chat view is used as is a person trying Flipside, so the sandbox's
 * responder ("the others respond") leaves their cards to them.
 */
export function chatRouter(connector: SandboxBotConnector, dir = CHAT_DIR, humans?: Set<string>): express.Router {
  const router = express.Router();
  const api = express.Router();
  api.use(express.json({ limit: '64kb' }));

  api.get('/conversations', (req, res) => {
    const q = parse(conversationsQuery, req.query, res);
    if (!q) return;
    const person = connector.tenant.org.byId.get(q.userId);
    if (!person) return fail(res, 400, 'unknown_person', 'Pick a person from the sandbox organisation.', 'userId');
    humans?.add(person.id);
    const body: ConversationsResponse = {
      person: { id: person.id, displayName: person.displayName, jobTitle: person.jobTitle },
      conversations: connector.viewFor(person.id),
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  api.post('/messages', async (req, res, next) => {
    const b = parse(sendMessageRequest, req.body, res);
    if (!b) return;
    try {
      const sent = await connector.sendMessage(b.userId, b.conversationId, b.text);
      const body: SendMessageResponse = { activityId: sent.activityId, botStatus: sent.status };
      res.status(201).json(body);
    } catch (error) {
      next(error);
    }
  });

  api.post('/actions', async (req, res, next) => {
    const b = parse(actionRequest, req.body, res);
    if (!b) return;
    try {
      const action = { verb: b.action.verb, ...(b.action.data ? { data: b.action.data } : {}), ...(b.action.id ? { id: b.action.id } : {}) };
      res.json(actionResponse(await connector.invoke(b.userId, b.conversationId, b.activityId, action, 'manual')));
    } catch (error) {
      next(error);
    }
  });

  api.post('/refresh', async (req, res, next) => {
    const b = parse(refreshRequest, req.body, res);
    if (!b) return;
    try {
      res.json(actionResponse(await connector.refresh(b.userId, b.conversationId, b.activityId)));
    } catch (error) {
      next(error);
    }
  });

  api.use((req, res) => fail(res, 404, 'not_found', `The chat view API has no ${req.method} ${req.path}.`));
  api.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof ConnectorUsageError) return fail(res, error.status, error.code, error.message, error.field);
    const e = error as { type?: string };
    if (e.type === 'entity.parse.failed') return fail(res, 400, 'invalid_json', 'The body is not valid JSON.', 'body');
    if (e.type === 'entity.too.large') return fail(res, 413, 'too_large', 'The request is too large.', 'body');
    return next(error);
  });

  router.use('/api', api);
  if (existsSync(dir)) {
    router.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
    router.get('/', (_req, res) => res.sendFile('index.html', { root: dir }));
  } else {
    router.get('/', (_req, res) => res.status(503).type('text').send('The chat view is not built: run `npm run build:chat`.'));
  }
  return router;
}

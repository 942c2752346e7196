import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { SandboxBotConnector } from './connector/connector.ts';
import { skipTimeSchema } from '../contracts/sessions.ts';
import type { SandboxTenant } from './graph/tenant.ts';
import type { SandboxResponder } from './responder.ts';
import { CohortError, cohortRequestSchema, type SandboxCohort } from './cohort.ts';
import type { TimeControl } from './time-control.ts';

const faultsSchema = z.object({
  graphThrottleRate: z.number().min(0).max(1).optional(),
  graphFailRate: z.number().min(0).max(1).optional(),
  graphLostAnswerRate: z.number().min(0).max(1).optional(),
  connectorThrottleRate: z.number().min(0).max(1).optional(),
  connectorDelayMs: z.number().int().min(0).max(30_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(120).optional(),
});

const othersRespondSchema = z.object({ on: z.boolean() });

/**
 * The sandbox's control panel, for demos and exploration: inject faults, move the persona who
 * changes manager, read the request counters, move time forward. Sandbox mode only, like the rest of /sandbox.
 */
export function controlRouter(tenant: SandboxTenant, connector: SandboxBotConnector, time: TimeControl, responder?: SandboxResponder, cohort?: SandboxCohort): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '4kb' }));

  router.get('/', (_req: Request, res: Response) => {
    res.json({
      graph: { faults: tenant.faults, counters: { ...tenant.counters, byRoute: Object.fromEntries(tenant.counters.byRoute) } },
      connector: { faults: connector.faults, counters: connector.counters },
      personas: tenant.org.personas,
      othersRespond: responder?.on ?? false,
      ...(responder ? { responder: responder.counters } : {}),
    });
  });

  /** The people nobody signed in as answer their own cards ({"on": true}), or stop ({"on": false}). */
  router.post('/others-respond', (req: Request, res: Response) => {
    const parsed = othersRespondSchema.safeParse(req.body ?? {});
    if (!parsed.success) return res.status(400).json({ error: { code: 'bad_request', field: 'on', message: 'on must be true or false' } });
    if (!responder) return res.status(503).json({ error: { code: 'unavailable', message: 'This sandbox has no responder.' } });
    responder.setOn(parsed.data.on);
    res.json({ othersRespond: responder.on });
  });

  router.post('/faults', (req: Request, res: Response) => {
    const parsed = faultsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return res.status(400).json({ error: { code: 'bad_request', field: issue.path.join('.'), message: issue.message } });
    }
    const f = parsed.data;
    if (f.graphThrottleRate !== undefined) tenant.faults.throttleRate = f.graphThrottleRate;
    if (f.graphFailRate !== undefined) tenant.faults.failRate = f.graphFailRate;
    if (f.graphLostAnswerRate !== undefined) tenant.faults.lostAnswerRate = f.graphLostAnswerRate;
    if (f.connectorThrottleRate !== undefined) connector.faults.throttleRate = f.connectorThrottleRate;
    if (f.connectorDelayMs !== undefined) connector.faults.delayMs = f.connectorDelayMs;
    if (f.retryAfterSeconds !== undefined) {
      tenant.faults.retryAfterSeconds = f.retryAfterSeconds;
      connector.faults.retryAfterSeconds = f.retryAfterSeconds;
    }
    res.json({ graph: tenant.faults, connector: connector.faults });
  });

  const notReady = (res: Response) => res.status(503).json({ error: { code: 'unavailable', message: 'Sandbox time can be moved once Flipside’s jobs have started.' } });

  router.get('/time', async (_req: Request, res: Response) => {
    const status = await time.status();
    if (!status) return notReady(res);
    res.json(status);
  });

  /** Moves the sandbox's clock forward, running every job that falls due on the way. */
  router.post('/time/skip', async (req: Request, res: Response) => {
    const parsed = skipTimeSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return res.status(400).json({ error: { code: 'bad_request', field: issue.path.join('.') || 'to', message: 'to must be "next-session", "day" or "week"' } });
    }
    const moved = await time.skip(parsed.data.to);
    if (!moved) return notReady(res);
    res.json(moved);
  });

  /** Where "Try it with a full cohort" stands (idle before the first). */
  router.get('/cohort', async (_req: Request, res: Response) => {
    if (!cohort) return res.status(503).json({ error: { code: 'unavailable', message: 'This sandbox has no cohort.' } });
    res.json(await cohort.read());
  });

  /**
   * "Try it with a full cohort" ({"programId"?, "size"?: 10–400, default 120}): invites the sandbox
   * people as the caller (the tab's bearer token; without one, the HR persona) and has them answer.
   */
  router.post('/cohort', async (req: Request, res: Response) => {
    const parsed = cohortRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return res.status(400).json({ error: { code: 'bad_request', field: issue.path.join('.') || 'size', message: issue.message } });
    }
    if (!cohort) return res.status(503).json({ error: { code: 'unavailable', message: 'This sandbox has no cohort.' } });
    try {
      res.status(202).json(await cohort.start(parsed.data, req.headers.authorization));
    } catch (error) {
      if (!(error instanceof CohortError)) throw error;
      res.status(error.status).json({ error: { code: error.code, message: error.message } });
    }
  });

  router.post('/personas/changes-manager/move', (_req: Request, res: Response) => {
    res.json(tenant.movePersonaToNewManager());
  });

  return router;
}

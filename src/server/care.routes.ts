import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { pausePair, resumePair } from '../app/care/pause.ts';
import { decideFitCheck } from '../app/care/fit-check.ts';
import type { CareDeps } from '../app/care/context.ts';
import { closePair } from '../app/care/stalls.ts';
import { myCare, programCare, saveCareSettings } from '../app/care/view.ts';
import type { Actor } from '../app/shared/actor.ts';
import { AppError } from '../app/shared/errors.ts';
import { careSettingsSchema, closeInputSchema, fitDecisionSchema, pauseInputSchema } from '../contracts/care.ts';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an id (GUID)');
function idParam(req: Request, name: string): string {
  const id = guid.safeParse(req.params[name]);
  if (!id.success) throw new AppError('bad_request', `${name}: ${id.error.issues[0]!.message}`, { field: name });
  return id.data;
}

/**
 * The care loop's API, mounted inside the authenticated API router (req.actor is set). HR's routes
 * need Program.Admin; pause / resume only the pair's own two.
 */
export function careRoutes(deps: CareDeps & { kick: () => void }): express.Router {
  const router = express.Router();
  const route = (handler: (req: Request & { actor: Actor }) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
    handler(req as Request & { actor: Actor }).then((body) => {
      deps.kick();
      res.json(body);
    }, next);
  };
  const admin = (actor: Actor) => {
    if (!actor.isProgramAdmin) throw new AppError('forbidden', 'Only program admins (the Program.Admin role) can do this.');
  };

  router.get(
    '/programs/:id/care',
    route(async (req) => programCare(deps, req.actor, idParam(req, 'id'))),
  );
  router.put(
    '/programs/:id/care/settings',
    route(async (req) => saveCareSettings(deps, req.actor, idParam(req, 'id'), careSettingsSchema.parse(req.body))),
  );
  router.post(
    '/programs/:id/care/fit-checks/:fitCheckId/decision',
    route(async (req) => {
      admin(req.actor);
      const programId = idParam(req, 'id');
      const fit = await deps.store.care.fitCheck(req.actor.tenantId, idParam(req, 'fitCheckId'));
      if (!fit || fit.programId !== programId) throw new AppError('not_found', 'This program has no such answer.', { field: 'fitCheckId' });
      await decideFitCheck(deps, req.actor, { fitCheckId: fit.id, decision: fitDecisionSchema.parse(req.body).decision });
      return programCare(deps, req.actor, programId);
    }),
  );
  router.post(
    '/programs/:id/care/pairs/:menteeId/close',
    route(async (req) => {
      admin(req.actor);
      const programId = idParam(req, 'id');
      await closePair(deps, req.actor, { programId, menteeId: idParam(req, 'menteeId'), mentorId: closeInputSchema.parse(req.body).mentorId });
      return programCare(deps, req.actor, programId);
    }),
  );
  router.get(
    '/me/care',
    route(async (req) => myCare(deps, req.actor)),
  );
  router.post(
    '/me/care/:programId/:menteeId/pause',
    route(async (req) => {
      await pausePair(deps, req.actor, { programId: idParam(req, 'programId'), menteeId: idParam(req, 'menteeId'), untilDate: pauseInputSchema.parse(req.body).untilDate });
      return myCare(deps, req.actor);
    }),
  );
  router.post(
    '/me/care/:programId/:menteeId/resume',
    route(async (req) => {
      await resumePair(deps, req.actor, { programId: idParam(req, 'programId'), menteeId: idParam(req, 'menteeId') });
      return myCare(deps, req.actor);
    }),
  );
  return router;
}

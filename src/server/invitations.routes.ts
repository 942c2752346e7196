import type express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { invitationOptions, invite, searchManagers } from '../app/invitations/invitations.ts';
import type { Actor } from '../app/shared/actor.ts';
import { AppError } from '../app/shared/errors.ts';
import { invitationRequestSchema, managerSearchSchema } from '../contracts/invitations.ts';
import type { ApiDeps } from './api.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function programId(req: Request): string {
  const id = String(req.params.id ?? '');
  if (!GUID.test(id)) throw new AppError('bad_request', 'id: must be an id (GUID)', { field: 'id' });
  return id;
}

/** HR's invitations (program admins only): the panel's options, inviting, and finding a manager. Mounted on the API router, after its token check. */
export function mountInvitationRoutes(router: express.Router, deps: ApiDeps): void {
  const route = (handler: (req: Request & { actor: Actor }) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
    handler(req as Request & { actor: Actor }).then((body) => res.json(body), next);
  };
  router.get(
    '/programs/:id/invitations',
    route(async (req) => invitationOptions(deps, req.actor, programId(req))),
  );
  router.post(
    '/programs/:id/invitations',
    route(async (req) => {
      const result = await invite(deps, req.actor, programId(req), invitationRequestSchema.parse(req.body));
      if (result.invited > 0) deps.kickOutbox();
      return result;
    }),
  );
  router.get(
    '/directory/managers',
    route(async (req) => searchManagers(deps, req.actor, managerSearchSchema.parse({ search: typeof req.query.search === 'string' ? req.query.search : '' }).search)),
  );
}

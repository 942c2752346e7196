import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../app/errors.ts';
import { getProfile } from '../app/getProfile.ts';
import type { DirectoryRepository } from '../app/ports.ts';
import type { Me } from '../contracts/api.ts';
import type { Caller } from './auth.ts';

export interface ApiDeps {
  verify: (authorization: string | undefined) => Promise<Caller>;
  directory: DirectoryRepository;
}

type Authed = Request & { caller: Caller };
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a directory object id (GUID)');

/** The tab's API: every route needs a verified token; tenants only ever see their own rows. */
export function apiRouter(deps: ApiDeps): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '100kb' }));
  router.use(async (req: Request, _res: Response, next: NextFunction) => {
    try {
      (req as Authed).caller = await deps.verify(req.headers.authorization);
      next();
    } catch (error) {
      next(error);
    }
  });

  const route = (handler: (req: Authed, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
    handler(req as Authed, res).then((body) => res.json(body), next);
  };

  router.get('/me', route(async (req) => {
    const { tenantId, userId, roles } = req.caller;
    const [profile, sync, people] = await Promise.all([
      getProfile(deps, tenantId, userId),
      deps.directory.getSyncState(tenantId),
      deps.directory.countPeople(tenantId),
    ]);
    return { ...profile, roles, directory: { people, lastSyncAt: sync?.lastSyncAt.toISOString() ?? null } } satisfies Me;
  }));

  router.get('/people/:id', route(async (req) => {
    const id = guid.safeParse(req.params.id);
    if (!id.success) throw new AppError('bad_request', `id: ${id.error.issues[0]!.message}`, { field: 'id' });
    return getProfile(deps, req.caller.tenantId, id.data);
  }));

  router.use((req: Request, _res: Response, next: NextFunction) => next(new AppError('not_found', `There is no API at ${req.method} ${req.baseUrl}${req.path}.`)));
  return router;
}

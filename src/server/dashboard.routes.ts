import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { listEnrollees, remindApprover } from '../app/dashboard/enrollees.ts';
import { exportCsv, type CsvExport, type ExportKind } from '../app/dashboard/exports.ts';
import { getDashboard, setMinGroup } from '../app/dashboard/get-dashboard.ts';
import type { Actor } from '../app/shared/actor.ts';
import { AppError } from '../app/shared/errors.ts';
import { minGroupInputSchema } from '../contracts/dashboard.ts';
import type { ApiDeps } from './api.ts';
import { writeCsv } from './csv.ts';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an id (GUID)');
const EXPORTS = ['enrollees', 'pairs', 'sessions', 'dashboard'] as const satisfies readonly ExportKind[];

function idParam(req: Request, name: string): string {
  const id = guid.safeParse(req.params[name]);
  if (!id.success) throw new AppError('bad_request', `${name}: ${id.error.issues[0]!.message}`, { field: name });
  return id.data;
}

async function sendCsv(res: Response, file: CsvExport): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${file.filename}"`);
  res.setHeader('cache-control', 'no-store');
  await writeCsv(file, res);
}

/** The dashboard's routes under /programs/:id (program admins only): dashboard, enrollees, reminders, exports, the privacy setting. */
export function dashboardRoutes(deps: ApiDeps): express.Router {
  const router = express.Router({ mergeParams: true });
  const actorOf = (req: Request) => (req as Request & { actor: Actor }).actor;
  const json = (handler: (req: Request) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
    handler(req).then((body) => res.json(body), next);
  };

  router.get(
    '/programs/:id/dashboard',
    json((req) => getDashboard(deps, actorOf(req), idParam(req, 'id'))),
  );
  router.put(
    '/programs/:id/dashboard/min-group',
    json((req) => setMinGroup(deps, actorOf(req), idParam(req, 'id'), minGroupInputSchema.parse(req.body).minGroup)),
  );
  router.get(
    '/programs/:id/enrollees',
    json(async (req) => ({ enrollees: await listEnrollees(deps, actorOf(req), idParam(req, 'id')) })),
  );
  router.post(
    '/programs/:id/enrollees/:enrollmentId/remind',
    json(async (req) => {
      const result = await remindApprover(deps, actorOf(req), idParam(req, 'id'), idParam(req, 'enrollmentId'));
      if (result.sent) deps.kickOutbox();
      return result;
    }),
  );
  router.get('/programs/:id/exports/:kind.csv', (req: Request, res: Response, next: NextFunction) => {
    const kind = EXPORTS.find((k) => k === req.params.kind);
    (async () => {
      if (!kind) throw new AppError('not_found', `There is no export "${String(req.params.kind)}": one of ${EXPORTS.join(', ')}.`, { field: 'kind' });
      const file = await exportCsv(deps, actorOf(req), idParam(req, 'id'), kind);
      await sendCsv(res, file);
    })().catch((error: unknown) => {
      // Once rows are on their way the status is sent: the broken download is all the client can be told.
      if (res.headersSent) res.destroy(error as Error);
      else next(error);
    });
  });
  return router;
}

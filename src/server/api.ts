import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { PROGRAM_ADMIN_ROLE, type Actor } from '../app/shared/actor.ts';
import type { ApprovalSettings } from '../app/approvals/approval-messages.ts';
import { endPair, programBookings } from '../app/booking/booking.ts';
import { enroll, listMyEnrollments, updateEnrollment, withdrawEnrollment } from '../app/enrollment/enrollment.ts';
import { AppError } from '../app/shared/errors.ts';
import { getMe, getProfile } from '../app/directory/getProfile.ts';
import { assignByHand, getMatching, lockPair, myMatches, publishMatching, removePair, runMatching } from '../app/matching/matching.ts';
import type { Clock } from '../app/shared/clock.ts';
import type { Store } from '../app/store.ts';
import type { WorkingHoursSource } from '../app/matching/ports.ts';
import { adminRecorder } from '../app/programs/admins.ts';
import { followProgramChange, previewProgramChange, seriesChanges } from '../app/programs/changes.ts';
import { archiveProgram, createProgram, deleteProgram, listPrograms, programTemplate, summariseProgram, updateProgram, type ProgramSummary } from '../app/programs/programs.ts';
import { myMentoring } from '../app/sessions/mentoring.ts';
import { programAuditLog } from '../app/audit/audit.ts';
import { erasureStatus, requestErasure, type ErasureSettings } from '../app/data-rights/erasure.ts';
import { exportMyData } from '../app/data-rights/export.ts';
import { auditQuerySchema } from '../contracts/audit.ts';
import { eraseRequestSchema } from '../contracts/privacy.ts';
import { handPairSchema, lockSchema } from '../contracts/matching.ts';
import { archiveInputSchema } from '../contracts/program-life.ts';
import { DEFAULT_MATCHING_WEIGHTS, enrollmentInputSchema, programInputSchema, type Program } from '../contracts/programs.ts';
import type { Caller } from './auth.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { jsonBody } from './http.ts';
import { toIanaZone } from '../domain/shared/time-zones.ts';
import { mountInvitationRoutes } from './invitations.routes.ts';
import { careRoutes } from './care.routes.ts';
import type { CareDeps } from '../app/care/context.ts';

export interface ApiDeps {
  verify: (authorization: string | undefined) => Promise<Caller>;
  store: Store;
  clock: Clock;
  settings: ApprovalSettings & { organizer: 'mentor' | 'mentee' };
  /** Tells the outbox there is something to deliver now. */
  kickOutbox: () => void;
  /** Tells the booking job there are pairs to find times for (after publishing). */
  kickBooking: () => void;
  workingHours: WorkingHoursSource;
  /** Data rights: the grace period for people who left the directory. */
  privacy: ErasureSettings;
  /** Tells the erasure job there is a request to move on. */
  kickErasure: () => void;
  /** The care loop (fit checks, check-ins, stalls, pauses); its routes are off without it. */
  care?: CareDeps & { kick: () => void };
}

type Authed = Request & { caller: Caller; actor: Actor };
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an id (GUID)');

function idParam(req: Request, name = 'id'): string {
  const id = guid.safeParse(req.params[name]);
  if (!id.success) throw new AppError('bad_request', `${name}: ${id.error.issues[0]!.message}`, { field: name });
  return id.data;
}

/** The viewer's IANA zone the tab sends (`?zone=`, the browser's), or null: a hint, so a name that is no zone is ignored. */
function viewerZone(req: Request): string | null {
  const zone = req.query['zone'];
  return typeof zone === 'string' && zone.length <= 64 ? toIanaZone(zone) : null;
}

function programView({ program, enrollment, counts }: ProgramSummary): Program {
  const { tenantId: _t, createdBy: _c, createdAt: _a, updatedAt: _u, archivedAt, ...rest } = program;
  return { ...rest, matchingWeights: rest.matchingWeights ?? DEFAULT_MATCHING_WEIGHTS, enrollment, archivedAt: archivedAt?.toISOString() ?? null, ...(counts ? { counts } : {}) };
}

/** The tab's API: every route needs a verified token; tenants only ever see their own rows. */
export function apiRouter(deps: ApiDeps): express.Router {
  const router = express.Router();
  const recordAdmin = adminRecorder(deps);
  router.use(jsonBody('100kb'));
  router.use(async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const caller = await deps.verify(req.headers.authorization);
      const actor: Actor = { tenantId: caller.tenantId, userId: caller.userId, isProgramAdmin: caller.roles.includes(PROGRAM_ADMIN_ROLE) };
      await recordAdmin(actor);
      Object.assign(req, { caller, actor });
      next();
    } catch (error) {
      next(error);
    }
  });

  const route =
    (handler: (req: Authed, res: Response) => Promise<unknown>, status = 200) =>
    (req: Request, res: Response, next: NextFunction) => {
      handler(req as Authed, res).then((body) => res.status(status).json(body), next);
    };
  const thenDeliver = <T>(value: T) => {
    deps.kickOutbox();
    return value;
  };

  router.get(
    '/me',
    route(async (req) => getMe(deps.store, req.caller)),
  );

  router.get(
    '/people/:id',
    route(async (req) => getProfile({ directory: deps.store.directory }, req.caller.tenantId, idParam(req))),
  );

  router.get(
    '/programs',
    route(async (req) => (await listPrograms(deps, req.actor)).map(programView)),
  );
  router.get(
    '/programs/template',
    route(async () => programTemplate(deps.clock)),
  );
  router.post(
    '/programs',
    route(async (req) => programView(await summariseProgram(deps, req.actor, await createProgram(deps, req.actor, programInputSchema.parse(req.body)))), 201),
  );
  router.put(
    '/programs/:id',
    route(async (req) => {
      // The booked series follow the edit: one durable job per series changed, in the same transaction.
      const saved = await updateProgram(deps, req.actor, idParam(req), programInputSchema.parse(req.body), (tx, before, after) =>
        followProgramChange(tx, deps.clock, before, after).then(() => undefined),
      );
      return programView(await summariseProgram(deps, req.actor, saved));
    }),
  );
  router.post(
    '/programs/:id/changes/preview',
    route(async (req) => previewProgramChange(deps, req.actor, idParam(req), programInputSchema.parse(req.body))),
  );
  router.get(
    '/programs/:id/changes',
    route(async (req) => seriesChanges(deps, req.actor, idParam(req))),
  );
  router.post(
    '/programs/:id/archive',
    route(async (req) => programView(await summariseProgram(deps, req.actor, await archiveProgram(deps, req.actor, idParam(req), archiveInputSchema.parse(req.body).archived)))),
  );
  router.delete(
    '/programs/:id',
    route(async (req) => {
      await deleteProgram(deps, req.actor, idParam(req));
      return { deleted: true };
    }),
  );

  router.get(
    '/enrollments',
    route(async (req) => listMyEnrollments(deps, req.actor)),
  );
  router.post(
    '/programs/:id/enrollments',
    route(async (req) => thenDeliver(await enroll(deps, req.actor, idParam(req), enrollmentInputSchema.parse(req.body))), 201),
  );
  router.put(
    '/enrollments/:id',
    route(async (req) => thenDeliver(await updateEnrollment(deps, req.actor, idParam(req), enrollmentInputSchema.parse(req.body)))),
  );
  router.post(
    '/enrollments/:id/withdraw',
    route(async (req) => thenDeliver(await withdrawEnrollment(deps, req.actor, idParam(req)))),
  );

  const matching = '/programs/:id/matching';
  router.get(
    matching,
    route(async (req) => getMatching(deps, req.actor, idParam(req))),
  );
  router.post(
    `${matching}/runs`,
    route(async (req) => runMatching(deps, req.actor, idParam(req))),
  );
  router.post(
    `${matching}/pairs/:menteeId/lock`,
    route(async (req) => lockPair(deps, req.actor, idParam(req), idParam(req, 'menteeId'), lockSchema.parse(req.body).locked)),
  );
  router.delete(
    `${matching}/pairs/:menteeId`,
    route(async (req) => removePair(deps, req.actor, idParam(req), idParam(req, 'menteeId'))),
  );
  router.post(
    `${matching}/pairs`,
    route(async (req) => {
      const body = handPairSchema.parse(req.body);
      return assignByHand(deps, req.actor, idParam(req), body.mentorId, body.menteeId);
    }),
  );
  router.post(
    `${matching}/publish`,
    route(async (req) => {
      const published = await publishMatching(deps, req.actor, idParam(req));
      deps.kickBooking();
      return thenDeliver(published);
    }),
  );
  router.get(
    '/matches/mine',
    route(async (req) => myMatches(deps, req.actor)),
  );

  router.get(
    '/me/mentoring',
    route(async (req) => myMentoring(deps, req.actor)),
  );

  router.get(
    '/programs/:id/bookings',
    route(async (req) => programBookings(deps, req.actor, idParam(req), viewerZone(req))),
  );
  router.post(
    '/programs/:id/pairs/:menteeId/end',
    route(async (req) => {
      const bookings = await endPair(deps, req.actor, idParam(req), idParam(req, 'menteeId'), viewerZone(req));
      deps.kickBooking();
      return thenDeliver(bookings);
    }),
  );

  mountInvitationRoutes(router, deps);
  router.get(
    '/programs/:id/audit',
    route(async (req) => programAuditLog(deps, req.actor, idParam(req), auditQuerySchema.parse(req.query))),
  );

  // Data rights: download everything Flipside holds about me; leave and delete.
  router.get(
    '/me/data',
    route(async (req, res) => {
      res.setHeader('content-disposition', 'attachment; filename="flipside-my-data.json"');
      return exportMyData(deps, req.actor);
    }),
  );
  router.get(
    '/me/data/erasure',
    route(async (req) => erasureStatus(deps, req.actor)),
  );
  router.post(
    '/me/data/erasure',
    route(async (req) => {
      eraseRequestSchema.parse(req.body);
      await requestErasure({ store: deps.store, clock: deps.clock, settings: { ...deps.settings, privacy: deps.privacy } }, req.actor);
      deps.kickBooking();
      deps.kickErasure();
      deps.kickOutbox();
      return erasureStatus(deps, req.actor);
    }, 202),
  );
  router.use(dashboardRoutes(deps));
  if (deps.care) router.use(careRoutes(deps.care));

  router.use((req: Request, _res: Response, next: NextFunction) => next(new AppError('not_found', `There is no API at ${req.method} ${req.baseUrl}${req.path}.`)));
  return router;
}

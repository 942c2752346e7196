import { DateTime } from 'luxon';
import type { StepFailure } from '../app/booking/ports.ts';
import type { Occurrence, SeriesReader, SeriesWindow, SubscriptionGateway, SubscriptionInfo } from '../app/sessions/ports.ts';
import { toIanaZone } from '../domain/shared/time-zones.ts';
import { stepFailure } from './booking.gateway.ts';
import type { BatchRequest, GraphHttp } from './graph-client.ts';
import { GraphError } from './graph-error.ts';

/** A collection page as Graph answers a list. */
interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

export type ListResult<T> = { ok: true; value: T[] } | { ok: false; error: GraphError };

/** A guard against a server that keeps handing out next links: far beyond any real list here. */
const MAX_PAGE_ROUNDS = 50;

/**
 * GETs many lists in `$batch`es of 20 and follows each one's `@odata.nextLink` in later batches
 * (the next pages of all lists together), so paging costs one HTTP request per round, not one per
 * list. Each list succeeds or fails on its own; a failed page fails its whole list.
 */
export async function batchLists<T>(graph: GraphHttp, requests: BatchRequest[]): Promise<ListResult<T>[]> {
  const results: ListResult<T>[] = requests.map(() => ({ ok: true, value: [] }));
  let pending = requests.map((request, index) => ({ index, request }));
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_PAGE_ROUNDS) {
      for (const p of pending) results[p.index] = { ok: false, error: new GraphError(0, 'paging', `still paging after ${MAX_PAGE_ROUNDS} pages`, undefined, undefined) };
      break;
    }
    const answers = await graph.batch<Page<T>>(pending.map((p) => ({ ...p.request, id: String(p.index) })));
    const next: typeof pending = [];
    answers.forEach((answer, i) => {
      const { index, request } = pending[i]!;
      const list = results[index]!;
      if (!list.ok) return;
      if (!answer.ok) {
        results[index] = { ok: false, error: answer.error };
        return;
      }
      list.value.push(...(answer.body?.value ?? []));
      const link = answer.body?.['@odata.nextLink'];
      if (link) next.push({ index, request: { ...request, url: link } });
    });
    pending = next;
  }
  return results;
}

/** Graph's `dateTimeTimeZone`. */
interface GraphDateTime {
  dateTime: string;
  timeZone?: string;
}

/**
 * The instant of a Graph `dateTimeTimeZone`. Flipside asks for UTC (`Prefer: outlook.timezone`),
 * so "2026-11-24T13:00:00.0000000" is read as UTC; should a mailbox answer in its own zone anyway
 * (a Windows or IANA name), it is converted rather than misread by hours.
 */
export function instantOf(t: GraphDateTime): Date {
  const local = t.dateTime.replace(/(\.\d{3})\d*/, '$1').replace(/Z$/, '');
  const zone = !t.timeZone || /^(utc|etc\/utc|gmt|z)$/i.test(t.timeZone) ? 'UTC' : toIanaZone(t.timeZone);
  const parsed = zone ? DateTime.fromISO(local, { zone }) : DateTime.invalid('unknown zone');
  if (!parsed.isValid) throw new RangeError(`Graph sent a time Flipside cannot read: ${t.dateTime} ${t.timeZone ?? ''}`);
  return parsed.toJSDate();
}

/** An event of `/instances` with the fields Flipside selects (wire type: stays inside src/graph). */
interface GraphInstance {
  id: string;
  start: GraphDateTime;
  end: GraphDateTime;
  type?: string | null;
  /** A DateTimeOffset ("2026-11-24T13:00:00Z"), unlike start and end. */
  originalStart?: string | null;
  isCancelled?: boolean | null;
}

function toOccurrence(e: GraphInstance): Occurrence {
  const start = instantOf(e.start);
  return {
    id: e.id,
    originalStart: e.originalStart ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(e.originalStart) ? e.originalStart : `${e.originalStart}Z`) : start,
    start,
    end: instantOf(e.end),
    moved: e.type === 'exception',
    cancelled: e.isCancelled === true,
  };
}

const INSTANCE_FIELDS = 'id,start,end,type,originalStart,isCancelled';
/** Graph pages events by 10 unless asked; a window of a long weekly series would take several pages. */
const INSTANCES_PAGE = 100;

type InstancesAnswer = { ok: true; deleted: boolean; occurrences: Occurrence[] } | StepFailure;

/**
 * Series' occurrences through `GET /users/{organizer}/events/{series}/instances`, one per window,
 * twenty to a `$batch`, with times in UTC. A series deleted in Outlook (404 ErrorItemNotFound) is
 * an answer, not a failure: the sessions it held are cancelled.
 */
export class GraphSeriesReader implements SeriesReader {
  constructor(private readonly graph: GraphHttp) {}

  async instances(windows: SeriesWindow[]): Promise<Map<string, InstancesAnswer>> {
    const lists = await batchLists<GraphInstance>(
      this.graph,
      windows.map((w, i) => ({ id: String(i), method: 'GET', url: instancesUrl(w), headers: { Prefer: 'outlook.timezone="UTC"' } })),
    );
    return new Map(windows.map((w, i) => [w.key, toInstancesAnswer(lists[i]!)]));
  }
}

function instancesUrl(w: SeriesWindow): string {
  const range = `startDateTime=${encodeURIComponent(w.from.toISOString())}&endDateTime=${encodeURIComponent(w.to.toISOString())}`;
  return `/users/${encodeURIComponent(w.organizerId)}/events/${encodeURIComponent(w.eventId)}/instances?${range}&$top=${INSTANCES_PAGE}&$select=${INSTANCE_FIELDS}`;
}

function toInstancesAnswer(list: ListResult<GraphInstance>): InstancesAnswer {
  if (!list.ok) {
    if (list.error.httpStatus === 404 && list.error.graphCode === 'ErrorItemNotFound') return { ok: true, deleted: true, occurrences: [] };
    return stepFailure(list.error);
  }
  try {
    return { ok: true, deleted: false, occurrences: list.value.map(toOccurrence).sort((a, b) => a.originalStart.getTime() - b.originalStart.getTime()) };
  } catch (error) {
    // A time that cannot be read will not read better on a retry.
    return { ok: false, reason: error instanceof Error ? error.message : String(error), retry: false };
  }
}

/** A subscription as Graph answers it (wire type). */
interface GraphSubscription {
  id: string;
  resource: string;
  expirationDateTime: string;
}

const toInfo = (s: GraphSubscription): SubscriptionInfo => ({ id: s.id, resource: s.resource, expiresAt: new Date(s.expirationDateTime) });

/**
 * Change notifications on organizers' calendars (`/subscriptions`, application permission
 * Calendars.Read): Graph tells Flipside when an occurrence is moved, cancelled or the series
 * deleted, instead of Flipside reading every series on a timer.
 */
export class GraphSubscriptions implements SubscriptionGateway {
  constructor(private readonly graph: GraphHttp) {}

  /** Graph validates `notificationUrl` (and `lifecycleNotificationUrl`) before it answers; a URL that does not echo the token fails with 400. */
  async create(request: Parameters<SubscriptionGateway['create']>[0]): Promise<{ ok: true; subscription: SubscriptionInfo } | StepFailure> {
    try {
      const s = await this.graph.post<GraphSubscription>('/subscriptions', {
        changeType: 'created,updated,deleted',
        resource: `/users/${request.organizerId}/events`,
        notificationUrl: request.notificationUrl,
        lifecycleNotificationUrl: request.lifecycleNotificationUrl,
        clientState: request.clientState,
        expirationDateTime: request.expiresAt.toISOString(),
      });
      return { ok: true, subscription: toInfo(s) };
    } catch (error) {
      return stepFailure(error);
    }
  }

  /** A subscription Graph no longer has (expired, or removed) is `gone`: make a new one. */
  async renew(subscriptionId: string, expiresAt: Date): Promise<{ ok: true; expiresAt: Date } | StepFailure | { ok: false; gone: true }> {
    try {
      const s = await this.graph.patch<GraphSubscription>(`/subscriptions/${encodeURIComponent(subscriptionId)}`, { expirationDateTime: expiresAt.toISOString() });
      return { ok: true, expiresAt: new Date(s.expirationDateTime) };
    } catch (error) {
      if (error instanceof GraphError && error.httpStatus === 404) return { ok: false, gone: true };
      return stepFailure(error);
    }
  }

  /**
   * Deletes the subscription; one Graph no longer has is already what was wanted.
   * @throws GraphError for any other failure, so the caller can try again later.
   */
  async delete(subscriptionId: string): Promise<void> {
    try {
      await this.graph.delete(`/subscriptions/${encodeURIComponent(subscriptionId)}`);
    } catch (error) {
      if (error instanceof GraphError && error.httpStatus === 404) return;
      throw error;
    }
  }
}

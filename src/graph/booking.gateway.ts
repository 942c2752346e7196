import type { CalendarWriter, PairChatMaker, SeriesOutcome, SeriesRequest, StepFailure } from '../app/booking/ports.ts';
import type { IsoDate, RecurrenceFacts } from '../domain/scheduling/types.ts';
import type { CatalogIdSource } from './app-catalog.gateway.ts';
import type { BatchRequest, GraphHttp } from './graph-client.ts';
import { GraphError } from './graph-error.ts';

const GRAPH = 'https://graph.microsoft.com/v1.0';

/** A Graph failure as the booking job sees it: throttling and server trouble are worth retrying. */
export function stepFailure(error: unknown): StepFailure {
  const e = GraphError.from(error);
  const retry = e.httpStatus <= 0 || e.httpStatus === 408 || e.httpStatus === 429 || e.httpStatus >= 500;
  return { ok: false, reason: `${e.graphCode}: ${e.message}`.slice(0, 300), retry };
}

/**
 * The pairs' group chats: `POST /chats` (chatType group, both people as owners; application
 * permission Chat.Create), then Flipside installed in each with `POST /chats/{id}/installedApps`
 * (TeamsAppInstallation.ReadWriteSelfForChat.All) so the bot may post there. Both in `$batch`es.
 */
export class GraphPairChats implements PairChatMaker {
  constructor(
    private readonly graph: GraphHttp,
    /** The app's id in the organisation's app catalog (not the manifest id). */
    private readonly catalog: CatalogIdSource,
  ) {}

  async createChats(requests: { key: string; memberIds: string[]; topic: string }[]) {
    const answers = await this.graph.batch<{ id: string }>(
      requests.map((r, i): BatchRequest => ({
        id: String(i),
        method: 'POST',
        url: '/chats',
        body: {
          chatType: 'group',
          topic: r.topic.slice(0, 250),
          members: r.memberIds.map((id) => ({
            '@odata.type': '#microsoft.graph.aadUserConversationMember',
            roles: ['owner'],
            'user@odata.bind': `${GRAPH}/users('${id}')`,
          })),
        },
      })),
    );
    return new Map(
      requests.map((r, i) => {
        const a = answers[i]!;
        return [r.key, a.ok ? { ok: true as const, chatId: a.body.id } : stepFailure(a.error)];
      }),
    );
  }

  async installIn(chatIds: string[]) {
    let catalogAppId: string;
    try {
      catalogAppId = await this.catalog.catalogId();
    } catch (error) {
      // Not in the catalog (readiness says so): every chat waits and is tried again later.
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      return new Map(chatIds.map((chatId) => [chatId, { ok: false as const, reason, retry: true }]));
    }
    const answers = await this.graph.batch(
      chatIds.map((chatId, i): BatchRequest => ({
        id: String(i),
        method: 'POST',
        url: `/chats/${encodeURIComponent(chatId)}/installedApps`,
        body: { 'teamsApp@odata.bind': `${GRAPH}/appCatalogs/teamsApps/${catalogAppId}` },
      })),
    );
    return new Map(
      chatIds.map((chatId, i) => {
        const a = answers[i]!;
        // 409: already installed, which is what we want.
        const done = a.ok || a.error.httpStatus === 409;
        return [chatId, done ? { ok: true as const } : stepFailure(a.ok ? undefined : a.error)];
      }),
    );
  }
}

interface EventAnswer {
  id: string;
  onlineMeeting?: { joinUrl?: string | null } | null;
  recurrence?: unknown;
}

/** The Graph shape of a recurrence and the first session's start and end. */
function timing(r: RecurrenceFacts) {
  return {
    start: r.start,
    end: r.end,
    recurrence: {
      pattern: { type: r.pattern.type, interval: r.pattern.interval, daysOfWeek: [...r.pattern.daysOfWeek], firstDayOfWeek: r.pattern.firstDayOfWeek },
      range: { type: r.range.type, startDate: r.range.startDate, endDate: r.range.endDate, recurrenceTimeZone: r.start.timeZone },
    },
  };
}

const outcome = (e: EventAnswer): SeriesOutcome => ({ ok: true, eventId: e.id, joinUrl: e.onlineMeeting?.joinUrl ?? null });

/**
 * The pairs' series in Outlook: one recurring event in the organizer's calendar with both people
 * as attendees and a Teams meeting (`isOnlineMeeting`, teamsForBusiness: the join link comes back
 * in `onlineMeeting.joinUrl`). Each create carries a `transactionId`, so a POST retried after a
 * lost answer returns the series made the first time instead of a second one.
 */
export class GraphCalendarWriter implements CalendarWriter {
  constructor(private readonly graph: GraphHttp) {}

  async createSeries(requests: SeriesRequest[]) {
    const answers = await this.graph.batch<EventAnswer>(
      requests.map((r, i): BatchRequest => ({
        id: String(i),
        method: 'POST',
        url: `/users/${encodeURIComponent(r.organizerId)}/events`,
        body: {
          subject: r.subject,
          body: { contentType: 'HTML', content: r.bodyHtml },
          ...timing(r.recurrence),
          attendees: r.attendees.map((a) => ({ type: 'required', emailAddress: { address: a.mail, name: a.name } })),
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
          showAs: 'busy',
          isReminderOn: true,
          responseRequested: true,
          allowNewTimeProposals: false,
          transactionId: r.transactionId,
        },
      })),
    );
    return new Map(
      requests.map((r, i) => {
        const a = answers[i]!;
        return [r.key, a.ok ? outcome(a.body) : stepFailure(a.error)];
      }),
    );
  }

  async moveSeries(organizerId: string, eventId: string, recurrence: RecurrenceFacts): Promise<SeriesOutcome> {
    try {
      return outcome(await this.graph.patch<EventAnswer>(this.path(organizerId, eventId), timing(recurrence)));
    } catch (error) {
      return stepFailure(error);
    }
  }

  async endSeries(organizerId: string, eventId: string, lastDate: IsoDate | null): Promise<{ ok: true } | StepFailure> {
    try {
      if (lastDate === null) {
        await this.graph.delete(this.path(organizerId, eventId));
        return { ok: true };
      }
      // Graph replaces the recurrence as a whole: keep its pattern, end its range on `lastDate`.
      const event = await this.graph.get<{ recurrence?: { pattern: unknown; range: Record<string, unknown> } | null }>(`${this.path(organizerId, eventId)}?$select=recurrence`);
      if (!event.recurrence) return { ok: true };
      await this.graph.patch(this.path(organizerId, eventId), { recurrence: { pattern: event.recurrence.pattern, range: { ...event.recurrence.range, type: 'endDate', endDate: lastDate } } });
      return { ok: true };
    } catch (error) {
      // Already gone (the organizer deleted it): nothing left to end.
      if (error instanceof GraphError && error.httpStatus === 404) return { ok: true };
      return stepFailure(error);
    }
  }

  private path(organizerId: string, eventId: string): string {
    return `/users/${encodeURIComponent(organizerId)}/events/${encodeURIComponent(eventId)}`;
  }
}

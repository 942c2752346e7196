import type { OccurrenceCanceller } from '../app/care/ports.ts';
import type { StepFailure } from '../app/booking/ports.ts';
import { stepFailure } from './booking.gateway.ts';
import type { GraphHttp } from './graph-client.ts';

/** Cancels single occurrences of a series (`POST /users/{organizer}/events/{occurrenceId}/cancel`), in `$batch`es of 20; the attendees get Outlook's cancellation. */
export class GraphOccurrenceCanceller implements OccurrenceCanceller {
  constructor(private readonly graph: GraphHttp) {}

  async cancel(organizerId: string, occurrenceIds: string[], comment: string) {
    const answers = await this.graph.batch(
      occurrenceIds.map((id, i) => ({ id: String(i), method: 'POST' as const, url: `/users/${encodeURIComponent(organizerId)}/events/${encodeURIComponent(id)}/cancel`, body: { comment } })),
    );
    return new Map<string, { ok: true } | StepFailure>(
      occurrenceIds.map((id, i): [string, { ok: true } | StepFailure] => {
        const a = answers[i]!;
        // Already cancelled or deleted: nothing left to cancel.
        if (a.ok || a.error.httpStatus === 404) return [id, { ok: true as const }];
        return [id, stepFailure(a.error)];
      }),
    );
  }
}

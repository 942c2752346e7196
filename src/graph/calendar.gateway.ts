import type { WorkingHoursSource } from '../app/ports.ts';
import { toIanaZone } from '../domain/shared/time-zones.ts';
import type { GraphHttp } from './graph-client.ts';

interface GraphMailboxSettings {
  timeZone?: string;
  workingHours?: { startTime?: string; endTime?: string; timeZone?: { name?: string } };
}

/** "08:30:00.0000000" → "08:30" */
const hhmm = (t: string | undefined, fallback: string) => (t && /^\d{2}:\d{2}/.test(t) ? t.slice(0, 5) : fallback);

/**
 * Working hours from mailbox settings, twenty people per `$batch`, Windows zone names mapped to
 * IANA here at the border.
 */
export class GraphWorkingHours implements WorkingHoursSource {
  constructor(private readonly graph: GraphHttp) {}

  async workingHours(userIds: string[]) {
    const answers = await this.graph.batch<GraphMailboxSettings>(
      userIds.map((id, i) => ({ id: String(i), method: 'GET' as const, url: `/users/${encodeURIComponent(id)}/mailboxSettings` })),
    );
    const out = new Map<string, { timeZone: string; start: string; end: string }>();
    answers.forEach((a, i) => {
      if (!a.ok) return;
      const zone = toIanaZone(a.body.workingHours?.timeZone?.name ?? a.body.timeZone ?? 'UTC');
      if (!zone) return;
      out.set(userIds[i]!, { timeZone: zone, start: hhmm(a.body.workingHours?.startTime, '09:00'), end: hhmm(a.body.workingHours?.endTime, '17:00') });
    });
    return out;
  }
}

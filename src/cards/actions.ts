import { z } from 'zod';
import { freeText } from '../contracts/fields.ts';

/** Every Action.Execute verb Flipside's cards send. */
export const VERBS = {
  approve: 'approval.approve',
  decline: 'approval.decline',
  /** The automatic refresh of an approval card: shows each viewer their own view; never changes state. */
  refreshApproval: 'approval.refresh',
  /** One of the pair picks one of the offered meeting times. */
  pickSlot: 'booking.pick',
  /** One of the pair asks for other times (before or after booking). */
  reschedule: 'booking.reschedule',
  /** The automatic refresh of a booking card: the current state; never changes anything. */
  refreshBooking: 'booking.refresh',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

const approvalData = z.object({
  enrollmentId: z.uuid({ error: 'enrollmentId must be an enrollment id' }),
  version: z.number().int().min(0),
});

const bookingData = z.object({
  programId: z.uuid({ error: 'programId must be a program id' }),
  menteeId: z.uuid({ error: 'menteeId must be a person id' }),
});

/** The manager's note, which the employee reads: stored as written, so only characters that can be. */
const decisionNote = freeText(500, { required: false, tooLong: 'the note can be at most 500 characters' });

/** The data each verb carries, validated when the click comes back. */
export const actionSchemas = {
  [VERBS.approve]: approvalData.extend({ note: decisionNote.optional() }),
  [VERBS.decline]: approvalData.extend({ note: decisionNote.optional() }),
  [VERBS.refreshApproval]: approvalData,
  [VERBS.pickSlot]: bookingData.extend({
    slotId: z.string().min(1, 'slotId is required').max(40, 'slotId is not a meeting time Flipside offers'),
    version: z.number().int().min(0),
  }),
  [VERBS.reschedule]: bookingData.extend({ version: z.number().int().min(0) }),
  [VERBS.refreshBooking]: bookingData,
} satisfies Record<Verb, z.ZodType>;

export type ActionData<V extends Verb> = z.infer<(typeof actionSchemas)[V]>;

export type ParsedAction = { [V in Verb]: { verb: V; data: ActionData<V> } }[Verb];

/**
 * Parses an Action.Execute's verb and data (the note input arrives merged into data, as Teams
 * sends inputs). Returns the problem in words when the verb is unknown or the data is wrong.
 */
export function parseAction(verb: unknown, data: unknown): { ok: true; action: ParsedAction } | { ok: false; field: string; message: string } {
  if (typeof verb !== 'string' || !Object.hasOwn(actionSchemas, verb)) return { ok: false, field: 'verb', message: `Unknown action "${typeof verb === 'string' ? verb.slice(0, 60) : typeof verb}".` };
  const schema = actionSchemas[verb as Verb];
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, field: issue.path.join('.') || 'data', message: issue.message };
  }
  return { ok: true, action: { verb, data: parsed.data } as ParsedAction };
}

import { z } from 'zod';
import { freeText } from '../contracts/fields.ts';
import { CARE_VERBS, careActionSchemas } from './care-actions.ts';

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
  /** The agenda's refresh: the agenda as it stands; never changes anything. */
  refreshAgenda: 'agenda.refresh',
  /** Either of the pair adds an action item to the agenda (input `newItem`). */
  addAgendaItem: 'agenda.addItem',
  /** Either of the pair ticks an action item done, or not done. */
  toggleAgendaItem: 'agenda.toggleItem',
  /** The feedback card's refresh: the person's own card as it stands. */
  refreshFeedback: 'feedback.refresh',
  /** The person sends their feedback (inputs happened, usefulness, learned, taught, actionItems, goal0…goal9; at the mid-point skill0…skill9). */
  submitFeedback: 'feedback.submit',
  /** The person reopens their answer to change it (while it is editable). */
  editFeedback: 'feedback.edit',
  /** After a missed session: find another time for the series (`anotherTime: true`) or keep it. */
  missedFeedback: 'feedback.missed',
  /** The invitation card's refresh: the invitation as it stands for its recipient; never changes anything. */
  refreshInvitation: 'invitation.refresh',
  /** The invited person answers "Not for me". */
  declineInvitation: 'invitation.decline',
  ...CARE_VERBS,
  /** The closing survey's refresh: the person's own card as it stands. */
  refreshClosing: 'closing.refresh',
  /** The person sends their closing survey (inputs overall, recommend, whatChanged, keepMeeting, recognition, skill0…skill9). */
  submitClosing: 'closing.submit',
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

/** The manager's note, which the employee reads: stored as written, so only characters that can be. Checked by the verb, which gives the card back with the reason. */
export const decisionNoteSchema = freeText(500, { required: false, tooLong: 'the note can be at most 500 characters' });
/**
 * The note as a click sends it: text over the limit passes here so that the decider gets the card
 * back with the reason (Teams lets a pasted note run past maxLength); a character no one can type
 * and Postgres cannot store (NUL, an unpaired surrogate) is the documented 400 naming the note.
 */
const decisionNote = freeText(4000, { required: false, tooLong: 'the note can be at most 500 characters' });

const sessionData = z.object({ sessionId: z.uuid({ error: 'sessionId must be a session id' }) });

/** Answers on the feedback card arrive as strings (Teams sends inputs so); an empty one is "not answered". */
const choice = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, { error: `${what} must be one of ${values.join(', ')}` }).optional());
const goalStep = choice(['not_started', 'started', 'halfway', 'done'], 'goal progress');
export const FEEDBACK_TEXT_MAX = 2000;
export const AGENDA_ITEM_MAX = 200;

/** Closing-survey and skill answers arrive as strings; what they must be is checked by the use case, which gives the card back with the reason. */
const answer = (max: number) => z.string().max(max, `an answer can be at most ${max} characters`).optional();
/** Self-ratings on the topics learned (the mid-point feedback card and the closing survey). */
const skillAnswers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`skill${i}`, answer(10)])) as Record<`skill${0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`, ReturnType<typeof answer>>;
export const CLOSING_TEXT_MAX = 2000;

/** The data each verb carries, validated when the click comes back. */
export const actionSchemas = {
  [VERBS.approve]: approvalData.extend({ note: z.optional(decisionNote) }),
  [VERBS.decline]: approvalData.extend({ note: z.optional(decisionNote) }),
  [VERBS.refreshApproval]: approvalData,
  [VERBS.pickSlot]: bookingData.extend({
    slotId: z.string().min(1, 'slotId is required').max(40, 'slotId is not a meeting time Flipside offers'),
    version: z.number().int().min(0),
  }),
  [VERBS.reschedule]: bookingData.extend({ version: z.number().int().min(0) }),
  [VERBS.refreshBooking]: bookingData,
  [VERBS.refreshAgenda]: sessionData,
  [VERBS.addAgendaItem]: sessionData.extend({
    version: z.number().int().min(0),
    newItem: freeText(AGENDA_ITEM_MAX, { required: true, tooLong: `an item can be at most ${AGENDA_ITEM_MAX} characters` }),
  }),
  [VERBS.toggleAgendaItem]: sessionData.extend({ itemId: z.uuid({ error: 'itemId must be an item id' }), done: z.boolean() }),
  [VERBS.refreshFeedback]: sessionData,
  [VERBS.submitFeedback]: sessionData.extend({
    happened: choice(['yes', 'no'], 'did it happen'),
    usefulness: choice(['1', '2', '3', '4', '5'], 'how useful'),
    learned: z.optional(freeText(FEEDBACK_TEXT_MAX, { required: false, tooLong: `what you learned can be at most ${FEEDBACK_TEXT_MAX} characters` })),
    taught: z.optional(freeText(FEEDBACK_TEXT_MAX, { required: false, tooLong: `what you taught can be at most ${FEEDBACK_TEXT_MAX} characters` })),
    actionItems: z.optional(freeText(FEEDBACK_TEXT_MAX, { required: false, tooLong: `action items can be at most ${FEEDBACK_TEXT_MAX} characters in all` })),
    goal0: goalStep,
    goal1: goalStep,
    goal2: goalStep,
    goal3: goalStep,
    goal4: goalStep,
    goal5: goalStep,
    goal6: goalStep,
    goal7: goalStep,
    goal8: goalStep,
    goal9: goalStep,
    ...skillAnswers,
  }),
  [VERBS.editFeedback]: sessionData,
  [VERBS.missedFeedback]: sessionData.extend({ anotherTime: z.boolean() }),
  [VERBS.refreshInvitation]: z.object({ programId: z.uuid({ error: 'programId must be a program id' }) }),
  [VERBS.declineInvitation]: z.object({ programId: z.uuid({ error: 'programId must be a program id' }) }),
  ...careActionSchemas,
  [VERBS.refreshClosing]: bookingData,
  [VERBS.submitClosing]: bookingData.extend({
    overall: answer(10),
    recommend: answer(10),
    // Checked for length and storable characters by the use case, so a bad one comes back on the card.
    whatChanged: z
      .string()
      .max(CLOSING_TEXT_MAX * 2, `what changed can be at most ${CLOSING_TEXT_MAX} characters`)
      .optional(),
    keepMeeting: answer(10),
    recognition: answer(10),
    ...skillAnswers,
  }),
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

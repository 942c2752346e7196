/** The care loop's verbs and the data each carries (spread into actions.ts' VERBS and actionSchemas). */
import { z } from 'zod';
import { freeText } from '../contracts/fields.ts';

export const CARE_VERBS = {
  /** The person's own fit-check card as it stands (refresh; never changes anything). */
  refreshFitCheck: 'fit.refresh',
  /** The person answers "Is this pairing working for you?" (inputs fitAnswer, fitNote, shareNote). */
  answerFitCheck: 'fit.answer',
  /** A program admin decides on a "no": keep the pair, or pair both again with others. */
  decideFitCheck: 'fit.decide',
  /** The junior mentor's own check-in card (refresh). */
  refreshCheckIn: 'checkin.refresh',
  /** The mentor answers the confidential check-in (inputs speakOpenly, respectful, forHr, contactMe). */
  answerCheckIn: 'checkin.answer',
  /** On the nudge in the pair's chat: look for another time for the series. */
  nudgeFindTime: 'care.findTime',
  /** On the nudge: pause the sessions for some weeks (input pauseWeeks). */
  nudgePause: 'care.pause',
  /** A program admin, asked about a pair without sessions for six weeks: close it, or keep it open. */
  closePair: 'care.close',
  keepPairOpen: 'care.keepOpen',
} as const;

/** Inputs arrive as strings; an empty one is "not answered". */
const choice = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, { error: `${what} must be one of ${values.join(', ')}` }).optional());
/** An Input.Toggle sends "true" / "false". */
const toggle = z.preprocess((v) => (v === 'true' ? true : v === 'false' || v === '' ? false : v), z.boolean({ error: 'must be true or false' })).optional();

export const CARE_NOTE_MAX = 1000;
const fitData = z.object({ fitCheckId: z.uuid({ error: 'fitCheckId must be a fit check id' }) });
const checkInData = z.object({ checkInId: z.uuid({ error: 'checkInId must be a check-in id' }) });
const pairData = z.object({
  programId: z.uuid({ error: 'programId must be a program id' }),
  menteeId: z.uuid({ error: 'menteeId must be a person id' }),
  mentorId: z.uuid({ error: 'mentorId must be a person id' }),
});

export const careActionSchemas = {
  [CARE_VERBS.refreshFitCheck]: fitData,
  [CARE_VERBS.answerFitCheck]: fitData.extend({
    fitAnswer: choice(['yes', 'not_sure', 'no'], 'your answer'),
    fitNote: z.optional(freeText(CARE_NOTE_MAX, { required: false, tooLong: `the note can be at most ${CARE_NOTE_MAX} characters` })),
    shareNote: toggle,
  }),
  [CARE_VERBS.decideFitCheck]: fitData.extend({ decision: z.enum(['keep', 'repair'], { error: 'decision must be keep or repair' }) }),
  [CARE_VERBS.refreshCheckIn]: checkInData,
  [CARE_VERBS.answerCheckIn]: checkInData.extend({
    speakOpenly: choice(['yes', 'mostly', 'no'], 'can you speak openly'),
    respectful: choice(['yes', 'mostly', 'no'], 'is the relationship respectful'),
    forHr: z.optional(freeText(CARE_NOTE_MAX, { required: false, tooLong: `what HR should know can be at most ${CARE_NOTE_MAX} characters` })),
    contactMe: toggle,
  }),
  [CARE_VERBS.nudgeFindTime]: pairData,
  [CARE_VERBS.nudgePause]: pairData.extend({ pauseWeeks: choice(['1', '2', '3', '4', '6'], 'how long to pause') }),
  [CARE_VERBS.closePair]: pairData,
  [CARE_VERBS.keepPairOpen]: pairData,
};

/** Flipside's cards: pure functions from view-model to Adaptive Card JSON, and the verbs they send. */
export { VERBS, AGENDA_ITEM_MAX, CLOSING_TEXT_MAX, FEEDBACK_TEXT_MAX, actionSchemas, decisionNoteSchema, parseAction, type ActionData, type ParsedAction, type Verb } from './actions.ts';
export { approvalCard, MAX_REFRESH_USER_IDS, NOTE_INPUT_ID, NOTE_MAX_LENGTH, type ApprovalView, type NoteProblem } from './approval.ts';
export { outcomeCard } from './outcome.ts';
export { matchCard, type MatchCardVM } from './match.ts';
export { bookingAlertCard, type BookingAlertCardVM } from './booking-alert.ts';
export { bookingCard, MAX_SLOT_OPTIONS } from './booking.ts';
export { seriesChangeCard, type SeriesChangeCardVM } from './series-change.ts';
export { agendaCard, MAX_AGENDA_ITEMS_SHOWN, NEW_ITEM_INPUT_ID } from './agenda.ts';
export { feedbackCard, FEEDBACK_INPUT_IDS, MAX_FEEDBACK_GOALS } from './feedback.ts';
export {
  CARD_CONTENT_TYPE,
  CARD_SCHEMA_URL,
  CARD_VERSION,
  cardAttachment,
  errorCard,
  helpCard,
  statusCard,
  welcomeCard,
  type ActionExecute,
  type ActionOpenUrl,
  type AdaptiveCard,
  type CardElement,
  type Refresh,
} from './common.ts';
export { cadenceWords, escapeMarkdown, firstName, formatDate, formatDateRange, levelText, roleWords, timeAskWords } from './format.ts';
export type * from './types.ts';
export { invitationCard, WHY_IT_MATTERS, type InvitationCardVM, type InvitationState } from './invitation.ts';
export { MAX_RATED_SKILLS, skillChange, type SkillVM } from './skills.ts';
export { closingSurveyCard, CLOSING_INPUT_IDS, MAX_CLOSING_SKILLS, type ClosingAnswerVM, type ClosingSurveyCardVM } from './closing-survey.ts';
export { completionCard, listWords, recognitionCard, recognitionLine, type CompletionCardVM, type RecognitionCardVM } from './completion.ts';

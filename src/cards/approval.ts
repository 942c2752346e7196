/**
 * The manager's approval card: one template, a view-model, and the viewer's view. Universal
 * Actions (schema 1.5): the card carries `refresh` so Teams asks the bot for each decider's own
 * view; the decider view has the note and the Approve / Decline buttons, the read-only view none.
 */
import { VERBS } from './actions.ts';
import { adaptiveCard, banner, container, factSet, heading, openUrl, small, text, type ActionExecute, type AdaptiveCard, type CardElement, type Refresh } from './common.ts';
import { cadenceWords, capitalized, escapeMarkdown, firstName, formatDate, formatDateRange, levelText, roleWords, timeAskWords } from './format.ts';
import type { ApprovalCardVM, ApprovalState, TopicChoiceVM } from './types.ts';

export type ApprovalView = 'decider' | 'readOnly';

/** A note the server would not take (too long, or a character that cannot be stored): given back as written, with the reason. */
export interface NoteProblem {
  note: string;
  message: string;
}

/** Teams refreshes a card automatically for at most 60 listed users (User Specific Views). */
export const MAX_REFRESH_USER_IDS = 60;
/** The note's limit, as in actions.ts. */
export const NOTE_MAX_LENGTH = 500;
/** The id of the note input; Teams merges inputs into the action's data, so it arrives as `data.note`. */
export const NOTE_INPUT_ID = 'note';

type Pending = Extract<ApprovalState, { kind: 'pending' }>;

/**
 * The approval card for one enrollment, as `view` sees it. While the request is pending both
 * views carry the same `refresh` (verb approval.refresh, the deciders as userIds), so whichever
 * view is posted, each decider's client fetches the decider view and everyone else keeps the
 * read-only one. Once the request is settled `view` no longer matters: no inputs, no buttons.
 */
export function approvalCard(vm: ApprovalCardVM, view: ApprovalView, problem?: NoteProblem): AdaptiveCard {
  const body: CardElement[] = [
    heading(`Approval request · ${escapeMarkdown(vm.program.name)}`),
    ...settledBanner(vm),
    ...who(vm),
    ...topics('Will teach', vm.teach),
    ...topics('Wants to learn', vm.learn),
    ...goals(vm.goals),
    ...commitment(vm),
  ];
  if (vm.state.kind === 'pending') body.push(...(view === 'decider' ? deciderControls(vm, vm.state, problem) : waiting(vm, vm.state)));
  return adaptiveCard(body, {
    refresh: refreshFor(vm),
    actions: [openUrl('Open in Flipside', vm.tabUrl)],
    fallbackText: `${vm.employee.displayName} asks to join ${vm.program.name}.`,
  });
}

/**
 * Pending: the deciders refresh automatically (deduplicated, at most 60: Teams takes no more).
 *
 * Settled: `userIds: []`. After the decision the bot edits the original message with this card,
 * and Teams then shows that card to everyone: with an empty list no client refreshes
 * automatically, so no per-user view can replace the final card and nobody's client calls the
 * bot for nothing. Leaving `userIds` out would do the opposite (Teams then auto-refreshes for every
 * member of a chat of up to 60 people). The refresh action itself is kept rather than dropped so
 * the "Refresh card" menu item stays: a read-only way to pull the latest state (say, a withdrawal
 * after approval) should a message edit have been lost. The refresh verb never changes state.
 */
function refreshFor(vm: ApprovalCardVM): Refresh {
  const userIds = vm.state.kind === 'pending' ? [...new Set(vm.deciderIds)].slice(0, MAX_REFRESH_USER_IDS) : [];
  return { action: execute(VERBS.refreshApproval, vm, { title: 'Refresh' }), userIds };
}

function execute(verb: ActionExecute['verb'], vm: ApprovalCardVM, extra: Pick<ActionExecute, 'title' | 'style'>): ActionExecute {
  return { type: 'Action.Execute', verb, data: { enrollmentId: vm.enrollmentId, version: vm.version }, ...extra };
}

function settledBanner(vm: ApprovalCardVM): CardElement[] {
  const s = vm.state;
  switch (s.kind) {
    case 'pending':
      return [];
    case 'approved':
    case 'declined': {
      const by = escapeMarkdown(s.by.displayName);
      const title = s.kind === 'approved' ? `✅ Approved by ${by} on ${formatDate(s.at)}` : `Declined by ${by} on ${formatDate(s.at)}`;
      return [banner(s.kind === 'approved' ? 'good' : 'attention', title, s.note ? [`Note: ${escapeMarkdown(s.note)}`] : [])];
    }
    case 'expired':
      return [banner('emphasis', `This request expired on ${formatDate(s.at)}`, ['Nobody decided in time. The employee can enroll again.'])];
    case 'withdrawn':
      return [banner('emphasis', `${escapeMarkdown(vm.employee.displayName)} withdrew their enrollment on ${formatDate(s.at)}`, ['There is nothing left to decide.'])];
  }
}

function who(vm: ApprovalCardVM): CardElement[] {
  const { employee } = vm;
  const line = [employee.jobTitle, employee.department]
    .filter((x): x is string => !!x && x.trim() !== '')
    .map(escapeMarkdown)
    .join(' · ');
  const items: CardElement[] = [text(`**${escapeMarkdown(employee.displayName)}**`)];
  if (line) items.push(small(line, { spacing: 'none' }));
  items.push(text(`Wants to join as **${roleWords(vm.role)}**`, { spacing: 'small' }));
  return [container(items, { spacing: 'medium' })];
}

function topics(label: string, list: TopicChoiceVM[]): CardElement[] {
  if (list.length === 0) return [];
  return [
    text(`**${label}**`, { spacing: 'medium' }),
    factSet(
      list.map((t) => ({ title: escapeMarkdown(t.name), value: levelText(t.level) })),
      { spacing: 'small' },
    ),
  ];
}

function goals(list: string[]): CardElement[] {
  if (list.length === 0) return [];
  // One TextBlock per goal: a goal's stray markdown cannot reach into the next one.
  return [text('**Goals**', { spacing: 'medium' }), ...list.map((g, i) => text(`${i + 1}. ${escapeMarkdown(g)}`, { spacing: 'small' }))];
}

function commitment(vm: ApprovalCardVM): CardElement[] {
  const cadence = cadenceWords(vm.cadence);
  return [
    factSet(
      [
        { title: 'Meets', value: `${cadence[0]!.toUpperCase()}${cadence.slice(1)}, ${vm.sessionMinutes} min` },
        { title: 'Program', value: formatDateRange(vm.program.startsOn, vm.program.endsOn) },
      ],
      { spacing: 'medium' },
    ),
    text(`${timeAskWords(vm.timeAsk, vm.sessionMinutes)}.`, { spacing: 'small' }),
  ];
}

function expiryLine(state: Pending): string {
  const reminded = state.remindedAt ? ` · Reminder sent on ${formatDate(state.remindedAt)}` : '';
  return `Expires on ${formatDate(state.expiresAt)}${reminded}`;
}

function deciderControls(vm: ApprovalCardVM, state: Pending, problem: NoteProblem | undefined): CardElement[] {
  const name = escapeMarkdown(firstName(vm.employee.displayName));
  return [
    ...(problem ? [banner('attention', 'Not decided yet: the note needs a change', [`${capitalized(escapeMarkdown(problem.message))}. Your note is below as you wrote it.`])] : []),
    {
      type: 'Input.Text',
      id: NOTE_INPUT_ID,
      // The limit said where it applies: Teams stops typing (and cuts a paste) at maxLength without a word.
      label: `Note for ${name} (up to ${NOTE_MAX_LENGTH} characters)`,
      placeholder: `Add a note for ${name} (optional)`,
      isMultiline: true,
      maxLength: NOTE_MAX_LENGTH,
      separator: true,
      spacing: 'medium',
      ...(problem ? { value: problem.note, errorMessage: capitalized(problem.message) } : {}),
    },
    {
      type: 'ActionSet',
      actions: [execute(VERBS.approve, vm, { title: 'Approve', style: 'positive' }), execute(VERBS.decline, vm, { title: 'Decline', style: 'destructive' })],
    },
    small(expiryLine(state)),
  ];
}

function waiting(vm: ApprovalCardVM, state: Pending): CardElement[] {
  return [banner('emphasis', waitingFor(vm.deciderNames ?? []), [expiryLine(state)])];
}

/** "Waiting for Dana Kim's decision"; with several deciders (program admins) it names a few. */
function waitingFor(names: string[]): string {
  const safe = names.map(escapeMarkdown);
  if (safe.length === 0) return "Waiting for the manager's decision";
  if (safe.length === 1) return `Waiting for ${safe[0]}'s decision`;
  if (safe.length <= 3) return `Waiting for a decision from ${safe.slice(0, -1).join(', ')} or ${safe.at(-1)}`;
  return `Waiting for a decision from ${safe.slice(0, 2).join(', ')} or one of ${safe.length - 2} other program admins`;
}

/**
 * The agenda in a pair's group chat before a session: when it is for each of them, the topic,
 * both people's goals, and the shared action items, which either of them can tick off or add to.
 * The bot posts it once per session and edits it in place; the refresh lists both people so each
 * sees it as it stands when they open the chat.
 */
import { AGENDA_ITEM_MAX, VERBS } from './actions.ts';
import { MAX_REFRESH_USER_IDS } from './approval.ts';
import { actionSet, adaptiveCard, banner, container, heading, openUrl, small, text, type ActionExecute, type AdaptiveCard, type CardElement, type Refresh } from './common.ts';
import { escapeMarkdown, firstName, oneLine, plainText } from './format.ts';
import type { AgendaCardVM, AgendaItemVM } from './types.ts';

/** The id of the new item's input: Teams merges it into the add action's data as `newItem`. */
export const NEW_ITEM_INPUT_ID = 'newItem';
/** Items listed on the card, open ones first; the rest are in the tab (keeps the card small). */
export const MAX_AGENDA_ITEMS_SHOWN = 10;
/** How much of an item a button's title repeats, so the button still fits on a phone. */
const ITEM_IN_TITLE_MAX = 40;

/** The agenda for one session, the same for both people. */
export function agendaCard(vm: AgendaCardVM): AdaptiveCard {
  // A click that could not be taken: say why above the card as it stands, so the items stay in reach.
  const notice = vm.notice ? [banner('attention', 'That did not work', [escapeMarkdown(vm.notice)])] : [];
  const body: CardElement[] = [...notice, ...header(vm), ...stateBanner(vm), ...times(vm), ...topic(vm), ...goals(vm), ...items(vm), ...addItem(vm)];
  return adaptiveCard(body, { refresh: refreshFor(vm), actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText: fallback(vm) });
}

/** Both people refresh automatically (read-only: agenda.refresh never changes anything). */
function refreshFor(vm: AgendaCardVM): Refresh {
  return {
    action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshAgenda, data: { sessionId: vm.sessionId } },
    userIds: [...new Set(vm.userIds)].slice(0, MAX_REFRESH_USER_IDS),
  };
}

function fallback(vm: AgendaCardVM): string {
  const what = `session ${vm.n} of ${vm.of} of ${vm.program.name}: ${vm.topic.title}`;
  if (vm.state === 'cancelled') return `Cancelled: ${what}.`;
  return `Agenda for ${what}.`;
}

/** "Session 3 of 12: Prompting Copilot well", then "**Flipside 2026–27** · Ana and Raj". */
function header(vm: AgendaCardVM): CardElement[] {
  const names = `${escapeMarkdown(firstName(vm.mentor.displayName))} and ${escapeMarkdown(firstName(vm.mentee.displayName))}`;
  return [heading(`Session ${vm.n} of ${vm.of}: ${oneLine(vm.topic.title)}`), text(`**${oneLine(vm.program.name)}** · agenda for ${names}`, { spacing: 'small', isSubtle: true })];
}

function stateBanner(vm: AgendaCardVM): CardElement[] {
  const note = vm.note ? [escapeMarkdown(vm.note)] : [];
  switch (vm.state) {
    case 'upcoming':
      return [];
    case 'moved':
      return [banner('attention', 'This session was moved', note.length ? note : ['It is at a new time in Outlook; the times below are the new ones.'])];
    case 'cancelled':
      return [banner('emphasis', 'This session was cancelled', [...note, 'There is nothing to join. You can still tick off your action items.'])];
    case 'past':
      return [small('This session has ended. You can still tick off your action items and add new ones.')];
  }
}

/** One line per person, each in their own zone, and the join link while there is a meeting ahead. */
function times(vm: AgendaCardVM): CardElement[] {
  const lines = vm.times.map((t, i) => text(`**${oneLine(t.name)}:** ${oneLine(t.when)}`, { spacing: i === 0 ? 'medium' : 'none' }));
  const canJoin = vm.joinUrl && (vm.state === 'upcoming' || vm.state === 'moved');
  return canJoin ? [...lines, actionSet([openUrl('Join on Teams', vm.joinUrl!)])] : lines;
}

function topic(vm: AgendaCardVM): CardElement[] {
  const description = vm.topic.description.trim();
  if (!description) return [];
  return [text('**Topic**', { spacing: 'medium' }), text(escapeMarkdown(description), { spacing: 'small' })];
}

function goals(vm: AgendaCardVM): CardElement[] {
  const people = vm.goals.filter((p) => p.goals.length > 0);
  // One TextBlock per goal: a goal's stray markdown cannot reach into the next one.
  return people.map((p) => container([text(`**${oneLine(p.name)}'s goals**`), ...p.goals.map((g, i) => text(`${i + 1}. ${oneLine(g)}`, { spacing: 'small' }))], { spacing: 'medium' }));
}

function items(vm: AgendaCardVM): CardElement[] {
  const ordered = [...vm.items.filter((i) => !i.done), ...vm.items.filter((i) => i.done)];
  const shown = ordered.slice(0, MAX_AGENDA_ITEMS_SHOWN);
  const body: CardElement[] = [text('**Action items**', { spacing: 'medium', separator: true })];
  if (shown.length === 0) body.push(small(vm.state === 'cancelled' ? 'No action items yet.' : 'No action items yet. Add one below for either of you.'));
  for (const item of shown) body.push(itemRow(vm, item));
  if (ordered.length > shown.length) body.push(small(`And ${ordered.length - shown.length} more in Flipside.`));
  return body;
}

/** "☐ Set up Copilot · added by Ana" and its toggle; a done item is checked and can be reopened. */
function itemRow(vm: AgendaCardVM, item: AgendaItemVM): CardElement {
  const line = item.done ? `✅ ${oneLine(item.text)} · done` : `☐ ${oneLine(item.text)} · added by ${oneLine(item.by)}`;
  return container([text(line, item.done ? { isSubtle: true } : {}), actionSet([toggleAction(vm, item)], { spacing: 'small' })], { spacing: 'small' });
}

/**
 * The button's title names the item, so a screen reader (or a glance) knows which one it ticks.
 * `associatedInputs: 'none'`: a tick must not wait on (or send) the new-item box below.
 */
function toggleAction(vm: AgendaCardVM, item: AgendaItemVM): ActionExecute {
  const name = `“${shortened(plainText(item.text), ITEM_IN_TITLE_MAX)}”`;
  return {
    type: 'Action.Execute',
    verb: VERBS.toggleAgendaItem,
    title: item.done ? `Mark ${name} not done` : `Mark ${name} done`,
    data: { sessionId: vm.sessionId, itemId: item.id, done: !item.done },
    associatedInputs: 'none',
  };
}

/** A box and a button; not on a cancelled session, where there is nothing to prepare for. */
function addItem(vm: AgendaCardVM): CardElement[] {
  if (vm.state === 'cancelled') return [];
  return [
    {
      type: 'Input.Text',
      id: NEW_ITEM_INPUT_ID,
      label: 'Add an action item',
      placeholder: 'Something one of you will do, e.g. "Try Copilot on the weekly report"',
      maxLength: AGENDA_ITEM_MAX,
      isRequired: true,
      errorMessage: 'Write the item first, then add it.',
      spacing: 'medium',
    },
    actionSet([
      {
        type: 'Action.Execute',
        verb: VERBS.addAgendaItem,
        title: 'Add item',
        // The version travels with the click, so an add on a card that has since changed is recognised.
        data: { sessionId: vm.sessionId, version: vm.version },
        associatedInputs: 'auto',
      },
    ]),
  ];
}

function shortened(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max
    ? value
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/**
 * The booking card in a pair's group chat (the two people and Flipside): the times on offer, then
 * the booked series. The bot posts it once and edits that message for both as the state changes,
 * so there is one view: whoever looks sees the same card.
 */
import { VERBS } from './actions.ts';
import {
  actionSet,
  adaptiveCard,
  banner,
  container,
  factSet,
  heading,
  openUrl,
  small,
  text,
  type ActionExecute,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Refresh,
} from './common.ts';
import { capitalized, escapeMarkdown, firstName, formatDate, oneLine, plural } from './format.ts';
import type { BookingCardState, BookingCardVM, SlotOptionVM } from './types.ts';

/** Times offered at once: more is a chore to compare in a chat. */
export const MAX_SLOT_OPTIONS = 3;

type State<K extends BookingCardState['kind']> = Extract<BookingCardState, { kind: K }>;

/** The card for the pair's current booking state; every state carries the same read-only refresh. */
export function bookingCard(vm: BookingCardVM): AdaptiveCard {
  const { body, fallbackText } = content(vm);
  // A click that could not be taken: say why above the card as it stands, so the choices stay in reach.
  const notice = vm.notice ? [banner('attention', 'That did not work', [escapeMarkdown(vm.notice)])] : [];
  return adaptiveCard([...notice, ...body], { refresh: refreshFor(vm), actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText });
}

/**
 * `userIds: []`, always: both people see the same card and the bot edits the posted message for
 * both, so no client should refresh on its own (an omitted list would make every member of the
 * chat refresh automatically; see refreshFor in approval.ts). The action stays for the "Refresh
 * card" menu item, a read-only way to catch up should a message edit have been lost.
 */
function refreshFor(vm: BookingCardVM): Refresh {
  return { action: { type: 'Action.Execute', title: 'Refresh', verb: VERBS.refreshBooking, data: { programId: vm.programId, menteeId: vm.menteeId } }, userIds: [] };
}

function content(vm: BookingCardVM): { body: CardElement[]; fallbackText: string } {
  const s = vm.state;
  switch (s.kind) {
    case 'finding':
      return {
        body: [
          heading('🔎 Finding a time that suits you both…'),
          text(`${summary(vm)}.`, { spacing: 'small' }),
          text('Flipside is reading both your calendars. The best times will appear right here in a moment.', { spacing: 'small' }),
        ],
        fallbackText: `Flipside is finding a time for your ${vm.program.name} sessions.`,
      };
    case 'offer':
      return { body: offer(vm, s), fallbackText: `Pick a time for your ${vm.program.name} sessions.` };
    case 'booking':
      return {
        body: [
          heading('⏳ Booking your mentoring sessions…'),
          text(`${capitalized(oneLine(s.pickedBy))} picked this time. Flipside is adding the series to both your calendars.`, { spacing: 'small' }),
          container(timeLines(s.slot), { spacing: 'medium' }),
        ],
        fallbackText: `Booking your ${vm.program.name} sessions, picked by ${s.pickedBy}.`,
      };
    case 'booked':
      return { body: booked(vm, s), fallbackText: `Booked: your ${vm.program.name} sessions, from ${dateText(s.firstSession)}.` };
    case 'unbookable':
      return {
        body: [
          heading("Flipside couldn't find a time"),
          text(`${summary(vm)}.`, { spacing: 'small' }),
          text(escapeMarkdown(s.reason), { spacing: 'medium' }),
          ...bullets('**What could work**', s.alternatives),
          actionSet([rescheduleAction(vm, 'Try again')]),
        ],
        fallbackText: `Flipside couldn't find a time for your ${vm.program.name} sessions.`,
      };
    case 'ended':
      return {
        body: [heading('This series has ended'), text(`${summary(vm)}.`, { spacing: 'small' }), text(escapeMarkdown(s.reason), { spacing: 'medium' })],
        fallbackText: `Your ${vm.program.name} meeting series has ended.`,
      };
  }
}

/** "**Flipside 2026–27** · 45-minute sessions for Ana and Raj". */
function summary(vm: BookingCardVM): string {
  const names = `${escapeMarkdown(firstName(vm.mentor.displayName))} and ${escapeMarkdown(firstName(vm.mentee.displayName))}`;
  return `**${escapeMarkdown(vm.program.name)}** · ${vm.durationMinutes}-minute sessions for ${names}`;
}

function offer(vm: BookingCardVM, s: State<'offer'>): CardElement[] {
  const slots = s.slots.slice(0, MAX_SLOT_OPTIONS);
  const body: CardElement[] = [heading('📅 Pick a time for your mentoring sessions'), text(`${summary(vm)}.`, { spacing: 'small' })];
  if (slots.length === 0) {
    body.push(text('Flipside has no times to offer right now.', { spacing: 'medium' }));
    return [...body, actionSet([rescheduleAction(vm, 'Find other times')])];
  }
  // Nothing fit as asked: say so, and that these are the nearest options, each saying what it asks.
  if (s.note) body.push(text(`${capitalized(oneLine(s.note))}. These come closest:`, { spacing: 'small' }));
  body.push(small('Each of you sees your own local time. Either of you can pick; Flipside books it in both calendars.'));
  slots.forEach((slot, i) => {
    // A label people can say in the chat ("option 2 works for me?").
    const label = slots.length > 1 ? [text(`**Option ${i + 1}**`)] : [];
    const concerns = slot.concerns.map((c) => small(`⚠️ ${capitalized(oneLine(c))}`, { color: 'warning' }));
    body.push(
      container([...label, ...timeLines(slot), small(capitalized(escapeMarkdown(slot.fit))), ...concerns, actionSet([pickAction(vm, slot, slots.length > 1 ? i + 1 : null)])], {
        separator: true,
        spacing: 'medium',
      }),
    );
  });
  body.push(actionSet([rescheduleAction(vm, 'None of these work — find other times')], { separator: true, spacing: 'medium' }));
  return body;
}

function booked(vm: BookingCardVM, s: State<'booked'>): CardElement[] {
  const by = s.pickedBy ? ` Picked by ${oneLine(s.pickedBy)}.` : '';
  const actions: CardAction[] = [];
  if (s.joinUrl) actions.push(openUrl('Join on Teams', s.joinUrl));
  actions.push(rescheduleAction(vm, 'Find another time'));
  return [
    heading('✅ Booked: your mentoring sessions'),
    text(`${summary(vm)}.`, { spacing: 'small' }),
    text(`It's in both your calendars.${by}`, { spacing: 'small' }),
    container(timeLines(s.slot), { spacing: 'small' }),
    factSet(
      [
        { title: 'How often', value: `${capitalized(oneLine(s.cadenceWords))}, ${plural(s.sessions, 'session')}` },
        { title: 'First session', value: dateText(s.firstSession) },
        { title: 'Last session', value: dateText(s.lastSession) },
      ],
      { spacing: 'medium' },
    ),
    actionSet(actions),
  ];
}

/** One line per person, each in their own zone: "**Ana:** Tuesdays 10:00–10:45 (London time)". */
function timeLines(slot: SlotOptionVM): CardElement[] {
  return slot.times.map((t, i) => text(`**${oneLine(t.name)}:** ${oneLine(t.when)}`, { spacing: i === 0 ? 'small' : 'none' }));
}

function bullets(title: string, items: string[]): CardElement[] {
  if (items.length === 0) return [];
  return [text(title, { spacing: 'medium' }), text(items.map((a) => `- ${oneLine(a)}`).join('\n'), { spacing: 'small' })];
}

/** "free for both…" as the start of a line: "Free for both…". */
/**
 * A session date: an ISO date ("2026-12-01") is put in words like every other card's dates; a date
 * the use case already put in words in the organizer's zone ("Tue 1 Dec 2026") is shown as it is.
 */
function dateText(value: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? formatDate(value) : oneLine(value);
}

/**
 * The version travels with every click, so a pick on a card that has since changed is recognised.
 * Each pick has its own accessible name: renderers read the title as the button's name, so with
 * several options it names the option ("Pick option 2", as labelled above it), and the tooltip
 * says which time in each person's clock.
 */
function pickAction(vm: BookingCardVM, slot: SlotOptionVM, option: number | null): ActionExecute {
  const times = [...new Set(slot.times.map((t) => oneLine(t.when)))].join(' / ');
  return {
    type: 'Action.Execute',
    verb: VERBS.pickSlot,
    title: option === null ? 'Pick this time' : `Pick option ${option}`,
    tooltip: `Pick ${times}`,
    style: 'positive',
    data: { programId: vm.programId, menteeId: vm.menteeId, slotId: slot.id, version: vm.version },
  };
}

function rescheduleAction(vm: BookingCardVM, title: string): ActionExecute {
  return { type: 'Action.Execute', verb: VERBS.reschedule, title, data: { programId: vm.programId, menteeId: vm.menteeId, version: vm.version } };
}

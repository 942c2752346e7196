export { evaluateSlot, findRecurringSlots } from './find-slots.ts';
export { expandOccurrences, parseSlotId, slotId, toRecurrence, type SlotDefinition } from './recurrence.ts';
export { DAYS_OF_WEEK } from './calendar-days.ts';
export * from './types.ts';

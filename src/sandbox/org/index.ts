/**
 * The sandbox tenant's organisation: a seeded, realistic company of any size (10 to 100,000
 * people) with lazily generated calendars and named edge-case personas. The sandbox Graph
 * server serves it; nothing outside the sandbox should import it.
 */
export type { CalendarItem, Office, PersonaKey, SandboxOrg, SandboxPerson, Weekday } from './types.ts';
export { generateOrg, MAX_ORG_SIZE, MIN_ORG_SIZE, REFERENCE_DATE, SANDBOX_DOMAIN } from './generate.ts';
export { applyManagerChange } from './personas.ts';
export { generatedCalendar, generatedItems, type GeneratedItem } from './calendar.ts';
export { OFFICES } from './offices.ts';

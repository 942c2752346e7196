import type { z } from 'zod';
import type { CardActor } from '../app/shared/actor.ts';
import type { AdaptiveCard } from '../cards/index.ts';

/**
 * One Action.Execute verb: the data its card sends (validated when the click comes back), what
 * a click does, and what an automatic refresh shows. Each feature registers its own verbs.
 */
export interface VerbRegistration<S extends z.ZodType = z.ZodType> {
  verb: string;
  data: S;
  /** The error card's title when this person may not take the action ("Not your pair"). */
  refusedTitle: string;
  /** The card as it stands for this person. An automatic refresh answers this, whatever the verb: it only ever reads. */
  view(actor: CardActor, data: z.infer<S>): Promise<AdaptiveCard>;
  /** What a click does; a verb without it only views (a refresh verb). */
  act?(actor: CardActor, data: z.infer<S>): Promise<AdaptiveCard>;
}

/** Types a registration from its schema. */
export const defineVerb = <S extends z.ZodType>(registration: VerbRegistration<S>): VerbRegistration<S> => registration;

export type ParsedVerb = { ok: true; registration: VerbRegistration; data: unknown } | { ok: false; field: string; message: string };

/** A value a client sent, for an error message: a string in quotes (cut short), anything else by its type. */
export const quoted = (value: unknown): string => (typeof value === 'string' ? `"${value.slice(0, 60)}"` : `(${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value})`);

/** Every verb the bot answers. Adding a verb is one registration. */
export class VerbRegistry {
  // A Map, not an object: a verb such as "__proto__" or "toString" names nothing here.
  private readonly verbs = new Map<string, VerbRegistration>();

  constructor(registrations: readonly VerbRegistration[]) {
    for (const r of registrations) {
      if (this.verbs.has(r.verb)) throw new Error(`The verb ${r.verb} is registered twice.`);
      this.verbs.set(r.verb, r);
    }
  }

  has(verb: string): boolean {
    return this.verbs.has(verb);
  }

  /** The registration behind a click and its validated data, or what is wrong in words. */
  parse(verb: unknown, data: unknown): ParsedVerb {
    const registration = typeof verb === 'string' ? this.verbs.get(verb) : undefined;
    if (!registration) return { ok: false, field: 'action.verb', message: `Unknown action ${quoted(verb)}.` };
    const parsed = registration.data.safeParse(data ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, field: issue.path.join('.') || 'action.data', message: issue.message };
    }
    return { ok: true, registration, data: parsed.data };
  }
}

import { ApiRequestError } from './api.ts';

/** Error messages keyed by the field's dotted path in the request body (`goals.0`, `topics.3.id`). */
export type FieldErrors = Record<string, string>;

/** The DOM id of a field's wrapper, from its path: the error summary links to it. */
export const fieldId = (form: string, path: string): string => `${form}-${path.replace(/[^a-zA-Z0-9_-]+/g, '-')}`;

/**
 * The server's terse validation message as a sentence: "is required" on `goals.1` with the label
 * "Goal 2" becomes "Goal 2 is required."; "choose at least one topic" becomes "Choose at least one topic.".
 * Domain errors arrive prefixed with their field ("teach.0.topicId: …"): the prefix goes.
 */
export function sentence(message: string, path: string | undefined, label: string | undefined): string {
  let text = message.trim();
  if (path && text.startsWith(`${path}: `)) text = text.slice(path.length + 2);
  text = plainZod(text);
  if (/^(is|must|needs|should)\b/.test(text)) text = `${label ?? 'This field'} ${text}`;
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** zod's built-in messages ("Too big: expected number to be <=10") in the contract's own words. */
function plainZod(text: string): string {
  const big = /^Too big: expected \w+ to (?:be|have) <=?\s*(\S+)/.exec(text);
  if (big) return `must be at most ${big[1]}`;
  const small = /^Too small: expected \w+ to (?:be|have) >=?\s*(\S+)/.exec(text);
  if (small) return `must be at least ${small[1]}`;
  if (/^Invalid input: expected number/.test(text)) return 'must be a number';
  if (/^Invalid (input|option)/.test(text)) return 'must be one of the choices';
  return text;
}

/** A failed save: its message on a field when the server named one this form shows, otherwise on the form. */
export interface SubmitFailure {
  fields: FieldErrors;
  form: { title: string; message: string; correlationId?: string | undefined } | null;
}

/**
 * Places an API error on the form: `resolve` maps the server's path to one of the form's paths
 * (or null when the form has no such field) and names it for the sentence.
 */
export function placeError(error: unknown, resolve: (path: string) => { path: string; label: string } | null): SubmitFailure {
  if (error instanceof ApiRequestError) {
    const target = error.field && error.status >= 400 && error.status < 500 ? resolve(error.field) : null;
    if (target) return { fields: { [target.path]: sentence(error.message, error.field, target.label) }, form: null };
    return {
      fields: {},
      form: { title: error.status === 0 ? 'Not saved: Flipside could not be reached' : 'Not saved', message: sentence(error.message, error.field, undefined), correlationId: error.correlationId },
    };
  }
  return { fields: {}, form: { title: 'Not saved', message: 'The tab hit an unexpected problem. Reload the page and try again.' } };
}

/** Moves focus to a field from the error summary: to its first control, and into view. */
export function focusField(id: string): void {
  const wrapper = document.getElementById(id);
  if (!wrapper) return;
  const control = wrapper.matches('input, textarea, select, button') ? wrapper : wrapper.querySelector<HTMLElement>('input:not([disabled]), textarea, select, button:not([disabled])');
  wrapper.scrollIntoView({ block: 'center' });
  (control ?? wrapper).focus({ preventScroll: true });
}

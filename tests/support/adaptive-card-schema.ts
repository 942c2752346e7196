import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

/** shared/reference/ sits beside the repository (CI clones the repo with shared/ next to it). */
const SCHEMA_PATH = fileURLToPath(new URL('../../../shared/reference/adaptive-card.schema.json', import.meta.url));

let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!validate) {
    // The schema is draft-06 and strict (additionalProperties: false, enums for every type).
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft06);
    addFormats.default(ajv);
    // Draft-06 names the schema's URI `id`; ajv 8 only reads `$id` (same meaning since draft-06).
    const { id, ...schema } = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { id?: string } & Record<string, unknown>;
    validate = ajv.compile({ ...schema, $id: id });
  }
  return validate;
}

/**
 * Validates a card against the vendored Adaptive Cards 1.5 schema. Returns the problems found
 * (path and message), empty when the card conforms.
 */
export function adaptiveCardProblems(card: unknown): string[] {
  const v = validator();
  return v(card) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

/** The card's JSON in UTF-8 bytes, the figure held against the 28 KB card budget. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

type Node = Record<string, unknown> & { type: string };

/**
 * Every typed node of a card (elements, actions, inputs), depth first, with where it sits:
 * `refresh` for the card's refresh action, `actions` for the top-level action bar, `body` otherwise.
 */
export function cardNodes(card: unknown): { node: Node; in: 'body' | 'actions' | 'refresh' }[] {
  const out: { node: Node; in: 'body' | 'actions' | 'refresh' }[] = [];
  const visit = (value: unknown, where: 'body' | 'actions' | 'refresh'): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, where));
    if (!value || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type !== 'AdaptiveCard') out.push({ node: o as Node, in: where });
    for (const [key, child] of Object.entries(o)) {
      if (o.type === 'AdaptiveCard') visit(child, key === 'refresh' ? 'refresh' : key === 'actions' ? 'actions' : 'body');
      else if (key !== 'data') visit(child, where);
    }
  };
  visit(card, 'body');
  return out;
}

/** Every TextBlock text and Fact title / value of a card: what a person reads. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  for (const { node } of cardNodes(card)) {
    if (node.type === 'TextBlock' && typeof node.text === 'string') out.push(node.text);
    if (node.type === 'FactSet') for (const f of node.facts as { title: string; value: string }[]) out.push(f.title, f.value);
  }
  return out;
}

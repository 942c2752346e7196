import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** shared/reference/ sits beside the repository (CI clones the repo with shared/ next to it). */
export const referencePath = (file: string) => fileURLToPath(new URL(`../../../shared/reference/${file}`, import.meta.url));

type Json = Record<string, unknown>;

/**
 * A Graph v1.0 slice with the two documented quirks of SOURCES.md fixed for validating real or
 * mock responses: `@odata.type` is not required, and InnerError.date may come without an offset.
 */
export function loadGraphSlice(file = 'graph-v1.0-slice.openapi.json'): Json {
  const doc = JSON.parse(readFileSync(referencePath(file), 'utf8')) as Json;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Json;
    if (Array.isArray(o.required)) {
      o.required = (o.required as string[]).filter((r) => r !== '@odata.type');
      if ((o.required as string[]).length === 0) delete o.required;
    }
    Object.values(o).forEach(visit);
  };
  visit(doc);
  const inner = ((doc.components as Json).schemas as Json)['microsoft.graph.ODataErrors.InnerError'] as Json;
  const date = (inner.properties as Json | undefined)?.date as Json | undefined;
  if (date) {
    delete date.pattern;
    delete date.format;
  }
  return doc;
}

let ajv: Ajv | undefined;
let slice: Json | undefined;
const cache = new Map<string, ValidateFunction>();

/**
 * Validates a Graph answer against the response schema the slice gives for that path, method and
 * status class (2XX / 4XX / 5XX). Returns the problems found, empty when it conforms.
 */
export function graphResponseProblems(method: string, pathTemplate: string, status: number, body: unknown): string[] {
  if (!ajv || !slice) {
    slice = loadGraphSlice();
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats.default(ajv);
    ajv.addSchema(slice, 'graph');
  }
  const key = `${method} ${pathTemplate} ${status}`;
  let validate = cache.get(key);
  if (!validate) {
    const op = ((slice.paths as Json)[pathTemplate] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
    if (!op) throw new Error(`the Graph slice has no ${method} ${pathTemplate}`);
    const responses = op.responses as Json;
    const klass = `${String(status)[0]}XX`;
    let response = (responses[String(status)] ?? responses[klass]) as Json | undefined;
    if (!response) throw new Error(`the Graph slice has no ${klass} response for ${method} ${pathTemplate}`);
    if (typeof response.$ref === 'string') {
      const name = response.$ref.split('/').pop()!;
      response = ((slice.components as Json).responses as Json)[name] as Json;
    }
    const schema = ((response.content as Json)['application/json'] as Json).schema as Json;
    validate = ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"graph#/components/')));
    cache.set(key, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadGraphSlice } from './reference.ts';

type Json = Record<string, unknown>;

/** The Graph v1.0 meetings slice (onlineMeetings, attendance, instances, calendarView, cancel), fixed as reference.ts fixes the first. */
const loadMeetingsSlice = () => loadGraphSlice('graph-v1.0-slice-meetings.openapi.json');

let ajv: Ajv | undefined;
let slice: Json | undefined;
const cache = new Map<string, ValidateFunction>();

/**
 * Problems of a Graph answer against the meetings slice's response schema for that path, method
 * and status (exact, else its class); empty when it conforms. A 2xx the slice gives no body for
 * (`cancel` answers 202 in Graph, the generated slice says 204) must come without one.
 */
export function meetingsResponseProblems(method: string, pathTemplate: string, status: number, body: unknown): string[] {
  if (!ajv || !slice) {
    slice = loadMeetingsSlice();
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats.default(ajv);
    ajv.addFormat('base64url', /^[A-Za-z0-9_-]*={0,2}$/); // Edm.Binary, as the converter writes it
    ajv.addSchema(slice, 'meetings');
  }
  const op = ((slice.paths as Json)[pathTemplate] as Json | undefined)?.[method.toLowerCase()] as Json | undefined;
  if (!op) throw new Error(`the meetings slice has no ${method} ${pathTemplate}`);
  const responses = op.responses as Json;
  const klass = `${String(status)[0]}XX`;
  let response = (responses[String(status)] ?? responses[klass]) as Json | undefined;
  if (!response && klass === '2XX') response = Object.entries(responses).find(([code]) => code.startsWith('2'))?.[1] as Json | undefined;
  if (!response) throw new Error(`the meetings slice has no ${klass} response for ${method} ${pathTemplate}`);
  if (typeof response.$ref === 'string') response = ((slice.components as Json).responses as Json)[response.$ref.split('/').pop()!] as Json;
  if (!response.content) return body === undefined || body === '' ? [] : [`/ the slice gives no body for ${method} ${pathTemplate} ${status}`];
  const key = `${method} ${pathTemplate} ${status}`;
  let validate = cache.get(key);
  if (!validate) {
    const schema = ((response.content as Json)['application/json'] as Json).schema as Json;
    validate = ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"meetings#/components/')));
    cache.set(key, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** Stable error codes: the API, cards and logs use these, never raw messages. */
export type ErrorCode =
  | 'bad_request'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'forbidden'
  /** Entra ID needs the signed-in person's consent first (the tab then asks for it: CONSENT_REQUIRED in contracts/api.ts). */
  | 'consent_required'
  | 'not_found'
  | 'conflict'
  | 'graph_error'
  | 'graph_throttled'
  | 'unavailable'
  | 'internal';

/**
 * The one error type of Flipside. `expose` says whether `message` may be shown to a user;
 * `field` names the input that was wrong, for 400s.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly expose: boolean;
  readonly field: string | undefined;
  readonly status: number;

  constructor(code: ErrorCode, message: string, options: { expose?: boolean; field?: string; cause?: unknown; status?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.expose = options.expose ?? code !== 'internal';
    this.field = options.field;
    this.status = options.status ?? STATUS[code];
  }
}

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  forbidden: 403,
  consent_required: 403,
  not_found: 404,
  conflict: 409,
  graph_error: 502,
  graph_throttled: 503,
  unavailable: 503,
  internal: 500,
};

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { RecordedConversation, SandboxBotConnector } from './connector/connector.ts';
import type { AttendanceOverride, DirectoryChanges, SandboxChat, SandboxEvent, SandboxInstallation, SandboxTenant } from './graph/tenant.ts';
import type { SandboxSubscription } from './graph/subscriptions.ts';
import type { SandboxOrg } from './org/index.ts';
import type { SandboxResponder } from './responder.ts';
import type { SandboxClock } from './time.ts';

/**
 * The sandbox tenant's state across restarts: what Microsoft would have kept (calendars, chats,
 * app installations, online meetings' attendance, subscriptions, the directory's changes, the
 * Teams conversations and their messages), the sandbox clock's lead on real time, who signed in,
 * and what the others already answered. This is the one place that knows which parts are saved.
 *
 * One file (node:v8 serialisation, which keeps Maps and Dates), written whole to a temporary
 * name and renamed, a couple of seconds after a change and on a graceful stop. A file of another
 * version, of another organisation, or that cannot be read is ignored with a warning: the
 * sandbox then starts empty, as before a first start.
 */

/** Bump when the saved shape changes: an older file is then ignored, not misread. */
export const SANDBOX_STATE_VERSION = 1;

/** How soon after a change the state is written (a crash loses at most about this much). */
export const SAVE_AFTER_MS = 2_000;

interface SandboxStateV1 {
  version: 1;
  savedAt: string;
  /** The generated organisation this state belongs to. */
  org: { tenantId: string; seed: number; fingerprint: string };
  clockOffsetMs: number;
  events: SandboxEvent[];
  chats: SandboxChat[];
  installations: SandboxInstallation[];
  attendanceOverrides: [eventId: string, byOccurrence: [originalStart: string, AttendanceOverride][]][];
  subscriptions: SandboxSubscription[];
  directory: DirectoryChanges;
  conversations: RecordedConversation[];
  conversationSeq: number;
  blocked: string[];
  humans: string[];
  responder: { handled: string[]; examined: [string, number][] };
}

/** The parts of a mounted sandbox that are saved. */
export interface PersistedParts {
  tenant: SandboxTenant;
  clock: SandboxClock;
  connector: SandboxBotConnector;
  humans: Set<string>;
  responder: SandboxResponder;
}

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Who the generated organisation is (ids, names, managers, in order): a different org ignores the file. */
export function orgFingerprint(org: SandboxOrg): string {
  const h = createHash('sha256');
  h.update(`${org.tenantId}|${org.seed}|${org.people.length}\n`);
  for (const p of org.people) h.update(`${p.id}|${p.displayName}|${p.mail}|${p.managerId ?? ''}\n`);
  return h.digest('base64url');
}

function capture(parts: PersistedParts, org: SandboxStateV1['org']): SandboxStateV1 {
  const { tenant, clock, connector, humans, responder } = parts;
  return {
    version: 1,
    savedAt: clock.now().toISOString(),
    org,
    clockOffsetMs: clock.offsetMs,
    events: [...tenant.events.values()],
    chats: [...tenant.chats.values()],
    installations: [...tenant.installations.values()],
    attendanceOverrides: [...tenant.attendanceOverrides].map(([id, byOccurrence]) => [id, [...byOccurrence]]),
    subscriptions: [...tenant.subscriptions.subscriptions.values()],
    directory: tenant.directoryChanges(),
    conversations: [...connector.conversations.values()],
    conversationSeq: connector.arrivals,
    blocked: [...connector.blocked],
    humans: [...humans],
    responder: responder.memory(),
  };
}

function restore(parts: PersistedParts, state: SandboxStateV1): void {
  const { tenant, clock, connector, humans, responder } = parts;
  // The clock keeps its lead on real time, so the sandbox's now is never before what it saved.
  if (state.clockOffsetMs > clock.offsetMs) clock.advance(state.clockOffsetMs - clock.offsetMs);
  tenant.restoreDirectoryChanges(state.directory);
  for (const e of state.events) tenant.events.set(e.id, e);
  for (const c of state.chats) tenant.chats.set(c.id, c);
  for (const i of state.installations) tenant.restoreInstallation(i);
  for (const [id, byOccurrence] of state.attendanceOverrides) tenant.attendanceOverrides.set(id, new Map(byOccurrence));
  for (const s of state.subscriptions) tenant.subscriptions.subscriptions.set(s.id, s);
  connector.restoreConversations(state.conversations, state.conversationSeq);
  for (const id of state.blocked) connector.blocked.add(id);
  for (const id of state.humans) humans.add(id);
  responder.remember(state.responder);
}

/** Reads a state file: the state, or why it is not used (missing, unreadable, another version). */
export function readSandboxState(file: string): { state: SandboxStateV1 } | { missing: true } | { problem: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    return { problem: `cannot be read (${(error as Error).message})` };
  }
  let value: unknown;
  try {
    value = deserialize(bytes);
  } catch (error) {
    return { problem: `is not a sandbox state file (${(error as Error).message})` };
  }
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if (version !== SANDBOX_STATE_VERSION) return { problem: `has version ${String(version)}, this Flipside reads version ${SANDBOX_STATE_VERSION}` };
  return { state: value as SandboxStateV1 };
}

/**
 * Keeps a mounted sandbox's state in `file`: `load()` once at start (before the jobs run), then
 * `changed()` after anything that may have changed it, and `close()` on a graceful stop.
 */
export class SandboxPersistence {
  private readonly org: SandboxStateV1['org'];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly parts: PersistedParts,
    private readonly log: Log,
  ) {
    const { org } = parts.tenant;
    // Taken before anything is restored: the organisation as generated.
    this.org = { tenantId: org.tenantId, seed: org.seed, fingerprint: orgFingerprint(org) };
  }

  /**
   * Restores the saved state, unless there is none, it is unusable, or `discard` says why not
   * (Flipside's own data is new: the sandbox then starts afresh with it). Returns whether it restored.
   */
  load(discard?: string): boolean {
    const read = readSandboxState(this.file);
    if ('missing' in read) return false;
    if (discard) {
      this.log.info({ file: this.file }, `sandbox state ignored: ${discard}; the sandbox starts afresh`);
      return false;
    }
    if ('problem' in read) {
      this.log.warn({ file: this.file }, `sandbox state ignored: the file ${read.problem}; the sandbox starts afresh`);
      return false;
    }
    const { org } = read.state;
    if (org.tenantId !== this.org.tenantId || org.seed !== this.org.seed || org.fingerprint !== this.org.fingerprint) {
      this.log.warn(
        { file: this.file, saved: { seed: org.seed }, now: { seed: this.org.seed } },
        'sandbox state ignored: it was saved for another organisation (seed, size or generator changed); the sandbox starts afresh',
      );
      return false;
    }
    restore(this.parts, read.state);
    this.log.info({ file: this.file, savedAt: read.state.savedAt, events: read.state.events.length, chats: read.state.chats.length }, 'sandbox state restored');
    return true;
  }

  /** Something may have changed: write within SAVE_AFTER_MS (once, however many changes come meanwhile). */
  changed(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.saveNow();
    }, SAVE_AFTER_MS);
    this.timer.unref();
  }

  /** Writes the whole state now: to a temporary file, then renamed over the old one, so a crash mid-write leaves the old one. */
  saveNow(): void {
    try {
      const state = capture(this.parts, this.org);
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, serialize(state));
      renameSync(tmp, this.file);
    } catch (error) {
      this.log.warn({ file: this.file, err: error }, 'could not save the sandbox state; trying again at the next change');
    }
  }

  /** The last write, on a graceful stop. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.saveNow();
  }
}

import type { DirectoryChange, DirectoryPerson } from '../../domain/shared/directory.ts';

/** One page of a directory delta round. The last page carries the link that starts the next round. */
export interface DirectoryPage {
  changes: DirectoryChange[];
  deltaLink: string | undefined;
}

/** Reads the org chart from the identity provider (Microsoft Graph users/delta). */
export interface DirectorySource {
  /**
   * Streams one delta round: from scratch without a link, or only the changes since `deltaLink`.
   * @throws AppError `graph_error` when Graph refuses; a link Graph has forgotten gives code `conflict`.
   */
  delta(deltaLink: string | undefined): AsyncIterable<DirectoryPage>;
}

export interface SyncState {
  deltaLink: string;
  lastFullSyncAt: Date;
  lastSyncAt: Date;
}

/** A person with their place in the hierarchy. */
export interface PlacedPerson extends DirectoryPerson {
  /** Depth in the hierarchy: 0 for the top (no manager), 1 for their reports, … */
  level: number;
}

/** How a profile names the people around a person. */
export interface PersonSummary {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}

/** A person's profile, read at once: the person, their managers (nearest first), reports, and optionally the directory's size and freshness. */
export interface ProfileRecord {
  person: PlacedPerson;
  managers: PersonSummary[];
  reports: PersonSummary[];
  directory?: { people: number; lastSyncAt: Date | null };
}

/** The synced org chart, per tenant. Levels and reporting lines are kept as the chart changes, so reading them never walks it. */
export interface DirectoryRepository {
  ensureTenant(tenantId: string): Promise<void>;
  /** Applies one page of changes; idempotent, so a round replayed after a failure is harmless. */
  applyChanges(tenantId: string, changes: DirectoryChange[], at: Date): Promise<void>;
  /** After a full round that started at `since`: people it did not return have left. */
  markUnseenRemoved(tenantId: string, since: Date): Promise<void>;
  getSyncState(tenantId: string): Promise<SyncState | undefined>;
  saveSyncState(tenantId: string, deltaLink: string, full: boolean, at: Date): Promise<void>;
  /** Active or disabled people, not removed ones. */
  countPeople(tenantId: string): Promise<number>;
  getPerson(tenantId: string, id: string): Promise<PlacedPerson | undefined>;
  /** A present person's profile in one query (`withDirectory`: also the tenant's head count and last sync). */
  profile(tenantId: string, id: string, withDirectory: boolean): Promise<ProfileRecord | undefined>;
  /** Many people at once, without their place in the chart (one query): for cards that only name them. Removed people are absent. */
  getPeople(tenantId: string, ids: readonly string[]): Promise<Map<string, DirectoryPerson>>;
  /** The person's managers, nearest first, up to the top. Stops at a cycle rather than looping. */
  managerChain(tenantId: string, id: string): Promise<DirectoryPerson[]>;
  directReports(tenantId: string, id: string): Promise<DirectoryPerson[]>;
  /** True when one of the two is in the other's manager chain. */
  inSameReportingLine(tenantId: string, a: string, b: string): Promise<boolean>;
}

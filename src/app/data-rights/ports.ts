/**
 * What Flipside holds about a person, table by table (the store's inventory): exported on request,
 * erased on "leave and delete" or after they left the directory.
 */

/** One section of a person's export: records as stored (ids, codes, their own text), never another person's private text. */
export type ExportSections = Record<string, Record<string, unknown>[]>;

/** Who is erased and the pseudonym that replaces their id in the rows that stay (counts, the audit log). */
export interface ErasureSubject {
  tenantId: string;
  userId: string;
  pseudonym: string;
  /** Their display name, mail and UPN as the directory had them, to find them in text (cards queued for others). */
  names: string[];
}

export interface ErasureRequest {
  id: string;
  tenantId: string;
  /** Null once done: nothing keeps their id. */
  userId: string | null;
  pseudonym: string;
  reason: 'asked' | 'left_directory';
  state: 'waiting' | 'erased' | 'done';
  requestedAt: Date;
  erasedAt: Date | null;
  doneAt: Date | null;
}

export interface PrivacyRepository {
  /** Everything about the person, one section per kind of record. */
  exportPerson(tenantId: string, userId: string): Promise<ExportSections>;
  /**
   * Erases the person from every table of the inventory but two, in the caller's transaction: rows
   * that are theirs alone are deleted, rows that count in aggregates keep the pseudonym instead of
   * their id, their free text is deleted and text that names them is redacted. Their 1:1
   * conversation and the cards queued to them stay, for the card that says it is done
   * ({@link forgetPerson} deletes those).
   */
  erasePerson(subject: ErasureSubject): Promise<void>;
  /** The last of them: their 1:1 conversation and every card to them. */
  forgetPerson(tenantId: string, userId: string): Promise<void>;
  /** Their display name, mail and UPN as the directory holds them (removed from it or not), to find them in text. */
  namesOf(tenantId: string, userId: string): Promise<string[]>;
  /** Which of these ids are pseudonyms of erased people. */
  pseudonymsAmong(tenantId: string, ids: readonly string[]): Promise<string[]>;

  /** A new request, or the open one of this person (one at a time). */
  openRequest(request: ErasureRequest): Promise<ErasureRequest>;
  requestOf(tenantId: string, userId: string): Promise<ErasureRequest | undefined>;
  /** Requests not done yet, oldest first. */
  unfinished(limit: number): Promise<ErasureRequest[]>;
  saveRequest(request: ErasureRequest): Promise<void>;
  /** People the directory sync marked removed before `before`, with no erasure yet. */
  removedBefore(before: Date, limit: number): Promise<{ tenantId: string; userId: string }[]>;
  /** Bookings of the person still moving in Outlook (found, being booked or being ended, or ended with its future sessions not cancelled yet): erasure waits for them. */
  bookingsInFlight(tenantId: string, userId: string): Promise<number>;
  /** Cards still queued that name the person (their partner told they left): erasure waits for them to go. */
  queuedCardsNaming(subject: ErasureSubject): Promise<number>;
}

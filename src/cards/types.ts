/** View-models the card builders take. Plain data; the builders are pure functions of them. */

export interface PersonRef {
  id: string; // Entra object id
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}

export interface TopicChoiceVM {
  name: string;
  level: number; // 1–5, self-rated
}

export type ApprovalState =
  | { kind: 'pending'; remindedAt: string | null; expiresAt: string }
  | { kind: 'approved' | 'declined'; by: PersonRef; at: string; note: string | null }
  | { kind: 'expired'; at: string }
  | { kind: 'withdrawn'; at: string };

/** The manager's approval request for one enrollment. */
export interface ApprovalCardVM {
  enrollmentId: string;
  /** Bumped on every change; actions carry it so stale clicks are recognised. */
  version: number;
  employee: PersonRef;
  program: { id: string; name: string; startsOn: string; endsOn: string };
  role: 'mentor' | 'mentee' | 'both';
  teach: TopicChoiceVM[];
  learn: TopicChoiceVM[];
  goals: string[];
  cadence: 'weekly' | 'biweekly' | 'monthly';
  sessionMinutes: number;
  /** What it asks of the employee's time, computed by the use case: e.g. 12 sessions, 9 h over 6 months. */
  timeAsk: { sessions: number; hours: number; months: number };
  /** People who may decide (the current manager, or the program admins); they see the buttons. */
  deciderIds: string[];
  /** Their display names, for "Waiting for Dana Kim's decision" in the read-only view; optional. */
  deciderNames?: string[];
  state: ApprovalState;
  /** Link to the employee's enrollment in the tab. */
  tabUrl: string;
}

/** What the employee receives when their manager decides (or the request expires). */
export interface OutcomeCardVM {
  program: { name: string };
  outcome: 'approved' | 'declined' | 'expired';
  decidedBy: PersonRef | null;
  at: string;
  note: string | null;
  tabUrl: string;
}

export interface WelcomeCardVM {
  displayName: string;
  tabUrl: string;
  /** Shown in the sandbox only: a link to the sandbox chat view. */
  sandbox: boolean;
}

export interface StatusCardVM {
  displayName: string;
  enrollments: { programName: string; status: 'pending' | 'approved' | 'declined' | 'expired' | 'withdrawn'; approverName: string | null; note: string | null }[];
  tabUrl: string;
}

export interface ErrorCardVM {
  title: string;
  message: string;
  correlationId?: string;
}

/** One offered (or chosen) meeting time, already put in words for each person in their own zone. */
export interface SlotOptionVM {
  /** The slot id the pick action sends back. */
  id: string;
  /** Per person: "Tuesdays 10:00–10:45 (London time)". */
  times: { name: string; when: string }[];
  /** The evidence in words: "free for both in 8 of the next 8 sessions · inside both working days". */
  fit: string;
  /** What makes it less comfortable, in words ("over lunch for Raj"); may be empty. */
  concerns: string[];
}

export type BookingCardState =
  | { kind: 'finding' }
  /** `note`: why these are alternatives rather than what was asked ("no time free for both…"). */
  | { kind: 'offer'; slots: SlotOptionVM[]; note?: string }
  | { kind: 'booking'; slot: SlotOptionVM; pickedBy: string }
  | { kind: 'booked'; slot: SlotOptionVM; pickedBy: string | null; cadenceWords: string; firstSession: string; lastSession: string; sessions: number; joinUrl: string | null }
  | { kind: 'unbookable'; reason: string; alternatives: string[] }
  | { kind: 'ended'; reason: string };

/** The card in the pair's group chat: the times on offer, then the booked series. */
export interface BookingCardVM {
  programId: string;
  menteeId: string;
  /** Bumped on every change; actions carry it so stale clicks are recognised. */
  version: number;
  program: { name: string };
  mentor: PersonRef;
  mentee: PersonRef;
  durationMinutes: number;
  state: BookingCardState;
  /** Why the viewer's last click could not be taken, shown above the card; only in invoke answers. */
  notice?: string;
  /** The pair's page in the tab. */
  tabUrl: string;
}

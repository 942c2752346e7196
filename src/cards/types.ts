/** View-models the card builders take. Plain data; the builders are pure functions of them. */
import type { SkillVM } from './skills.ts';

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
  /** Approved after the program's pairs were published: they wait for the next matching round. */
  nextRound?: boolean;
}

export interface WelcomeCardVM {
  displayName: string;
  tabUrl: string;
  /** Shown in the sandbox only: a link to the sandbox chat view. */
  sandbox: boolean;
}

export interface StatusCardVM {
  displayName: string;
  enrollments: {
    programName: string;
    status: 'pending' | 'approved' | 'declined' | 'expired' | 'withdrawn';
    approverName: string | null;
    note: string | null;
    /** The person's published pairs in this program (a mentor may have several); empty until matched. */
    pairings: StatusPairingVM[];
  }[];
  tabUrl: string;
}

/** One pair as `status` shows it to one of the two. */
export interface StatusPairingVM {
  /** The viewer's role: a mentor sees "Your mentee", a mentee "Your mentor". */
  role: 'mentor' | 'mentee';
  partnerName: string;
  /**
   * The next session in the viewer's own zone ("Tuesday 16 March, 10:00–10:45 (London time) ·
   * session 2 of 12"), or where the booking stands when there is none ("Not booked yet: pick a
   * time in your chat with Raj").
   */
  next: string;
  /** The Teams meeting link, when there is a next session to join. */
  joinUrl: string | null;
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

/** How far a person has come on one goal, as they say in their feedback. */
export type GoalStep = 'not_started' | 'started' | 'halfway' | 'done';

/** One action item on a pair's agenda: shared by both. */
export interface AgendaItemVM {
  id: string;
  text: string;
  /** Who raised it (first name is enough on the card). */
  by: string;
  done: boolean;
}

/**
 * The agenda in the pair's chat before a session. Posted once per session and edited in place for
 * both (refresh.userIds lists both, so each sees it current when they open the chat).
 */
export interface AgendaCardVM {
  sessionId: string;
  /** Bumped on every change; actions carry it so stale clicks are recognised. */
  version: number;
  program: { name: string };
  mentor: PersonRef;
  mentee: PersonRef;
  /** Session n of N. */
  n: number;
  of: number;
  /** Per person, in their own zone: "Tuesday 3 March, 10:00–10:45 (London time)". */
  times: { name: string; when: string }[];
  /** The curriculum's suggestion for this session. */
  topic: { title: string; description: string };
  /** Each person's goals for the program, as they wrote them. */
  goals: { name: string; goals: string[] }[];
  /** Open action items, and those done since the last session. */
  items: AgendaItemVM[];
  joinUrl: string | null;
  /**
   * upcoming: the session is ahead; moved: it was moved in Outlook (`note` says from when);
   * cancelled: it was cancelled (no Join); past: it has ended (items can still be ticked).
   */
  state: 'upcoming' | 'moved' | 'cancelled' | 'past';
  note?: string;
  /** Why the viewer's last click could not be taken; only in invoke answers. */
  notice?: string;
  /** Both people's ids: the card's refresh.userIds. */
  userIds: string[];
  tabUrl: string;
}

/** What one person answered about one session. Free text is theirs alone. */
export interface FeedbackAnswerVM {
  happened: boolean;
  /** 1–5; null when the session did not happen. */
  usefulness: number | null;
  learned: string;
  taught: string;
  actionItems: string[];
  /** Per goal (same order as `goals`), null when not answered. */
  goalSteps: (GoalStep | null)[];
  /** At the mid-point session, per topic of `skills` (same order): the level given, null when not rated. */
  skills?: (number | null)[];
  answeredAt: string;
}

/**
 * The private feedback card after a session, in the person's 1:1 chat with Flipside.
 * ask: the questions (prefilled from attendance, or from the earlier answer when editing);
 * missed: the session did not happen, the card asks only whether to find another time;
 * answered: what they answered, with Edit while `editable`; closed: the answer, no longer editable.
 */
export interface FeedbackCardVM {
  sessionId: string;
  /** The person it is for: refresh.userIds is [recipientId]. */
  recipientId: string;
  program: { name: string };
  partner: PersonRef;
  n: number;
  of: number;
  /** In the recipient's zone: "Tuesday 3 March, 10:00–10:45". */
  when: string;
  /** From the Teams meeting: true when they met, false when not, null when Flipside could not tell. */
  happened: boolean | null;
  /** The evidence in words: "Teams saw you both in the meeting for 38 minutes". */
  attendanceWords: string | null;
  mode: 'ask' | 'missed' | 'answered' | 'closed';
  goals: { text: string; step: GoalStep | null }[];
  /** At the program's mid-point session only: the topics the recipient chose to learn, to rate themselves on again. */
  skills?: SkillVM[];
  answer: FeedbackAnswerVM | null;
  /** Missed mode, once chosen: true after "Find another time", false after "Keep our time". */
  anotherTime?: boolean | null;
  /** An answer that could not be taken: the field and why; the card comes back with the answers as given. */
  error?: { field: string; message: string };
  notice?: string;
  tabUrl: string;
}

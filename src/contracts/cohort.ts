/** The sandbox's "Try it with a full cohort" (src/sandbox/cohort.ts), as its control route answers. */
export interface CohortStatus {
  state: 'idle' | 'inviting' | 'responding' | 'done' | 'failed';
  programId: string | null;
  size: number;
  /** Invitation cards the cohort answered so far: enrolled, said no, and left alone. */
  invited: number;
  enrolled: number;
  declined: number;
  /** Of the program's enrollments: approved so far, and still waiting for a manager. */
  approved: number;
  pending: number;
  /** Requests whose manager lets them expire (they stay pending until sandbox time passes their expiry). */
  lapsing: number;
  message: string | null;
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Enrollment, Program } from '../contracts/programs.ts';
import type { ApiClient } from './api.ts';
import { useAnnouncement } from './components/Announcer/Announcer.tsx';
import { STATUS_LABEL } from './programText.ts';
import { useRefreshEpoch } from './refresh.ts';

/** How often the tab asks again while a manager has yet to decide. */
export const PENDING_POLL_MS = 5_000;

export type ProgramsData = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'done'; programs: Program[]; enrollments: Enrollment[] };

export interface ProgramsState {
  data: ProgramsData;
  /** Loads again (after a failure, or to pick up programs created since). */
  retry: () => void;
  /** Puts a saved or withdrawn enrollment in place without waiting for the next poll. */
  update: (enrollment: Enrollment) => void;
}

/**
 * The programs and the caller's enrollments. While one is pending, it asks for the enrollments
 * every five seconds so the tab shows the manager's decision soon after it is made, and announces it.
 */
export function usePrograms(api: ApiClient): ProgramsState {
  const [data, setData] = useState<ProgramsData>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  useAnnouncement(announcement);
  const epoch = useRefreshEpoch();

  useEffect(() => {
    let current = true;
    // A refresh keeps what is on screen until the answer arrives; only a first load or a retry spins.
    setData((before) => (before.status === 'done' ? before : { status: 'loading' }));
    Promise.all([api.programs(), api.enrollments()]).then(
      ([programs, enrollments]) => current && setData({ status: 'done', programs, enrollments }),
      (error: unknown) => current && setData({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [api, attempt, epoch]);

  const pending = data.status === 'done' && data.enrollments.some((e) => e.status === 'pending');
  const latest = useRef(data);
  latest.current = data;
  useEffect(() => {
    if (!pending) return;
    let current = true;
    const timer = setInterval(() => {
      api.enrollments().then(
        (enrollments) => {
          const before = latest.current;
          if (!current || before.status !== 'done') return;
          const changed = enrollments.filter((e) => before.enrollments.find((b) => b.id === e.id)?.status !== e.status);
          for (const e of changed) {
            const program = before.programs.find((p) => p.id === e.programId);
            setAnnouncement(`Your enrollment${program ? ` in ${program.name}` : ''} is now: ${STATUS_LABEL[e.status]}.`);
          }
          setData({ ...before, enrollments });
        },
        // A missed poll is not worth an error on screen: the next one, five seconds on, tries again.
        (error: unknown) => console.warn('Flipside: could not refresh your enrollments; trying again shortly.', error),
      );
    }, PENDING_POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [api, pending]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((enrollment: Enrollment) => {
    setData((before) =>
      before.status !== 'done'
        ? before
        : {
            ...before,
            enrollments: [enrollment, ...before.enrollments.filter((e) => e.id !== enrollment.id)],
          },
    );
  }, []);
  return { data, retry, update };
}

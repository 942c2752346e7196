import { useCallback, useEffect, useRef, useState } from 'react';
import { useRefreshEpoch } from './refresh.ts';

export type Load<T> = { status: 'loading' } | { status: 'done'; data: T } | { status: 'failed'; error: unknown };

/**
 * Runs `load` whenever `key` changes (and on `retry`), ignoring answers that arrive too late.
 * `refresh`, and a new refresh epoch (see refresh.ts), load again while what is shown stays.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Load<T> & { retry: () => void; refresh: () => void } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [quietAttempt, setQuietAttempt] = useState(0);
  const epoch = useRefreshEpoch();
  const last = useRef({ key, attempt });
  useEffect(() => {
    let current = true;
    // Only a new key or a retry shows the spinner; a refresh swaps the answer in when it comes.
    const quiet = last.current.key === key && last.current.attempt === attempt;
    last.current = { key, attempt };
    setState((before) => (quiet && before.status === 'done' ? before : { status: 'loading' }));
    load().then(
      (data) => current && setState({ status: 'done', data }),
      (error: unknown) => current && setState({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render: `key`, `attempt`, `quietAttempt` and `epoch` say when to run it again.
  }, [key, attempt, quietAttempt, epoch]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const refresh = useCallback(() => setQuietAttempt((n) => n + 1), []);
  return { ...state, retry, refresh };
}

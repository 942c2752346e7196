import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useAnnouncerStyles } from './Announcer.styles.ts';

const AnnounceContext = createContext<(message: string) => void>(() => undefined);

/** One polite live region for the whole tab: pages say what changed ("Loading…", "Profile loaded"). */
export function Announcer({ children }: { children: ReactNode }) {
  const styles = useAnnouncerStyles();
  const [message, setMessage] = useState('');
  return (
    <AnnounceContext.Provider value={setMessage}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid="announcer">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

/** Announces `message` whenever it changes (nothing when it is empty). */
export function useAnnouncement(message: string): void {
  const announce = useContext(AnnounceContext);
  useEffect(() => {
    if (message) announce(message);
  }, [announce, message]);
}

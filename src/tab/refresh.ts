import { createContext, useContext } from 'react';

/**
 * A counter that goes up when what the server knows has moved on under the tab (the sandbox's
 * clock jumped forward and its jobs ran): every `useLoad` asks again, keeping what is on screen.
 */
export const RefreshContext = createContext(0);

export const useRefreshEpoch = (): number => useContext(RefreshContext);

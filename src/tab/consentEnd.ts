import { app, authentication } from '@microsoft/teams-js';

/**
 * The consent popup's last page (server/consent.ts sends Entra ID's answer here): tells the tab
 * through the host. Success carries the state the tab made, which the tab checks; a failure
 * carries Entra ID's error code (`access_denied` when the person declines). The authorization code
 * is not used: it leaves the address bar at once.
 */
async function reportConsent(): Promise<void> {
  const query = new URLSearchParams(window.location.search);
  window.history.replaceState(null, '', window.location.pathname);
  await app.initialize();
  const error = query.get('error');
  const state = query.get('state');
  if (error) authentication.notifyFailure(error);
  else if (query.has('code') && state) authentication.notifySuccess(state);
  else authentication.notifyFailure('no_answer');
}

reportConsent().catch((error: unknown) => {
  console.error('Flipside: could not report the consent back to Teams.', error);
  const status = document.getElementById('status');
  if (status) status.textContent = 'Flipside could not report back. Close this window and choose Continue in Flipside again.';
});

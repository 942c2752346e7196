/**
 * The settings of a real (made-up) tenant, as the Teams Toolkit writes them into env files: with
 * these, Flipside runs in tenant mode, without its sandbox.
 */
export const TENANT_ENV = {
  M365_TENANT_ID: '0f0f0f0f-1111-4222-8333-444444444444',
  M365_CLIENT_ID: '1a1a1a1a-1111-4222-8333-444444444444',
  SECRET_M365_CLIENT_SECRET: 's3cret',
  BOT_ID: '2b2b2b2b-1111-4222-8333-444444444444',
  SECRET_BOT_PASSWORD: 'b0t',
  PUBLIC_URL: 'https://flipside.example.com',
} as const;

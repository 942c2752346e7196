import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type CryptoKey } from 'jose';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

/** The Graph application permissions the sandbox tenant's admin has consented to for Flipside. */
export const SANDBOX_APP_ROLES = [
  'User.Read.All',
  'Calendars.ReadWrite',
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
  'TeamsAppInstallation.ReadWriteSelfForChat.All',
  'Chat.Create',
  'OnlineMeetings.Read.All',
  'OnlineMeetingArtifact.Read.All',
  'AppCatalog.Read.All',
];

export interface IssuerOptions {
  tenantId: string;
  /** Where tokens say they come from, as Entra ID's https://login.microsoftonline.com. */
  authorityHost: string;
  clientId: string;
  clientSecret: string;
  /** Audiences of Flipside's own API (the tab's SSO token). */
  apiAudience: string;
}

export interface UserClaims {
  oid: string;
  name: string;
  preferred_username: string;
  roles?: string[];
}

/**
 * The sandbox's token service: signs RS256 tokens shaped like Entra ID v2 access tokens with a key
 * published as JWKS, so the app validates them with the same code it uses for Entra ID.
 */
export class SandboxIssuer {
  private constructor(
    readonly options: IssuerOptions,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly jwk: JWK,
  ) {}

  static async create(options: IssuerOptions): Promise<SandboxIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), use: 'sig', alg: 'RS256' };
    return new SandboxIssuer(options, privateKey, publicKey, jwk);
  }

  get issuer(): string {
    return `${this.options.authorityHost}/${this.options.tenantId}/v2.0`;
  }

  /** The tab's SSO token for Flipside's API, as Teams' getAuthToken would return it. */
  async userToken(user: UserClaims, lifetimeSeconds = 3600): Promise<string> {
    return this.sign({ ...user, scp: 'access_as_user', tid: this.options.tenantId, azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', ver: '2.0' }, this.options.apiAudience, lifetimeSeconds);
  }

  /** A Graph token for the app itself (client credentials). */
  async appGraphToken(): Promise<string> {
    return this.sign({ roles: SANDBOX_APP_ROLES, tid: this.options.tenantId, oid: this.options.clientId, azp: this.options.clientId, idtyp: 'app', ver: '2.0' }, GRAPH_AUDIENCE, 3600);
  }

  /** A delegated Graph token for a user, issued on behalf of their Flipside token. */
  async delegatedGraphToken(user: UserClaims): Promise<string> {
    return this.sign(
      {
        oid: user.oid,
        name: user.name,
        preferred_username: user.preferred_username,
        scp: 'User.Read Calendars.ReadWrite Chat.Create',
        tid: this.options.tenantId,
        azp: this.options.clientId,
        ver: '2.0',
      },
      GRAPH_AUDIENCE,
      3600,
    );
  }

  /** Verifies a token this issuer signed for `audience`; throws (jose errors) when it is not one. */
  async verify(token: string, audience: string) {
    const { payload } = await jwtVerify(token, this.publicKey, { issuer: this.issuer, audience, algorithms: ['RS256'] });
    return payload;
  }

  /** Signs any claims with the tenant key (the tests use it to forge wrong-tenant or wrong-audience tokens). */
  sign(claims: Record<string, unknown>, audience: string, lifetimeSeconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.jwk.kid! })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setIssuedAt(now)
      .setNotBefore(now - 60)
      .setExpirationTime(now + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }
}

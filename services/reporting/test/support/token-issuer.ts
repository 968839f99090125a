import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export const testIssuer = 'http://identity.test';
export const testAudience = 'gym-api';

export interface TokenClaims {
  tenantId: string;
  role: 'ADMIN' | 'STAFF';
  userId?: string;
  branchIds?: string[];
}

/**
 * Stands in for identity: serves a JWKS on 127.0.0.1 and signs ES256 access tokens with the
 * claims identity puts in them.
 */
export interface TokenIssuer {
  jwksUri: string;
  sign(claims: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const kid = 'reporting-test';
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };

  const server: Server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    jwksUri: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    sign: (claims) => signToken(privateKey, kid, claims),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function signToken(privateKey: CryptoKey, kid: string, claims: TokenClaims) {
  const userId = claims.userId ?? randomUUID();
  return new SignJWT({
    tid: claims.tenantId,
    role: claims.role,
    bids: claims.branchIds ?? [],
    sid: randomUUID(),
  })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
    .setIssuer(testIssuer)
    .setAudience(testAudience)
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(privateKey);
}

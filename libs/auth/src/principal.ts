export const roles = ['ADMIN', 'STAFF'] as const;
export type Role = (typeof roles)[number];

/** The verified caller of a request, built only from access-token claims. */
export interface Principal {
  userId: string;
  tenantId: string;
  role: Role;
  branchIds: string[];
  sessionId: string;
}

/** Claims identity puts into access tokens besides the registered ones (iss, aud, exp, ...). */
export interface AccessTokenClaims {
  sub: string;
  tid: string;
  role: Role;
  bids: string[];
  sid: string;
}

export const ACCESS_TOKEN_TYPE = 'at+jwt';
export const ACCESS_TOKEN_ALGORITHMS = ['ES256'] as const;

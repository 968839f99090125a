import type { GatewayConfig } from './gateway-config.js';

/**
 * A set of client paths that one pipeline serves. Paths use Express 4 syntax, which
 * express-gateway matches them with: `/api/v1/branches/*` matches every path below that prefix.
 */
export interface RouteGroup {
  /** Name of the express-gateway API endpoint and pipeline; also the `route` label in metrics. */
  name: string;
  paths: string[];
  /** Upper-case HTTP methods; every method when absent. */
  methods?: string[];
  /** Public routes need no access token. */
  public: boolean;
  /** Routes under `/api/v1/auth` get the stricter per-IP limit as well as the general one. */
  authRateLimit: boolean;
}

/** A service behind the gateway and the client paths routed to it. */
export interface UpstreamService {
  name: string;
  url: string;
  routeGroups: RouteGroup[];
}

/** The routes every client may call without a token, as the public API declares them. */
const identityPublicPaths = [
  '/api/v1/auth/signup/start',
  '/api/v1/auth/signup/verify',
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/password-reset/start',
  '/api/v1/auth/password-reset/complete',
  '/api/v1/auth/invitations/accept',
];

/** Returns `prefix` and every path below it. */
function underPrefix(prefix: string): string[] {
  return [prefix, `${prefix}/*`];
}

/**
 * The upstream services and their routes, in matching order: the first group whose path and
 * method match a request serves it, so public exact paths come before the prefixes that would
 * otherwise require a token.
 */
export function upstreamServices(config: GatewayConfig): UpstreamService[] {
  return [
    {
      name: 'identity',
      url: config.IDENTITY_URL,
      routeGroups: [
        {
          name: 'identity-public',
          paths: identityPublicPaths,
          methods: ['POST'],
          public: true,
          authRateLimit: true,
        },
        {
          name: 'identity-jwks',
          paths: ['/.well-known/jwks.json'],
          methods: ['GET', 'HEAD'],
          public: true,
          authRateLimit: false,
        },
        {
          name: 'identity-auth',
          paths: underPrefix('/api/v1/auth'),
          public: false,
          authRateLimit: true,
        },
        {
          name: 'identity-api',
          paths: [
            ...underPrefix('/api/v1/tenants'),
            ...underPrefix('/api/v1/users'),
            ...underPrefix('/api/v1/branches'),
          ],
          public: false,
          authRateLimit: false,
        },
      ],
    },
    {
      name: 'membership',
      url: config.MEMBERSHIP_URL,
      routeGroups: [
        {
          // Photo uploads, imports and exports stream through like every other body.
          name: 'membership-api',
          paths: [...underPrefix('/api/v1/membership-plans'), ...underPrefix('/api/v1/members')],
          public: false,
          authRateLimit: false,
        },
      ],
    },
    {
      name: 'billing',
      url: config.BILLING_URL,
      routeGroups: [
        {
          name: 'billing-api',
          paths: [
            ...underPrefix('/api/v1/payments'),
            ...underPrefix('/api/v1/revenue-month-locks'),
            ...underPrefix('/api/v1/subscription'),
          ],
          public: false,
          authRateLimit: false,
        },
      ],
    },
    {
      name: 'catalog',
      url: config.CATALOG_URL,
      routeGroups: [
        {
          name: 'catalog-api',
          paths: [...underPrefix('/api/v1/products'), ...underPrefix('/api/v1/product-sales')],
          public: false,
          authRateLimit: false,
        },
      ],
    },
    {
      name: 'reporting',
      url: config.REPORTING_URL,
      routeGroups: [
        {
          name: 'reporting-api',
          paths: [...underPrefix('/api/v1/dashboard'), ...underPrefix('/api/v1/reports')],
          public: false,
          authRateLimit: false,
        },
      ],
    },
  ];
}

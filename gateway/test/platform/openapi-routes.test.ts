import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it, type TestContext } from 'node:test';
import { defaultPublicPaths } from '@gym/auth';
import { exampleRequest } from '../support/example-request.js';
import { requestRetryingClosedSocket as request } from '@gym/stack';
import { IdentityFlows } from '@gym/stack';
import { rejectedTokens, type RejectedTokens } from '../support/matrix-tokens.js';
import {
  describeOperation,
  fillPath,
  isErrorCode,
  listOperations,
  type ApiOperation,
  type OpenApiDocument,
} from '../support/openapi-operations.js';
import { fetchMergedDocument, fetchServiceDocument } from '../support/platform-documents.js';
import { lintOpenApiDocument } from '../support/spectral-lint.js';
import { LOAD_TEST_GATEWAY_ENV, startPlatform, type Platform } from '../support/platform.js';
import {
  createTenantFixture,
  fixtureKeys,
  fixtureParameters,
  type TenantFixture,
} from '../support/tenant-fixtures.js';

/**
 * Resources whose every mutation only an ADMIN may make, by path prefix, and methods that are
 * ADMIN-only on any path. The role matrix checks the document marks each such route.
 */
const ADMIN_ONLY_PREFIXES = [
  '/api/v1/branches',
  '/api/v1/tenants',
  '/api/v1/users',
  '/api/v1/membership-plans',
  '/api/v1/revenue-month-locks',
  '/api/v1/products',
];
const ADMIN_ONLY_METHODS = ['DELETE'];

function isAdminOnly(operation: ApiOperation): boolean {
  return (
    operation.roles !== undefined &&
    operation.roles.includes('ADMIN') &&
    !operation.roles.includes('STAFF')
  );
}

/** Path parameter values for calls the guards reject before any lookup. */
function anyParameters(operation: ApiOperation): Record<string, string> {
  return Object.fromEntries(operation.pathParameters.map((name) => [name, randomUUID()]));
}

describe('merged OpenAPI document and its routes', () => {
  let platform: Platform;
  let document: OpenApiDocument;
  let operations: ApiOperation[];
  let tenantA: TenantFixture;
  let tenantB: TenantFixture;
  let tokens: RejectedTokens;

  before(async () => {
    platform = await startPlatform({ gatewayEnv: LOAD_TEST_GATEWAY_ENV });
    document = await fetchMergedDocument(platform.gateway.baseUrl);
    operations = listOperations(document);

    const pathKeys = [...new Set(operations.flatMap((operation) => fixtureKeys(operation.path)))];
    const flows = new IdentityFlows(platform.gateway.baseUrl, platform.identity.smtp);
    tenantA = await createTenantFixture(platform.gateway.baseUrl, flows, 'Atlas Spor', pathKeys);
    tenantB = await createTenantFixture(
      platform.gateway.baseUrl,
      flows,
      'Boğaziçi Fitness',
      pathKeys,
    );
    tokens = await rejectedTokens(tenantA.owner.accessToken, platform.identity.keysDir);
  });

  after(async () => {
    await platform?.close();
  });

  it('document passes the Spectral OpenAPI rules', (t: TestContext) => {
    const findings = lintOpenApiDocument(document);
    const errors = findings
      .filter((finding) => finding.severity === 0)
      .map((finding) => `${finding.code} at ${finding.path.join('.')}: ${finding.message}`);

    t.diagnostic(
      `spectral:oas: ${errors.length} errors, ${findings.length - errors.length} other findings`,
    );
    assert.deepEqual(errors, []);
  });

  it('every operation has a unique operationId', () => {
    const ids = operations.map((operation) => operation.operation.operationId);
    assert.ok(
      ids.every((id) => typeof id === 'string' && id !== ''),
      'every operation has an id',
    );
    assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
  });

  it('document marks every guarded mutation ADMIN-only', () => {
    const unmarked = operations
      .filter((operation) => operation.isMutation && !operation.isPublic)
      .filter(
        (operation) =>
          ADMIN_ONLY_METHODS.includes(operation.method) ||
          ADMIN_ONLY_PREFIXES.some((prefix) => operation.path.startsWith(prefix)),
      )
      .filter((operation) => !isAdminOnly(operation))
      .map(describeOperation);
    assert.deepEqual(unmarked, [], 'mutations that the document does not mark x-roles: [ADMIN]');
  });

  it('STAFF gets 403 on exactly the ADMIN routes', async (t: TestContext) => {
    const mutations = operations.filter((operation) => operation.isMutation && !operation.isPublic);
    const failures: string[] = [];

    for (const operation of mutations) {
      const path = fillPath(operation.path, fixtureParameters(operation.path, tenantA));
      const response = await request(platform.gateway.baseUrl, operation.method, path, {
        token: tenantA.staffToken,
        ...(operation.bodyMediaType === 'application/json' ? { json: {} } : {}),
      });
      const label = `${describeOperation(operation)} → ${response.status} ${response.text.slice(0, 200)}`;
      if (isAdminOnly(operation)) {
        if (response.status !== 403 || response.body?.code !== 'FORBIDDEN_ROLE')
          failures.push(label);
      } else if (response.status === 403 || response.status >= 500) {
        failures.push(label);
      }
    }

    const adminOnly = mutations.filter(isAdminOnly).length;
    t.diagnostic(`role matrix: ${mutations.length} mutating routes, ${adminOnly} ADMIN-only`);
    assert.ok(adminOnly > 0, 'the document marks some routes ADMIN-only');
    assert.deepEqual(failures, []);
  });

  it("another tenant's id gets 404 on every id route", async (t: TestContext) => {
    assert.deepEqual(
      tenantB.missingFactories,
      [],
      'path parameters with no fixture factory in gateway/test/support/tenant-fixtures.ts',
    );
    const idRoutes = operations.filter((operation) => operation.pathParameters.length > 0);
    const detailPaths = [...tenantB.ids.keys()].filter((key) => document.paths[key]?.get);
    const snapshot = async () =>
      Promise.all(
        detailPaths.map(async (key) => {
          const path = fillPath(key, fixtureParameters(key, tenantB));
          return (
            await request(platform.gateway.baseUrl, 'GET', path, {
              token: tenantB.owner.accessToken,
            })
          ).text;
        }),
      );
    const before = await snapshot();
    const failures: string[] = [];

    for (const operation of idRoutes) {
      const path = fillPath(operation.path, fixtureParameters(operation.path, tenantB));
      const response = await request(platform.gateway.baseUrl, operation.method, path, {
        token: tenantA.owner.accessToken,
        ...exampleRequest(document, operation, tenantA.references),
      });
      const notFound =
        response.status === 404 &&
        isErrorCode(response.body?.code) &&
        response.body.code !== 'ROUTE_NOT_FOUND';
      if (!notFound) {
        failures.push(
          `${describeOperation(operation)} ${path} → ${response.status} ${response.text.slice(0, 300)}`,
        );
      }
    }

    t.diagnostic(
      `tenant matrix: ${idRoutes.length} routes with an id, ${tenantB.ids.size} fixture kinds`,
    );
    assert.deepEqual(failures, []);
    assert.deepEqual(await snapshot(), before, "the other tenant's resources are unchanged");
  });

  async function assertUnauthenticated(
    t: TestContext,
    baseUrl: string,
    routes: ApiOperation[],
    where: string,
  ) {
    const failures: string[] = [];
    const cases: [string, string | undefined][] = [
      ['no token', undefined],
      ['expired token', tokens.expired],
      ['forged token', tokens.forged],
    ];
    for (const operation of routes) {
      const path = fillPath(operation.path, anyParameters(operation));
      for (const [name, token] of cases) {
        const response = await request(baseUrl, operation.method, path, { token });
        if (response.status !== 401 || !isErrorCode(response.body?.code)) {
          failures.push(
            `${name}: ${describeOperation(operation)} → ${response.status} ${response.text.slice(0, 200)}`,
          );
        }
      }
    }
    t.diagnostic(`auth matrix ${where}: ${routes.length} routes × ${cases.length} tokens`);
    assert.ok(routes.length > 0, `${where} has routes that need a token`);
    assert.deepEqual(failures, []);
  }

  it('missing, expired and forged tokens get 401 at the gateway', async (t: TestContext) => {
    const routes = operations.filter((operation) => !operation.isPublic);
    await assertUnauthenticated(t, platform.gateway.baseUrl, routes, 'at the gateway');
  });

  it('missing, expired and forged tokens get 401 at each service', async (t: TestContext) => {
    for (const [name, service] of platform.services) {
      // Probes and metrics are public by the auth guard's own list, not by a decorator.
      const routes = listOperations(await fetchServiceDocument(service.baseUrl)).filter(
        (operation) => !operation.isPublic && !defaultPublicPaths.includes(operation.path),
      );
      await assertUnauthenticated(t, service.baseUrl, routes, `at ${name}`);
    }
  });
});

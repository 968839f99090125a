import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UNMATCHED_ROUTE } from '../src/index.js';
import { resolveRouteTemplate } from '../src/metrics/route-template.js';

describe('resolveRouteTemplate', () => {
  test('returns the template of a controller route', () => {
    assert.equal(resolveRouteTemplate({ path: '/api/v1/things/:id' }), '/api/v1/things/:id');
  });

  test('keeps a template with a named wildcard', () => {
    assert.equal(resolveRouteTemplate({ path: '/files/*path' }), '/files/*path');
  });

  test('treats a missing route as unmatched', () => {
    assert.equal(resolveRouteTemplate(undefined), UNMATCHED_ROUTE);
  });

  test('treats the middleware route as unmatched', () => {
    const middlewareRoute = { path: '/api/v1/{*path}' };

    assert.equal(resolveRouteTemplate(middlewareRoute, middlewareRoute), UNMATCHED_ROUTE);
  });

  test('treats catch-all routes as unmatched', () => {
    for (const path of ['*path', '/*path', '/{*path}', '{*path}', '/*']) {
      assert.equal(resolveRouteTemplate({ path }), UNMATCHED_ROUTE, path);
    }
  });
});

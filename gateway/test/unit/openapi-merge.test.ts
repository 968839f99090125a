import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeOpenApiDocuments, type OpenApiDocument } from '../../src/docs/openapi-merge.js';

function document(
  paths: OpenApiDocument['paths'],
  schemas: Record<string, unknown> = {},
): OpenApiDocument {
  return {
    openapi: '3.0.0',
    info: { title: 'service', version: '1' },
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

const options = {
  title: 'Gym platform API',
  version: '1',
  isRouted: (path: string) => path.startsWith('/api/v1/'),
};

describe('mergeOpenApiDocuments', () => {
  it('keeps only routed paths', () => {
    const merged = mergeOpenApiDocuments(
      [
        {
          service: 'identity',
          document: document({
            '/api/v1/auth/login': { post: { operationId: 'login' } },
            '/health/ready': { get: { operationId: 'ready' } },
          }),
        },
      ],
      options,
    );
    assert.deepEqual(Object.keys(merged.paths), ['/api/v1/auth/login']);
    assert.equal(merged.info.title, 'Gym platform API');
  });

  it('merges paths of several services', () => {
    const merged = mergeOpenApiDocuments(
      [
        { service: 'identity', document: document({ '/api/v1/branches': { get: {} } }) },
        { service: 'catalog', document: document({ '/api/v1/products': { get: {} } }) },
      ],
      options,
    );
    assert.deepEqual(Object.keys(merged.paths), ['/api/v1/branches', '/api/v1/products']);
    assert.deepEqual(merged.paths['/api/v1/products']!.get, { tags: ['catalog'] });
  });

  it('keeps an identical component once', () => {
    const shared = { type: 'object', properties: { page: { type: 'number' } } };
    const merged = mergeOpenApiDocuments(
      [
        { service: 'identity', document: document({}, { PageMeta: shared }) },
        { service: 'catalog', document: document({}, { PageMeta: shared }) },
      ],
      options,
    );
    assert.deepEqual(Object.keys(merged.components!.schemas!), ['PageMeta']);
    assert.deepEqual(Object.keys(merged.components!.securitySchemes!), ['bearer']);
  });

  it('renames a conflicting component and its references', () => {
    const identityView = { type: 'object', properties: { email: { type: 'string' } } };
    const catalogView = { type: 'object', properties: { sku: { type: 'string' } } };
    const reference = { $ref: '#/components/schemas/View' };
    const merged = mergeOpenApiDocuments(
      [
        {
          service: 'identity',
          document: document(
            { '/api/v1/users': { get: { responses: { 200: reference } } } },
            {
              View: identityView,
            },
          ),
        },
        {
          service: 'catalog',
          document: document(
            { '/api/v1/products': { get: { responses: { 200: reference } } } },
            { View: catalogView, List: { type: 'array', items: reference } },
          ),
        },
      ],
      options,
    );

    const schemas = merged.components!.schemas!;
    assert.deepEqual(schemas.View, identityView);
    assert.deepEqual(schemas.catalog_View, catalogView);
    assert.deepEqual(schemas.List, {
      type: 'array',
      items: { $ref: '#/components/schemas/catalog_View' },
    });
    assert.deepEqual(merged.paths['/api/v1/users']!.get, {
      responses: { 200: reference },
      tags: ['identity'],
    });
    assert.deepEqual(merged.paths['/api/v1/products']!.get, {
      responses: { 200: { $ref: '#/components/schemas/catalog_View' } },
      tags: ['catalog'],
    });
  });

  it('lists only tags that operations use', () => {
    const merged = mergeOpenApiDocuments(
      [
        {
          service: 'identity',
          document: {
            ...document({ '/api/v1/auth/login': { post: { tags: ['auth'] }, parameters: [] } }),
            tags: [{ name: 'auth' }, { name: 'unused' }],
          },
        },
      ],
      options,
    );
    assert.deepEqual(merged.tags, [{ name: 'auth' }]);
  });
});

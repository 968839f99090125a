import assert from 'node:assert/strict';
import type { OpenApiDocument } from './openapi-operations.js';

/** Fetches the merged OpenAPI document from the gateway; fails when a service is left out. */
export async function fetchMergedDocument(gatewayUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${gatewayUrl}/api/docs-json`);
  assert.equal(response.status, 200, 'the gateway serves the merged OpenAPI document');
  const document = (await response.json()) as OpenApiDocument & {
    'x-unavailable-services'?: string[];
  };
  assert.equal(document['x-unavailable-services'], undefined, 'every service document was merged');
  return document;
}

/** Fetches one service's own OpenAPI document. */
export async function fetchServiceDocument(serviceUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${serviceUrl}/api/docs-json`);
  assert.equal(response.status, 200, `${serviceUrl} serves its OpenAPI document`);
  return (await response.json()) as OpenApiDocument;
}

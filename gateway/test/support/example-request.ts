import { randomUUID } from 'node:crypto';
import type { RequestOptions } from '@gym/stack';
import {
  bodySchema,
  resolveSchema,
  type ApiOperation,
  type OpenApiDocument,
  type SchemaObject,
} from './openapi-operations.js';
import { fileForm, istanbulDate, pngBytes } from './tenant-fixtures.js';

/**
 * Builds a value that `schema` accepts from its enum, example, format and bounds; a field named
 * in `references` takes that id instead, so bodies point at resources that exist.
 */
export function exampleValue(
  document: OpenApiDocument,
  name: string,
  raw: SchemaObject,
  references: Record<string, string>,
): unknown {
  const schema = resolveSchema(document, raw);
  if (references[name] !== undefined) return references[name];
  if (schema.enum?.length) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.format === 'date') return istanbulDate();
  if (schema.format === 'uuid') return randomUUID();
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return false;
  if (schema.type === 'array') return [];
  if (schema.properties) return exampleObject(document, schema, references);
  return 'Örnek değer'.slice(0, schema.maxLength ?? 120);
}

/** An object with every required property of `schema` set by `exampleValue`. */
export function exampleObject(
  document: OpenApiDocument,
  schema: SchemaObject,
  references: Record<string, string>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const name of schema.required ?? []) {
    result[name] = exampleValue(document, name, schema.properties?.[name] ?? {}, references);
  }
  return result;
}

/**
 * Request options with a body the operation's schema accepts and its required headers: JSON for
 * JSON bodies, a PNG file for multipart ones.
 */
export function exampleRequest(
  document: OpenApiDocument,
  operation: ApiOperation,
  references: Record<string, string>,
): RequestOptions {
  const headers: Record<string, string> = {};
  for (const parameter of operation.operation.parameters ?? []) {
    if (parameter.in === 'header' && parameter.required) headers[parameter.name] = randomUUID();
  }

  if (operation.bodyMediaType === 'multipart/form-data') {
    return { headers, body: fileForm(pngBytes, 'photo.png', 'image/png') };
  }
  const schema = bodySchema(document, operation);
  if (!schema) return { headers };
  return { headers, json: exampleObject(document, schema, references) };
}

import { randomUUID } from 'node:crypto';
import { exampleObject } from '../example-request.js';
import {
  bodySchema,
  fillPath,
  resolveSchema,
  type ApiOperation,
  type OpenApiDocument,
  type ParameterObject,
  type SchemaObject,
} from '../openapi-operations.js';
import { pngBytes } from '../tenant-fixtures.js';
import {
  acceptLanguages,
  badDates,
  badDecimals,
  badMonths,
  badPageValues,
  badUuids,
  strangeString,
  wrongTypeValues,
} from './fuzz-values.js';
import type { Prng } from './prng.js';

/**
 * Longest query value. Percent-encoded multi-byte characters take a URL over Node's 16 KiB header
 * limit (so the 431 path is fuzzed), while a few such values stay within one 64 KiB socket read.
 * A server that rejects a longer URL closes the socket with bytes still unread, and the client
 * then sees a TCP reset instead of the 431.
 */
const MAX_QUERY_VALUE_LENGTH = 4_000;

/** One malformed request, with all that is needed to send it again. */
export interface FuzzCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer | FormData;
  /** What was made wrong, for the report of a failing case. */
  mutation: string;
}

export interface FuzzContext {
  document: OpenApiDocument;
  /** Body fields that reference real resources of the caller's tenant. */
  references: Record<string, string>;
  /** Real path parameter values of the caller's tenant, by parameter name. */
  pathValues: (operation: ApiOperation) => Record<string, string>;
  token: string;
}

/** Builds one malformed request for `operation`: path, query, headers or body made wrong. */
export function buildFuzzCase(prng: Prng, context: FuzzContext, operation: ApiOperation): FuzzCase {
  const mutations: string[] = [];
  const headers: Record<string, string> = { 'accept-language': prng.pick(acceptLanguages) };
  addAuthorization(prng, context, operation, headers, mutations);
  addHeaderParameters(prng, operation, headers, mutations);

  const pathValues = { ...context.pathValues(operation) };
  if (operation.pathParameters.length > 0 && prng.chance(0.3)) {
    const name = prng.pick(operation.pathParameters);
    pathValues[name] = prng.pick(badUuids);
    mutations.push(`path ${name}`);
  }
  const query = buildQuery(prng, context.document, operation, mutations);
  const path = fillPath(operation.path, pathValues) + (query ? `?${query}` : '');

  const body = buildBody(prng, context, operation, headers, mutations);
  return { method: operation.method, path, headers, body, mutation: mutations.join('; ') };
}

function addAuthorization(
  prng: Prng,
  context: FuzzContext,
  operation: ApiOperation,
  headers: Record<string, string>,
  mutations: string[],
) {
  if (operation.isPublic) return;
  if (prng.chance(0.05)) {
    headers.authorization = prng.pick([
      'Bearer',
      'Bearer ',
      'Basic YTpi',
      `Bearer ${'a'.repeat(9000)}`,
      'Bearer a.b.c',
    ]);
    mutations.push('authorization');
    return;
  }
  headers.authorization = `Bearer ${context.token}`;
}

function addHeaderParameters(
  prng: Prng,
  operation: ApiOperation,
  headers: Record<string, string>,
  mutations: string[],
) {
  for (const parameter of headerParameters(operation)) {
    const roll = prng.next();
    if (roll < 0.15) {
      mutations.push(`header ${parameter.name} missing`);
    } else if (roll < 0.3) {
      headers[parameter.name] = prng.pick(['', ' ', 'x'.repeat(500), 'ÿþ', 'a\tb']);
      mutations.push(`header ${parameter.name}`);
    } else {
      headers[parameter.name] = randomUUID();
    }
  }
}

function headerParameters(operation: ApiOperation): ParameterObject[] {
  return (operation.operation.parameters ?? []).filter((parameter) => parameter.in === 'header');
}

function buildQuery(
  prng: Prng,
  document: OpenApiDocument,
  operation: ApiOperation,
  mutations: string[],
): string {
  const parameters = (operation.operation.parameters ?? []).filter(
    (parameter) => parameter.in === 'query',
  );
  const search = new URLSearchParams();
  for (const parameter of parameters) {
    if (!prng.chance(0.5)) continue;
    const schema = resolveSchema(document, parameter.schema);
    const value = badQueryValue(prng, parameter.name, schema);
    if (prng.chance(0.1)) {
      search.append(`${parameter.name}[]`, value);
      search.append(`${parameter.name}[]`, value);
    } else {
      search.append(parameter.name, value);
    }
    if (prng.chance(0.1)) search.append(parameter.name, value);
    mutations.push(`query ${parameter.name}`);
  }
  if (prng.chance(0.1)) {
    search.append(
      prng.pick(['__proto__[admin]', 'constructor[prototype][x]', 'unknownFilter', 'tenantId']),
      '1',
    );
    mutations.push('query unknown');
  }
  return search.toString();
}

function badQueryValue(prng: Prng, name: string, schema: SchemaObject): string {
  if (
    name === 'page' ||
    name === 'limit' ||
    schema.type === 'integer' ||
    schema.type === 'number'
  ) {
    return prng.pick(badPageValues);
  }
  if (schema.format === 'uuid' || name.endsWith('Id')) return prng.pick(badUuids);
  if (schema.format === 'date' || name === 'from' || name === 'to') return prng.pick(badDates);
  if (schema.enum)
    return prng.pick([...schema.enum.map((value) => `${String(value)}x`), 'true', '', 'İ']);
  return strangeString(prng).slice(0, MAX_QUERY_VALUE_LENGTH);
}

function buildBody(
  prng: Prng,
  context: FuzzContext,
  operation: ApiOperation,
  headers: Record<string, string>,
  mutations: string[],
): FuzzCase['body'] {
  if (operation.bodyMediaType === 'multipart/form-data') {
    mutations.push('multipart file');
    return multipartBody(prng);
  }
  if (!operation.isMutation) return undefined;

  headers['content-type'] = prng.chance(0.9)
    ? 'application/json'
    : prng.pick([
        'text/plain',
        'application/json; charset=utf-16',
        'application/x-www-form-urlencoded',
        'application/xml',
      ]);
  const schema = bodySchema(context.document, operation) ?? { type: 'object', properties: {} };
  const valid = exampleObject(context.document, schema, context.references);
  const { text, mutation } = mutateBody(prng, context.document, schema, valid);
  mutations.push(mutation);
  return text;
}

function multipartBody(prng: Prng): FormData | Buffer {
  const form = new FormData();
  const kind = prng.int(5);
  if (kind === 0) return Buffer.from('--x\r\nnot multipart');
  const bytes =
    kind === 1
      ? Buffer.from(Array.from({ length: 64 }, () => prng.int(256)))
      : kind === 2
        ? Buffer.alloc(0)
        : pngBytes;
  const field = kind === 3 ? 'image' : 'file';
  const name = prng.pick(['photo.png', 'x.exe', '../../x.png', '\u202Egnp.exe', '']);
  form.append(
    field,
    new Blob([new Uint8Array(bytes)], { type: prng.pick(['image/png', 'text/csv', '']) }),
    name,
  );
  if (kind === 4) form.append('extra', strangeString(prng));
  return form;
}

/** One mutation of a valid JSON body, returned as the raw text to send. */
function mutateBody(
  prng: Prng,
  document: OpenApiDocument,
  schema: SchemaObject,
  valid: Record<string, unknown>,
): { text: string; mutation: string } {
  const names = Object.keys(schema.properties ?? {});
  const body: Record<string, unknown> = { ...valid };
  const field = names.length > 0 ? prng.pick(names) : 'field';
  const fieldSchema = resolveSchema(document, schema.properties?.[field]);

  switch (prng.int(11)) {
    case 0:
      body[field] = prng.pick(wrongTypeValues);
      return { text: JSON.stringify(body), mutation: `wrong type ${field}` };
    case 1: {
      const required = schema.required ?? [];
      const missing = required.length > 0 ? prng.pick(required) : field;
      delete body[missing];
      return { text: JSON.stringify(body), mutation: `missing ${missing}` };
    }
    case 2:
      body[prng.pick(['extra', 'tenantId', 'id', 'role', 'isAdmin', 'createdAt'])] = 'x';
      return { text: JSON.stringify(body), mutation: 'extra field' };
    case 3:
      body[field] = strangeString(prng);
      return { text: JSON.stringify(body), mutation: `strange string ${field}` };
    case 4:
      body[field] = prng.pick(
        isDateField(field, fieldSchema) ? badDates : field === 'month' ? badMonths : badDates,
      );
      return { text: JSON.stringify(body), mutation: `bad date ${field}` };
    case 5:
      body[field] = prng.pick(badDecimals);
      return { text: JSON.stringify(body), mutation: `bad decimal ${field}` };
    case 6:
      body[field] = prng.pick(badUuids);
      return { text: JSON.stringify(body), mutation: `bad uuid ${field}` };
    case 7: {
      const key = prng.pick(['__proto__', 'constructor', 'prototype']);
      const injected = `"${key}":{"role":"ADMIN","tenantId":"00000000-0000-4000-8000-000000000000","polluted":true}`;
      const text = JSON.stringify(body);
      return {
        text: text === '{}' ? `{${injected}}` : `{${injected},${text.slice(1)}`,
        mutation: `${key} key`,
      };
    }
    case 8:
      return {
        text: prng.pick([
          '',
          '{',
          '{"a":',
          'null',
          '[]',
          '[{}]',
          '0',
          '"text"',
          'true',
          '{"a":1,"a":2}',
          '\u0000',
          '{}}',
        ]),
        mutation: 'not an object',
      };
    case 9: {
      const depth = prng.pick([50, 500, 5000]);
      return {
        text: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
        mutation: `nesting ${depth}`,
      };
    }
    default:
      body[field] = { $gt: '', $ne: null, toString: 'x' };
      return { text: JSON.stringify(body), mutation: `operator object ${field}` };
  }
}

function isDateField(name: string, schema: SchemaObject): boolean {
  return schema.format === 'date' || /Date$|On$|^from$|^to$/.test(name);
}

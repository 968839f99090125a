/** The parts of an OpenAPI 3 schema object that the matrices and the fuzzer read. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  allOf?: SchemaObject[];
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

export interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: SchemaObject }> };
  'x-public'?: boolean;
  'x-roles'?: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** One method on one path of the document, with what the matrices need to call it. */
export interface ApiOperation {
  method: string;
  /** The path template as the document writes it: `/api/v1/members/{id}`. */
  path: string;
  operation: OperationObject;
  pathParameters: string[];
  isPublic: boolean;
  /** Roles of `x-roles`; absent when every authenticated caller may call the route. */
  roles?: string[];
  isMutation: boolean;
  /** The media type of the request body, when the operation takes one. */
  bodyMediaType?: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Lists every operation of `document`, sorted by path then method, for stable output. */
export function listOperations(document: OpenApiDocument): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const operation = value as OperationObject;
      const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
      operations.push({
        method: method.toUpperCase(),
        path,
        operation,
        pathParameters,
        isPublic: operation['x-public'] === true,
        roles: operation['x-roles'],
        isMutation: method !== 'get',
        bodyMediaType: Object.keys(operation.requestBody?.content ?? {})[0],
      });
    }
  }
  return operations.sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
}

/** Returns `schema` with `$ref` and `allOf` resolved against `document`. */
export function resolveSchema(document: OpenApiDocument, schema: SchemaObject = {}): SchemaObject {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`OpenAPI document has no schema ${schema.$ref}`);
    return resolveSchema(document, target);
  }
  if (schema.allOf) {
    return schema.allOf.reduce<SchemaObject>((merged, part) => {
      const resolved = resolveSchema(document, part);
      return {
        ...merged,
        ...resolved,
        properties: { ...merged.properties, ...resolved.properties },
        required: [...(merged.required ?? []), ...(resolved.required ?? [])],
      };
    }, {});
  }
  return schema;
}

/** The resolved schema of the operation's request body, if it has one. */
export function bodySchema(
  document: OpenApiDocument,
  operation: ApiOperation,
): SchemaObject | undefined {
  if (!operation.bodyMediaType) return undefined;
  return resolveSchema(
    document,
    operation.operation.requestBody?.content?.[operation.bodyMediaType]?.schema,
  );
}

/** Fills `{name}` placeholders of a path template, URL-encoding each value. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name} of ${template}`);
    return encodeURIComponent(value);
  });
}

/** `METHOD /path`, the label of an operation in test output. */
export function describeOperation(operation: Pick<ApiOperation, 'method' | 'path'>): string {
  return `${operation.method} ${operation.path}`;
}

/** Whether `code` is a non-empty UPPER_SNAKE error code. */
export function isErrorCode(code: unknown): boolean {
  return typeof code === 'string' && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(code);
}

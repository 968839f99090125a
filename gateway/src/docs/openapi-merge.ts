import { isDeepStrictEqual } from 'node:util';

/** The parts of an OpenAPI 3 document the merge reads and writes. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  tags?: { name: string; description?: string }[];
  [key: string]: unknown;
}

export interface ServiceDocument {
  service: string;
  document: OpenApiDocument;
}

export interface MergeOptions {
  title: string;
  version: string;
  description?: string;
  /** Whether clients reach this path through the gateway; other paths (probes) are left out. */
  isRouted(path: string): boolean;
}

/**
 * Merges the services' OpenAPI documents into one. Paths keep the form clients call through the
 * gateway. A component whose name another service already uses with a different definition is
 * renamed `<service>_<name>`, and that service's references to it are rewritten.
 */
export function mergeOpenApiDocuments(
  sources: ServiceDocument[],
  options: MergeOptions,
): OpenApiDocument {
  const merged: OpenApiDocument = {
    openapi: '3.0.0',
    info: {
      title: options.title,
      version: options.version,
      ...(options.description === undefined ? {} : { description: options.description }),
    },
    // Paths are absolute on the host that serves the document: the gateway.
    servers: [{ url: '/', description: 'The gateway that serves this document' }],
    paths: {},
    components: {},
    tags: [],
  };

  for (const { service, document } of sources) {
    const renamed = mergeComponents(merged.components!, document.components ?? {}, service);
    const rewritten = rewriteReferences(document.paths ?? {}, renamed) as OpenApiDocument['paths'];

    for (const [path, operations] of Object.entries(rewritten)) {
      if (options.isRouted(path)) {
        merged.paths[path] = tagOperations(operations, service);
      }
    }
    mergeTags(merged.tags!, document.tags ?? [], service);
  }
  merged.tags = merged.tags!.filter((tag) => isTagUsed(merged.paths, tag.name));
  declareOperationTags(merged);
  return merged;
}

function isTagUsed(paths: OpenApiDocument['paths'], name: string): boolean {
  return Object.values(paths).some((operations) =>
    Object.values(operations).some(
      (operation) => isOperation(operation) && operation.tags?.includes(name),
    ),
  );
}

/** Adds a declaration for each tag an operation uses that no service declared. */
function declareOperationTags(merged: OpenApiDocument): void {
  for (const operations of Object.values(merged.paths)) {
    for (const operation of Object.values(operations)) {
      for (const name of isOperation(operation) ? (operation.tags ?? []) : []) {
        if (!merged.tags!.some((tag) => tag.name === name)) merged.tags!.push({ name });
      }
    }
  }
}

/** Path items also hold `parameters`, `summary` and the like next to the operations. */
function isOperation(value: unknown): value is { tags?: string[] } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Adds one service's components; returns `#/components/...` references that were renamed. */
function mergeComponents(
  target: Record<string, Record<string, unknown>>,
  source: Record<string, Record<string, unknown>>,
  service: string,
): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const [kind, entries] of Object.entries(source)) {
    target[kind] ??= {};
    for (const name of Object.keys(entries)) {
      const existing = target[kind][name];
      if (existing !== undefined && !isDeepStrictEqual(existing, entries[name])) {
        renamed.set(`#/components/${kind}/${name}`, `#/components/${kind}/${service}_${name}`);
      }
    }
  }

  const rewritten = rewriteReferences(source, renamed) as typeof source;
  for (const [kind, entries] of Object.entries(rewritten)) {
    for (const [name, definition] of Object.entries(entries)) {
      const key = renamed.has(`#/components/${kind}/${name}`) ? `${service}_${name}` : name;
      target[kind]![key] = definition;
    }
  }
  return renamed;
}

function rewriteReferences(value: unknown, renamed: Map<string, string>): unknown {
  if (renamed.size === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => rewriteReferences(item, renamed));

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof item === 'string'
        ? (renamed.get(item) ?? item)
        : rewriteReferences(item, renamed);
  }
  return copy;
}

/** Gives each untagged operation the service's name as tag, so the page groups by service. */
function tagOperations(operations: Record<string, unknown>, service: string) {
  const tagged: Record<string, unknown> = {};
  for (const [method, operation] of Object.entries(operations)) {
    if (isOperation(operation)) {
      const existing = operation.tags;
      tagged[method] = existing?.length ? operation : { ...operation, tags: [service] };
    } else {
      tagged[method] = operation;
    }
  }
  return tagged;
}

function mergeTags(
  target: NonNullable<OpenApiDocument['tags']>,
  source: NonNullable<OpenApiDocument['tags']>,
  service: string,
): void {
  for (const tag of [...source, { name: service }]) {
    if (!target.some((existing) => existing.name === tag.name)) target.push(tag);
  }
}

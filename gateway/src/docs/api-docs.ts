import type { Logger } from 'pino';
import {
  mergeOpenApiDocuments,
  type OpenApiDocument,
  type ServiceDocument,
} from './openapi-merge.js';

export interface ApiDocsOptions {
  services: { name: string; url: string }[];
  isRouted(path: string): boolean;
  /** How long a merged document is served before the services are asked again. */
  cacheMs: number;
  fetchTimeoutMs: number;
  logger: Logger;
}

/** Path under which every service serves its OpenAPI document. */
const SERVICE_DOCUMENT_PATH = '/api/docs-json';

/**
 * The merged OpenAPI document of every upstream service, fetched on demand and cached. A service
 * whose document cannot be fetched is left out and named in `x-unavailable-services`. Such a
 * merged document is not cached, so the next request tries that service again.
 */
export class ApiDocs {
  private cached: { document: OpenApiDocument; expiresAt: number } | undefined;
  private inFlight: Promise<OpenApiDocument> | undefined;

  constructor(private readonly options: ApiDocsOptions) {}

  async document(now = Date.now()): Promise<OpenApiDocument> {
    if (this.cached && this.cached.expiresAt > now) return this.cached.document;
    this.inFlight ??= this.build().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async build(): Promise<OpenApiDocument> {
    const results = await Promise.allSettled(
      this.options.services.map(async (service) => ({
        service: service.name,
        document: await this.fetchDocument(service.url),
      })),
    );

    const documents: ServiceDocument[] = [];
    const unavailable: string[] = [];
    results.forEach((result, index) => {
      const service = this.options.services[index]!.name;
      if (result.status === 'fulfilled') {
        documents.push(result.value);
        return;
      }
      unavailable.push(service);
      this.options.logger.warn(
        { err: result.reason, service },
        'OpenAPI document of a service could not be fetched; the merged document leaves it out',
      );
    });

    const merged = mergeOpenApiDocuments(documents, {
      title: 'Gym platform API',
      version: '1',
      description:
        'Multi-tenant gym management API: identity, members and plans, payments, products and ' +
        'reports. Routes under /api/v1 need a bearer access token unless marked x-public; ' +
        'x-roles lists the only roles a route accepts. Errors share one body: statusCode, code, ' +
        'message, requestId, timestamp and path.',
      isRouted: (path) => this.options.isRouted(path),
    });
    if (unavailable.length > 0) {
      merged['x-unavailable-services'] = unavailable;
    } else {
      this.cached = { document: merged, expiresAt: Date.now() + this.options.cacheMs };
    }
    return merged;
  }

  private async fetchDocument(baseUrl: string): Promise<OpenApiDocument> {
    const url = new URL(SERVICE_DOCUMENT_PATH, baseUrl);
    const response = await fetch(url, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs) });
    if (!response.ok) {
      throw new Error(`GET ${url.href} failed with status ${response.status}`);
    }
    return (await response.json()) as OpenApiDocument;
  }
}

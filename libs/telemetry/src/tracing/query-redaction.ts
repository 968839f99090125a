import type { IncomingMessage, RequestOptions } from 'node:http';
import type { Attributes } from '@opentelemetry/api';

/** What a query parameter value becomes in a span attribute. */
export const REDACTED = 'REDACTED';

/**
 * Returns the query string with every value replaced, keeping the parameter names. Query values
 * carry search terms such as member names and e-mail addresses, which must not reach a trace.
 */
export function redactQueryValues(query: string): string {
  const params = new URLSearchParams(query);
  const redacted = new URLSearchParams();
  for (const name of params.keys()) redacted.append(name, REDACTED);
  return redacted.toString();
}

function splitQuery(url: string): [path: string, query: string | undefined] {
  const index = url.indexOf('?');
  return index < 0 ? [url, undefined] : [url.slice(0, index), url.slice(index + 1)];
}

/** Attributes that replace the query of an incoming request's span. */
export function incomingRequestAttributes(request: IncomingMessage): Attributes {
  const [, query] = splitQuery(request.url ?? '');
  return query ? { 'url.query': redactQueryValues(query) } : {};
}

/** Attributes that replace the full URL of an outgoing request's span when it has a query. */
export function outgoingRequestAttributes(options: RequestOptions): Attributes {
  const [path, query] = splitQuery(options.path ?? '');
  if (!query) return {};
  const protocol = options.protocol ?? 'http:';
  const host = options.hostname ?? options.host ?? 'localhost';
  const port = options.port ? `:${options.port}` : '';
  return { 'url.full': `${protocol}//${host}${port}${path}?${redactQueryValues(query)}` };
}

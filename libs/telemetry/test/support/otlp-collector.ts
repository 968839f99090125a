import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** A span as the OTLP/HTTP JSON encoding carries it, with its resource's service name. */
export interface CollectedSpan {
  serviceName: string | undefined;
  traceId: string;
  name: string;
  attributes: Record<string, string | number | boolean | undefined>;
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}

interface OtlpExport {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{
      spans?: Array<{ traceId: string; name: string; attributes?: OtlpAttribute[] }>;
    }>;
  }>;
}

export interface OtlpCollector {
  endpoint: string;
  spans: CollectedSpan[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 that accepts OTLP/HTTP JSON trace exports. */
export async function startOtlpCollector(): Promise<OtlpCollector> {
  const spans: CollectedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const json = request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      if (request.url === '/v1/traces') {
        spans.push(...readSpans(JSON.parse(json.toString()) as OtlpExport));
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));

  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readSpans(payload: OtlpExport): CollectedSpan[] {
  return (payload.resourceSpans ?? []).flatMap((resourceSpans) => {
    const serviceName = toRecord(resourceSpans.resource?.attributes)['service.name'];
    return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => ({
        serviceName: typeof serviceName === 'string' ? serviceName : undefined,
        traceId: span.traceId,
        name: span.name,
        attributes: toRecord(span.attributes),
      })),
    );
  });
}

function toRecord(attributes: OtlpAttribute[] = []): CollectedSpan['attributes'] {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ??
        (value.intValue === undefined ? value.boolValue : Number(value.intValue)),
    ]),
  );
}

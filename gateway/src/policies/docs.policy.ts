import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import serveStatic from 'serve-static';
import type { ApiDocs } from '../docs/api-docs.js';
import { asyncPolicy, sendGatewayError, type PolicyMiddleware } from './policy-handler.js';

const DOCS_PREFIX = '/api/docs';

/** Files of swagger-ui-dist the page loads; nothing else in the package is served. */
const SWAGGER_ASSET = /^\/(swagger-ui\.css|swagger-ui-bundle\.js|favicon-(16x16|32x32)\.png)$/;

/** swagger-ui sets inline styles and shows data: images; scripts come only from the gateway. */
const PAGE_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Gym platform API</title>
    <link rel="icon" type="image/png" href="${DOCS_PREFIX}/favicon-32x32.png" />
    <link rel="stylesheet" href="${DOCS_PREFIX}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_PREFIX}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PREFIX}/gateway-docs.js"></script>
  </body>
</html>
`;

const INITIALIZER = `window.ui = SwaggerUIBundle({
  url: '${DOCS_PREFIX}-json',
  dom_id: '#swagger-ui',
  deepLinking: true,
});
`;

function swaggerUiFolder(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/**
 * Serves the merged OpenAPI document at /api/docs-json and a swagger-ui page for it at /api/docs,
 * with swagger-ui's files from the installed swagger-ui-dist package (no CDN).
 */
export function docsPolicy(options: { docs: ApiDocs; logger: Logger }): PolicyMiddleware {
  const serveAsset = serveStatic(swaggerUiFolder(), { index: false, fallthrough: false });

  return asyncPolicy(options.logger, async (request, response) => {
    const path = request.path;
    if (path === `${DOCS_PREFIX}-json`) {
      response.json(await options.docs.document());
      return;
    }
    if (path === DOCS_PREFIX || path === `${DOCS_PREFIX}/`) {
      sendText(response, 'text/html; charset=utf-8', PAGE);
      return;
    }
    if (path === `${DOCS_PREFIX}/gateway-docs.js`) {
      sendText(response, 'text/javascript; charset=utf-8', INITIALIZER);
      return;
    }

    const assetPath = path.slice(DOCS_PREFIX.length);
    if (!SWAGGER_ASSET.test(assetPath)) {
      sendGatewayError(request, response, 'ROUTE_NOT_FOUND');
      return;
    }
    await serveFile(serveAsset, request, response, assetPath);
  });
}

function sendText(response: Response, contentType: string, text: string): void {
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Security-Policy', PAGE_SECURITY_POLICY);
  response.setHeader('Cache-Control', 'no-cache');
  response.end(text);
}

/** Runs serve-static with the URL relative to the docs prefix, restoring it afterwards. */
function serveFile(
  serveAsset: ReturnType<typeof serveStatic>,
  request: Request,
  response: Response,
  assetPath: string,
): Promise<void> {
  const originalUrl = request.url;
  request.url = assetPath;
  return new Promise((resolve, reject) => {
    response.once('finish', () => resolve());
    serveAsset(request, response, (error?: unknown) => {
      request.url = originalUrl;
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    });
  });
}

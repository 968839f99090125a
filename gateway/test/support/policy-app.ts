import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { PolicyMiddleware } from '../../src/policies/policy-handler.js';
import { requestContextMiddleware } from '../../src/policies/request-context.middleware.js';

export interface PolicyApp {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Hosts policies in a bare Express application on 127.0.0.1, behind the request-context
 * middleware, as express-gateway's pipelines run them. Requests no policy responds to get 204.
 */
export async function startPolicyApp(
  policies: PolicyMiddleware[],
  options: { trustedProxies?: string[] } = {},
): Promise<PolicyApp> {
  const app = express();
  app.use(requestContextMiddleware({ trustedProxies: options.trustedProxies ?? [] }));
  for (const policy of policies) app.use(policy);
  app.use((_request, response) => {
    response.status(204).end();
  });

  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { register } from 'prom-client';
import type { Readiness } from './readiness.js';

/** The part of an Express 4 application the gateway adds its own routes to. */
export interface RouteTarget {
  get(path: string, handler: (request: Request, response: Response) => void): unknown;
}

/**
 * Adds the probes and the metrics endpoint. They run before the pipelines, so neither rate
 * limits nor Redis stand between them and the orchestrator or Prometheus.
 */
export function addOperationalRoutes(app: RouteTarget, readiness: Readiness, logger: Logger): void {
  app.get('/health/live', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/health/ready', (_request, response) => {
    void readiness.evaluate().then((report) => {
      response.status(report.ready ? 200 : 503).json(report.body);
    });
  });

  app.get('/metrics', (_request, response) => {
    register.metrics().then(
      (text) => {
        response.setHeader('Content-Type', register.contentType);
        response.end(text);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Collecting metrics failed');
        response.status(500).end();
      },
    );
  });
}

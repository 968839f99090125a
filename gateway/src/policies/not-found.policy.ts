import { sendGatewayError, type PolicyMiddleware } from './policy-handler.js';

/** Responds with 404 ROUTE_NOT_FOUND to a path no pipeline serves. */
export function notFoundPolicy(): PolicyMiddleware {
  return (request, response) => sendGatewayError(request, response, 'ROUTE_NOT_FOUND');
}

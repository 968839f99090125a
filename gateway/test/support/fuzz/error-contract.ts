import { isErrorCode } from '../openapi-operations.js';

/**
 * Returns what is wrong with a 4xx body against the error contract
 * `{ statusCode, code, message, requestId, timestamp, path }`, or undefined when nothing is.
 */
export function errorContractViolation(status: number, body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return 'body is not a JSON object';
  const error = body as Record<string, unknown>;
  const problems: string[] = [];
  if (error.statusCode !== status)
    problems.push(`statusCode ${String(error.statusCode)} differs from ${status}`);
  if (!isErrorCode(error.code))
    problems.push(`code ${JSON.stringify(error.code)} is not UPPER_SNAKE`);
  if (typeof error.message !== 'string' || error.message === '')
    problems.push('message is missing');
  if (typeof error.requestId !== 'string' || error.requestId === '')
    problems.push('requestId is missing');
  if (typeof error.timestamp !== 'string' || Number.isNaN(Date.parse(error.timestamp))) {
    problems.push('timestamp is not a date');
  }
  if (typeof error.path !== 'string' || !error.path.startsWith('/'))
    problems.push('path is missing');
  return problems.length > 0 ? problems.join(', ') : undefined;
}

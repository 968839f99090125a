import { describeOperation, type ApiOperation } from '../openapi-operations.js';
import { errorContractViolation } from './error-contract.js';
import { buildFuzzCase, type FuzzCase, type FuzzContext } from './fuzz-case.js';
import type { Prng } from './prng.js';

/** Longest wait for one response; a slower one counts as a failure. */
const REQUEST_TIMEOUT_MS = 30_000;
const REPORTED_TEXT_LENGTH = 400;

export interface FuzzFailure {
  index: number;
  operation: string;
  fuzzCase: FuzzCase;
  problem: string;
}

export interface FuzzReport {
  sent: number;
  byStatus: Map<number, number>;
  failures: FuzzFailure[];
}

export interface FuzzRun {
  baseUrl: string;
  prng: Prng;
  context: FuzzContext;
  operations: ApiOperation[];
  requests: number;
  concurrency: number;
}

/**
 * Sends `requests` malformed requests, cycling through `operations`, with `concurrency` in
 * flight. Cases are built in index order from the seeded generator, so the same seed builds the
 * same cases whatever the timing. A case fails on a 5xx, a broken connection, two timeouts in a
 * row, or a 4xx body outside the error contract.
 */
export async function runFuzz(run: FuzzRun): Promise<FuzzReport> {
  const report: FuzzReport = { sent: 0, byStatus: new Map(), failures: [] };
  let next = 0;

  const worker = async () => {
    while (next < run.requests) {
      const index = next;
      next += 1;
      const operation = run.operations[index % run.operations.length]!;
      const fuzzCase = buildFuzzCase(run.prng, run.context, operation);
      const problem = await sendCase(run.baseUrl, fuzzCase, report);
      report.sent += 1;
      if (problem) {
        report.failures.push({ index, operation: describeOperation(operation), fuzzCase, problem });
      }
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));
  return report;
}

function send(baseUrl: string, fuzzCase: FuzzCase): Promise<Response> {
  return fetch(`${baseUrl}${fuzzCase.path}`, {
    method: fuzzCase.method,
    headers: fuzzCase.headers,
    body: fuzzCase.body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

async function sendCase(baseUrl: string, fuzzCase: FuzzCase, report: FuzzReport) {
  let response: Response;
  let text: string;
  try {
    response = await send(baseUrl, fuzzCase);
    text = await response.text();
  } catch (first) {
    // A saturated machine can stall one request past the client timeout. The case is sent once
    // more, and it fails only when the second attempt fails too, as a handler that hangs would.
    if (!(first instanceof Error && first.name === 'TimeoutError')) {
      return `request failed: ${String(first)}`;
    }
    try {
      response = await send(baseUrl, fuzzCase);
      text = await response.text();
    } catch (second) {
      return `request failed twice: ${String(first)}, then ${String(second)}`;
    }
  }

  report.byStatus.set(response.status, (report.byStatus.get(response.status) ?? 0) + 1);
  if (response.status >= 500)
    return `status ${response.status}: ${text.slice(0, REPORTED_TEXT_LENGTH)}`;
  if (response.status < 400) return undefined;

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `status ${response.status} with a body that is not JSON: ${text.slice(0, REPORTED_TEXT_LENGTH)}`;
  }
  const violation = errorContractViolation(response.status, body);
  return violation
    ? `status ${response.status}, ${violation}: ${text.slice(0, REPORTED_TEXT_LENGTH)}`
    : undefined;
}

/** A failing case written out so that it can be sent again by hand. */
export function formatFailure(failure: FuzzFailure): string {
  const { fuzzCase } = failure;
  const headers = { ...fuzzCase.headers };
  if (headers.authorization?.startsWith('Bearer ey'))
    headers.authorization = 'Bearer <access token>';
  let body = '';
  if (typeof fuzzCase.body === 'string') {
    body =
      fuzzCase.body.length > REPORTED_TEXT_LENGTH
        ? `${JSON.stringify(fuzzCase.body.slice(0, REPORTED_TEXT_LENGTH))}… (${fuzzCase.body.length} characters)`
        : JSON.stringify(fuzzCase.body);
  } else if (fuzzCase.body instanceof Buffer) {
    body = `<${fuzzCase.body.length} bytes>`;
  } else if (fuzzCase.body) {
    body = '<multipart form>';
  }
  return [
    `#${failure.index} ${failure.operation} (${fuzzCase.mutation})`,
    `  ${fuzzCase.method} ${fuzzCase.path.slice(0, REPORTED_TEXT_LENGTH)}`,
    `  headers ${JSON.stringify(headers)}`,
    body ? `  body ${body}` : '',
    `  → ${failure.problem}`,
  ]
    .filter(Boolean)
    .join('\n');
}

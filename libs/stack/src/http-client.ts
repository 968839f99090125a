export interface HttpResult {
  status: number;
  headers: Headers;
  /** The body parsed as JSON when it is JSON, else the text. */
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string;
  json?: unknown;
  /** Raw body bytes, or a multipart form that fetch encodes with its boundary. */
  body?: string | Buffer | FormData;
  headers?: Record<string, string>;
}

/** Sends one request with fetch and reads the whole response. */
export async function request(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | FormData | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }

  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/**
 * Sends like `request`, and once more when fetch fails with "other side closed" before any
 * response. That happens when the client reuses a keep-alive connection in the moment the server
 * closes it as idle, which a client under heavy CPU load can race into. Use it only for requests
 * that are safe to send twice.
 */
export async function requestRetryingClosedSocket(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult> {
  try {
    return await request(baseUrl, method, path, options);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code !== 'UND_ERR_SOCKET') throw error;
    return request(baseUrl, method, path, options);
  }
}

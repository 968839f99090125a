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

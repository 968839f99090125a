/** A gateway response: status, parsed JSON body (or text) and headers. */
export interface ApiResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  /** A multipart body; sent instead of `body`. */
  form?: FormData;
  query?: Record<string, string | number | boolean | undefined>;
  idempotencyKey?: string;
}

/** A non-2xx response, with the error contract's `code` and `message` when the body has them. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const { code, message } = errorFields(body);
    super(`${method} ${path} answered ${status} ${code ?? ''}: ${message ?? JSON.stringify(body)}`);
  }

  get code(): string | undefined {
    return errorFields(this.body).code;
  }
}

/** Retries after a 429 before the client gives up. */
const MAX_RATE_LIMIT_RETRIES = 30;
/** The longest Retry-After the client honours; a longer one is waited for this long instead. */
const MAX_RETRY_AFTER_SECONDS = 60;

/**
 * Calls the public API through the gateway with fetch. Waits out 429 answers for their
 * Retry-After, and renews the access token with the refresh token once when a call answers 401.
 */
export class GatewayClient {
  accessToken: string | undefined;
  refreshToken: string | undefined;
  /** 429 answers waited out so far. */
  rateLimitedCount = 0;

  constructor(
    readonly baseUrl: string,
    private readonly onRateLimited: (seconds: number) => void = () => undefined,
  ) {}

  /** Sends a request and returns the answer whatever its status. */
  async send<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResult<T>> {
    for (let attempt = 0; ; attempt += 1) {
      let result = await this.sendOnce<T>(method, path, options);
      if (result.status === 401 && this.refreshToken && !path.startsWith('/api/v1/auth/')) {
        await this.renewTokens();
        result = await this.sendOnce<T>(method, path, options);
      }
      if (result.status !== 429 || attempt >= MAX_RATE_LIMIT_RETRIES) return result;
      const seconds = retryAfterSeconds(result.headers.get('retry-after'));
      this.rateLimitedCount += 1;
      this.onRateLimited(seconds);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }

  /** Sends a request and returns its body; any status other than 2xx throws an ApiError. */
  async call<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const result = await this.send<T>(method, path, options);
    if (result.status < 200 || result.status > 299) {
      throw new ApiError(method, path, result.status, result.body);
    }
    return result.body;
  }

  private async renewTokens(): Promise<void> {
    const tokens = await this.call<{ accessToken: string; refreshToken: string }>(
      'POST',
      '/api/v1/auth/refresh',
      {
        body: { refreshToken: this.refreshToken },
      },
    );
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
  }

  private async sendOnce<T>(
    method: string,
    path: string,
    options: RequestOptions,
  ): Promise<ApiResult<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | FormData | undefined;
    if (options.form) body = options.form;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }

    let response: Response;
    try {
      response = await fetch(url, { method, headers, body });
    } catch (error) {
      throw new Error(
        `The gateway at ${this.baseUrl} did not answer ${method} ${path} (${(error as Error).cause ?? (error as Error).message}). Is \`npm start\` running?`,
        { cause: error },
      );
    }
    const text = await response.text();
    return { status: response.status, body: parseBody(text) as T, headers: response.headers };
  }
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Retry-After in seconds (a number or an HTTP date), at least 1 and at most the cap. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (!header) return 1;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - now) / 1000;
  if (!Number.isFinite(seconds)) return 1;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds)));
}

function errorFields(body: unknown): { code?: string; message?: string } {
  if (body === null || typeof body !== 'object') return {};
  const { code, message } = body as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

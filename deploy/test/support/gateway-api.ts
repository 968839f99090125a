/** A JSON client of the gateway's /api/v1 routes for one signed-in user. */
export class GatewayApi {
  constructor(
    private readonly gatewayUrl: string,
    private readonly accessToken: string,
  ) {}

  async request(method: string, path: string, body?: unknown) {
    const response = await fetch(`${this.gatewayUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.accessToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, text, json: text ? (JSON.parse(text) as any) : undefined };
  }

  /** Fetches every page of a list route and returns all items. */
  async list(path: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const { status, text, json } = await this.request(
        'GET',
        `${path}${separator}page=${page}&limit=100`,
      );
      if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${text}`);
      items.push(...(json.data as Record<string, unknown>[]));
      if (items.length >= json.meta.total || json.data.length === 0) return items;
    }
  }
}

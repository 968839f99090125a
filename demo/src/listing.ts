import type { GatewayClient } from './gateway-client.js';

interface Page<T> {
  data: T[];
  meta: { page: number; limit: number; total: number };
}

/** The largest page every list route serves. */
const PAGE_LIMIT = 100;

/** Reads every page of a list route and returns all its items. */
export async function listAll<T>(
  client: GatewayClient,
  path: string,
  query: Record<string, string | number | boolean | undefined> = {},
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const result = await client.call<Page<T>>('GET', path, {
      query: { ...query, page, limit: PAGE_LIMIT },
    });
    items.push(...result.data);
    if (result.data.length < PAGE_LIMIT || items.length >= result.meta.total) return items;
  }
}

import { getOrCreateGauge } from './metric-factory.js';

/** The counters of a `pg` Pool that the gauges read. */
export interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

type PoolSource = () => PoolCounts | undefined;

const pools = new Set<PoolSource>();

function readPools(): PoolCounts[] {
  return [...pools].flatMap((source) => {
    const pool = source();
    return pool ? [pool] : [];
  });
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function registerGauges(): void {
  getOrCreateGauge({
    name: 'db_pool_connections',
    help: 'Open connections of the PostgreSQL pool by state: idle or used; their sum is the pool total',
    labelNames: ['state'],
    collect() {
      const current = readPools();
      const total = sum(current.map((pool) => pool.totalCount));
      const idle = sum(current.map((pool) => pool.idleCount));
      this.set({ state: 'idle' }, idle);
      this.set({ state: 'used' }, total - idle);
    },
  });
  getOrCreateGauge({
    name: 'db_pool_max_connections',
    help: 'Maximum number of connections of the PostgreSQL pool',
    collect() {
      this.set(sum(readPools().map((pool) => pool.options?.max ?? 0)));
    },
  });
  getOrCreateGauge({
    name: 'db_pool_waiting_requests',
    help: 'Queries waiting for a free connection of the PostgreSQL pool',
    collect() {
      this.set(sum(readPools().map((pool) => pool.waitingCount)));
    },
  });
}

/**
 * Adds a pool to the `db_pool_*` gauges until the returned function is called. `source` is read
 * at each scrape and may return `undefined` while the pool is not open.
 */
export function addDatabasePool(source: PoolSource): () => void {
  registerGauges();
  pools.add(source);
  return () => pools.delete(source);
}

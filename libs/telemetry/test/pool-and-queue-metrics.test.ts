import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { register } from 'prom-client';
import { addDatabasePool, addDeadLetterQueue } from '../src/index.js';

async function sample(name: string): Promise<string> {
  return register.getSingleMetricAsString(name);
}

describe('database pool gauges', () => {
  test('sum every open pool and skip closed ones', async () => {
    const removeFirst = addDatabasePool(() => ({
      totalCount: 4,
      idleCount: 1,
      waitingCount: 2,
      options: { max: 10 },
    }));
    const removeSecond = addDatabasePool(() => ({
      totalCount: 2,
      idleCount: 2,
      waitingCount: 0,
      options: { max: 5 },
    }));
    const removeClosed = addDatabasePool(() => undefined);
    try {
      const connections = await sample('db_pool_connections');
      assert.match(connections, /^db_pool_connections\{state="idle"\} 3$/m);
      assert.match(connections, /^db_pool_connections\{state="used"\} 3$/m);
      assert.match(await sample('db_pool_max_connections'), /^db_pool_max_connections 15$/m);
      assert.match(await sample('db_pool_waiting_requests'), /^db_pool_waiting_requests 2$/m);
    } finally {
      removeFirst();
      removeSecond();
      removeClosed();
    }
    assert.match(await sample('db_pool_max_connections'), /^db_pool_max_connections 0$/m);
  });
});

describe('dead-letter queue gauge', () => {
  test('a failed read keeps the last depth', async () => {
    let depth: number | Error = 3;
    const remove = addDeadLetterQueue('orders.events.dlq', async () => {
      if (depth instanceof Error) throw depth;
      return depth;
    });
    const line = /^messaging_dead_letter_messages\{queue="orders\.events\.dlq"\} (\d+)$/m;
    try {
      assert.equal(line.exec(await sample('messaging_dead_letter_messages'))?.[1], '3');
      depth = new Error('broker down');
      assert.equal(line.exec(await sample('messaging_dead_letter_messages'))?.[1], '3');
      depth = 0;
      assert.equal(line.exec(await sample('messaging_dead_letter_messages'))?.[1], '0');
    } finally {
      remove();
    }
    assert.doesNotMatch(await sample('messaging_dead_letter_messages'), line, 'removed');
  });
});

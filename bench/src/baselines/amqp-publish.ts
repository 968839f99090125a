import { connect } from 'amqplib';
import { deleteBrokerNames, uniqueName } from '@gym/testing';
import { benchEnv } from '../settings.js';

/** Unconfirmed publishes allowed at once, as a relay that pipelines its batch would have. */
const WINDOW = 100;

/**
 * Publishes persistent 300-byte messages with publisher confirms to an exchange and quorum queue
 * of its own for `seconds`, then deletes both; returns confirmed messages per second.
 */
export async function measureConfirmedPublishes(seconds: number): Promise<number> {
  const url = benchEnv('TEST_AMQP_URL');
  const exchange = uniqueName('bench-publish');
  const queue = uniqueName('bench-publish');
  const connection = await connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(queue, exchange, 'bench.#');
    const payload = Buffer.alloc(300, 'x');

    let confirmed = 0;
    let inFlight = 0;
    const started = Date.now();
    const deadline = started + seconds * 1000;
    await new Promise<void>((resolve, reject) => {
      const pump = () => {
        while (inFlight < WINDOW && Date.now() < deadline) {
          inFlight += 1;
          channel.publish(
            exchange,
            'bench.payment.recorded',
            payload,
            { persistent: true },
            (error) => {
              inFlight -= 1;
              if (error) return reject(error instanceof Error ? error : new Error(String(error)));
              confirmed += 1;
              if (Date.now() < deadline) pump();
              else if (inFlight === 0) resolve();
            },
          );
        }
      };
      pump();
    });
    const elapsedSeconds = (Date.now() - started) / 1000;
    await channel.close();
    return confirmed / elapsedSeconds;
  } finally {
    await connection.close();
    await deleteBrokerNames(url, { queues: [queue], exchanges: [exchange] });
  }
}

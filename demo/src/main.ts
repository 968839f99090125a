import { resolve } from 'node:path';
import { runDemo } from './run-demo.js';

/** `npm run demo`: the repository root, from `demo/dist/src`. */
const root = resolve(import.meta.dirname, '../../..');

const gatewayUrl = process.env.DEMO_GATEWAY_URL ?? 'http://127.0.0.1:8080';
const mailDir = resolve(root, process.env.DEMO_MAIL_DIR ?? '.dev/mail');
const members = process.env.DEMO_MEMBERS ? Number(process.env.DEMO_MEMBERS) : undefined;
if (members !== undefined && !(Number.isInteger(members) && members >= 1 && members <= 10_000)) {
  process.stderr.write(
    `DEMO_MEMBERS must be a whole number from 1 to 10000 (the import's row limit); it is "${process.env.DEMO_MEMBERS}"\n`,
  );
  process.exit(64);
}

const writeLine = (line: string) => process.stdout.write(`${line}\n`);
writeLine(`Demo month through the gateway at ${gatewayUrl}`);

try {
  const result = await runDemo({
    gatewayUrl,
    mailDir,
    members,
    writeLine,
    seed: process.env.DEMO_SEED,
  });
  process.exitCode = result.failures.length === 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`\nThe demo stopped: ${(error as Error).message}\n`);
  process.exitCode = 1;
}

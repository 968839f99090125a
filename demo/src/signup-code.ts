import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Six digits alone on a line, as the sign-up mail shows the code. */
const CODE_LINE = /^(\d{6})\s*$/gm;

/**
 * Waits for a mail to `email` written into `mailDir` after `since` by identity's file transport
 * and returns the last 6-digit code in the newest one.
 */
export async function waitForSignupCode(
  mailDir: string,
  email: string,
  since: Date,
  timeoutMs = 15_000,
): Promise<string> {
  const suffix = `-${email.replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`;
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    const newest = (await mailFiles(mailDir))
      .filter((name) => name.endsWith(suffix) && mailTime(name) >= since.getTime() - 1000)
      .sort()
      .at(-1);
    if (newest) {
      const codes = [...(await readFile(join(mailDir, newest), 'utf8')).matchAll(CODE_LINE)];
      const code = codes.at(-1)?.[1];
      if (code) return code;
      throw new Error(`The mail ${join(mailDir, newest)} has no 6-digit code on a line of its own`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `No sign-up mail to ${email} appeared in ${mailDir} within ${timeoutMs / 1000} s. ` +
      'Does identity run with MAIL_TRANSPORT=file and this MAIL_DIR?',
  );
}

async function mailFiles(mailDir: string): Promise<string[]> {
  try {
    return await readdir(mailDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The instant in a file name such as `2026-12-04T22-31-05-123Z-owner@example.com.eml`. */
function mailTime(name: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(name);
  if (!match) return 0;
  return Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`);
}

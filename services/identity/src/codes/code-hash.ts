import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A 6-digit code from the cryptographic generator, with leading zeros kept. */
export function generateCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** HMAC of the code bound to its purpose and email, so a leaked table cannot be brute-forced offline. */
export function hashCode(secret: string, purpose: string, email: string, code: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}\n${email}\n${code}`).digest();
}

export function codeMatches(expected: Buffer, actual: Buffer): boolean {
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Paths pino removes from every log line. Request bodies are never logged, but errors and
 * objects passed by code may still carry these fields.
 */
export const redactedPaths = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'code',
  'otp',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'privateKey',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.code',
  '*.otp',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.privateKey',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  // A failed TypeORM query carries its bound values (emails, password hashes) in `parameters`,
  // and PostgreSQL repeats the offending row values in `detail` (`Key (email)=(...)`).
  'err.parameters',
  'err.detail',
  'err.driverError.detail',
];

/** Masks an email for security logs: keeps the first letter and the domain (`a***@example.com`). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) {
    return '***';
  }
  return `${email[0]}***${email.slice(at)}`;
}

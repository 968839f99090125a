import { Transform } from 'class-transformer';

/** Trims a string field before validation; other values pass unchanged so the type check rejects them. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  );
}

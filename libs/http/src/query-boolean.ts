import { Transform } from 'class-transformer';

/** Maps the query strings `true` and `false` to booleans; anything else stays for IsBoolean to reject. */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    return value;
  });
}

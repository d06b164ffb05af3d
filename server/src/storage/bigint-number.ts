import type { ValueTransformer } from 'typeorm';

/** bigint columns arrive as strings from `pg`; versions stay far below 2^53, so numbers are safe. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

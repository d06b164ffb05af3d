import { Foundation1764300000000 } from './1764300000000-foundation.js';

/** Every migration, oldest first. A new migration is added here and nowhere else. */
export const migrations = [Foundation1764300000000];

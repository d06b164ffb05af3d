/** Injects this server's SecretBox, or null when it has no key (Postgres without FLAGSTAFF_SECRET_KEY). */
export const SECRET_BOX = Symbol('SecretBox');

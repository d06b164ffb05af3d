import type { ConfigEntryEntity } from './config-entry.entity.js';

type Recorded = Pick<
  ConfigEntryEntity,
  'key' | 'type' | 'value' | 'secret' | 'description' | 'clientSide' | 'keyId'
>;

/**
 * What a revision records of a configuration entry. A secret's record holds neither its plaintext
 * nor its ciphertext (a revision outlives a key rotation and is read by every viewer): only which
 * key sealed it, and `valueChanged` in the `after` of a write that set a new value.
 */
export function configEntryRecord(entry: Recorded, valueChanged = false): Record<string, unknown> {
  if (!entry.secret) {
    return {
      key: entry.key,
      type: entry.type,
      value: entry.value,
      secret: false,
      description: entry.description,
      clientSide: entry.clientSide,
    };
  }
  return {
    key: entry.key,
    type: entry.type,
    secret: true,
    description: entry.description,
    keyId: entry.keyId,
    ...(valueChanged ? { valueChanged: true } : {}),
  };
}

import type { ConfigEntryEntity } from './config-entry.entity.js';
import type { ConfigEntryModel } from './config-entry.model.js';

/** Shown for every secret alike, so the mask says nothing of the value, not even its length. */
export const SECRET_MASK = '••••••••';

export function configEntryView(e: ConfigEntryEntity): ConfigEntryModel {
  return {
    key: e.key,
    type: e.type,
    value: e.secret ? null : e.value,
    secret: e.secret,
    maskedValue: e.secret ? SECRET_MASK : null,
    description: e.description,
    clientSide: e.clientSide,
    version: e.version,
    updatedAt: e.updatedAt,
  };
}

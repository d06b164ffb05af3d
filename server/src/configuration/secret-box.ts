import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { CorruptSecretError } from './corrupt-secret-error.js';
import { SecretKeyMismatchError } from './secret-key-mismatch-error.js';

const VERSION = 1;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;
// The version byte is authenticated too, so a blob cannot be relabelled as another format.
const VERSION_AAD = Buffer.from([VERSION]);

/**
 * Encrypts configuration secrets at rest with AES-256-GCM.
 * Sealed layout: version (1 byte) | nonce (12) | tag (16) | ciphertext.
 */
export class SecretBox {
  /** Names the key in stored rows and error messages without revealing it. */
  readonly keyId: string;
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) {
      throw new RangeError(`a secret key must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
    this.key = Buffer.from(key);
    this.keyId = createHash('sha256')
      .update('flagstaff-secret-key-id:')
      .update(this.key)
      .digest('hex')
      .slice(0, 16);
  }

  seal(plaintext: string): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(VERSION_AAD);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([VERSION_AAD, nonce, cipher.getAuthTag(), ciphertext]);
  }

  /**
   * Decrypts a sealed secret. `storedKeyId` (kept beside the secret) lets a failure say which key
   * wrote it; when it matches this key, a failure means the bytes were altered.
   */
  open(sealed: Buffer, storedKeyId?: string): string {
    if (sealed.length < HEADER_BYTES) {
      throw new CorruptSecretError(`${sealed.length} bytes is too short to be a sealed secret`);
    }
    if (sealed[0] !== VERSION) {
      throw new CorruptSecretError(`unknown format version ${sealed[0]}`);
    }
    const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
    const tag = sealed.subarray(1 + NONCE_BYTES, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(VERSION_AAD);
    decipher.setAuthTag(tag);
    const ciphertext = sealed.subarray(HEADER_BYTES);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      if (storedKeyId === this.keyId) throw new CorruptSecretError('it was altered after it was written');
      throw new SecretKeyMismatchError(this.keyId, storedKeyId);
    }
  }
}

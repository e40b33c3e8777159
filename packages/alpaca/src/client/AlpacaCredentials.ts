/**
 * API keys, read from the environment only, held in private fields, and never printed: `toString`,
 * `toJSON` and `util.inspect` show `[REDACTED]`, and {@link AlpacaCredentials.redact} scrubs them
 * from any text before it is logged, audited or thrown.
 */
import { inspect } from 'node:util';

/** The keys are missing or malformed (the message never quotes them). */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

const REDACTED = '[REDACTED]';

/**
 * Alpaca key id and secret.
 *
 * @example
 * const creds = AlpacaCredentials.fromEnv(process.env); // APCA_API_KEY_ID, APCA_API_SECRET_KEY
 * log(creds.redact(`failed: ${message}`));
 */
export class AlpacaCredentials {
  readonly #keyId: string;
  readonly #secretKey: string;

  private constructor(keyId: string, secretKey: string) {
    this.#keyId = keyId;
    this.#secretKey = secretKey;
  }

  /**
   * Reads `APCA_API_KEY_ID` and `APCA_API_SECRET_KEY`.
   *
   * @throws {CredentialsError} when either is missing or blank.
   */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): AlpacaCredentials {
    const keyId = env['APCA_API_KEY_ID']?.trim() ?? '';
    const secret = env['APCA_API_SECRET_KEY']?.trim() ?? '';
    if (keyId === '' || secret === '') {
      throw new CredentialsError('APCA_API_KEY_ID and APCA_API_SECRET_KEY must both be set in the environment (they are never read from files or flags)');
    }
    return new AlpacaCredentials(keyId, secret);
  }

  /** The REST headers (handed straight to `fetch`). */
  headers(): Record<string, string> {
    return { 'APCA-API-KEY-ID': this.#keyId, 'APCA-API-SECRET-KEY': this.#secretKey };
  }

  /** The trade stream's authenticate message. */
  tradeStreamAuth(): string {
    return JSON.stringify({ action: 'authenticate', data: { key_id: this.#keyId, secret_key: this.#secretKey } });
  }

  /** The market-data stream's auth message. */
  dataStreamAuth(): string {
    return JSON.stringify({ action: 'auth', key: this.#keyId, secret: this.#secretKey });
  }

  /** `text` with every occurrence of the key id and the secret replaced by `[REDACTED]`. */
  redact(text: string): string {
    return text.split(this.#secretKey).join(REDACTED).split(this.#keyId).join(REDACTED);
  }

  toString(): string {
    return 'AlpacaCredentials([REDACTED])';
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Errors of the Alpaca client. Messages are built from redacted text only.
 */

/** The API answered with an error status. `code` is Alpaca's 8-digit code when the body had one. */
export class AlpacaApiError extends Error {
  override readonly name = 'AlpacaApiError';
  readonly status: number;
  readonly code: number | undefined;
  /** The parsed error body (context fields such as `available`, `buying_power`). */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(method: string, path: string, status: number, body: Readonly<Record<string, unknown>>, text: string) {
    const code = typeof body['code'] === 'number' ? body['code'] : undefined;
    const msg = typeof body['message'] === 'string' ? body['message'] : `${text.slice(0, 200)} (HTTP ${status})`;
    super(`${method} ${path}: HTTP ${status}${code === undefined ? '' : ` code ${code}`}: ${msg}`);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** The request got no answer: a network error, a refused redirect, or a timeout. */
export class AlpacaTransportError extends Error {
  override readonly name = 'AlpacaTransportError';
  /** True when the per-attempt timeout expired (the request may still have been processed). */
  readonly timedOut: boolean;

  constructor(message: string, timedOut: boolean) {
    super(message);
    this.timedOut = timedOut;
  }
}

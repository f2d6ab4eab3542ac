/** Every error kbsleuth throws is one of these; none is a bare string. */

export class KbError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The knowledge base cannot answer yet (its index is loading, or a file it needs is being rebuilt). The
 * web app answers 503 for it, chosen by this class, never by the message's wording.
 */
export class NotReadyError extends KbError {}

/** An error that maps to an HTTP status; its message is shown to the client as it is, so it must be safe to show. */
export class HttpError extends KbError {
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown; code?: string },
  ) {
    super(message, options);
    this.code = options?.code ?? defaultCode(status);
  }
  readonly code: string;
}

function defaultCode(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'too_many_requests';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal_error' : 'error';
  }
}

/** A saved index that cannot be used (wrong version, corrupt, foreign). */
export class IndexFormatError extends KbError {}

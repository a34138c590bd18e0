/**
 * Bad flags or unreadable input: the CLI prints the message and exits 2, before any verdict;
 * with `showUsage`, the usage follows the message.
 */
export class UsageError extends Error {
  constructor(message: string, public readonly showUsage = false) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An answer that is not in the protocol of the service's API: an HTML page, or an HTTP error without
 * an AWS error code (an emulator that lacks the operation, a proxy in the way). The AWS SDK would
 * retry it as a server error and then report a parse error; it is reported once, as what it is.
 */
export class UnexpectedAnswer extends Error {
  constructor(public readonly statusCode: number, contentType: string | undefined, service: string) {
    super(`the endpoint answered HTTP ${statusCode}${contentType ? ` with ${contentType.split(';')[0]}` : ' without a content type'}, not an answer of the ${service} API`);
    this.name = 'UnexpectedAnswer';
  }
}

/** What a network error code means, for people: the endpoint could not be reached. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name not resolved',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** True when the call never reached an endpoint (connection refused, host not found ...). */
export function isUnreachable(error: unknown): boolean {
  return networkCode(error) !== undefined;
}

/** The Node.js network error code of the error (or of the error it wraps), when it is one. */
function networkCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } };
  return [e?.code, e?.cause?.code].find((code): code is string => code !== undefined && code in UNREACHABLE);
}

/** Error names AWS (and the SDK's credential chain) give when the credentials are missing or not valid. */
const CREDENTIALS = new Set([
  'CredentialsProviderError', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException',
  'UnrecognizedClientException', 'IncompleteSignature', 'InvalidAccessKeyId', 'InvalidSignatureException',
]);

export function isCredentialsProblem(error: unknown): boolean {
  return CREDENTIALS.has(errorName(error));
}

/**
 * A short, printable reason for a failed AWS API call, `<service>:<Operation>: <error name> (<message>)`,
 * that the report shows wherever the value it would have read is unknown.
 */
export function apiFailure(action: string, error: unknown): string {
  if (error instanceof UnexpectedAnswer) return `${action}: ${error.message}`;
  const network = networkCode(error);
  if (network) return `${action}: ${UNREACHABLE[network]} (${shorten(String((error as Error).message), 160)})`;
  const e = error as { name?: string; message?: string; Code?: string };
  const name = e?.Code ?? e?.name ?? 'Error';
  const message = shorten(String(e?.message ?? error ?? '').replace(/\s+/g, ' ').trim(), 160);
  return message && message !== name ? `${action}: ${name} (${message})` : `${action}: ${name}`;
}

/** The text cut at a word boundary to at most `max` characters, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 3);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, '')}...`;
}

/** Error names AWS returns when the caller may not make the call. */
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'AuthorizationErrorException']);

/** Error names AWS returns for a region that is not enabled for the account (an opt-in region): its STS tokens are not valid there. */
const REGION_DISABLED = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'AuthFailure', 'OptInRequired']);

export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.has(errorName(error));
}

export function isRegionDisabled(error: unknown): boolean {
  return REGION_DISABLED.has(errorName(error));
}

/**
 * True when the endpoint does not offer the operation at all (an older region, a partition, or an
 * emulator without it): an HTTP 404 with a body that is not the service's error, or an
 * `UnknownOperationException`.
 */
export function isOperationNotOffered(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'UnknownOperationException' || name === 'NotImplemented' || name === 'InvalidAction') return true;
  if (error instanceof UnexpectedAnswer) return error.statusCode === 404;
  const status = (error as { $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } })?.$metadata?.httpStatusCode
    ?? (error as { $response?: { statusCode?: number } })?.$response?.statusCode;
  return status === 404 && (name === 'SyntaxError' || name === 'UnknownError' || name === 'Error' || name === '404');
}

export function errorName(error: unknown): string {
  const e = error as { name?: string; Code?: string };
  return String(e?.Code ?? e?.name ?? '');
}

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
 * A short, printable reason for a failed AWS API call, `<service>:<Operation>: <error name> (<message>)`,
 * that the report shows wherever the value it would have read is unknown.
 */
export function apiFailure(action: string, error: unknown): string {
  const e = error as { name?: string; message?: string; Code?: string };
  const name = e?.Code ?? e?.name ?? 'Error';
  const message = String(e?.message ?? error ?? '').replace(/\s+/g, ' ').trim();
  const shortMessage = message.length > 160 ? `${message.slice(0, 157)}...` : message;
  return shortMessage && shortMessage !== name ? `${action}: ${name} (${shortMessage})` : `${action}: ${name}`;
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
  const status = (error as { $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } })?.$metadata?.httpStatusCode
    ?? (error as { $response?: { statusCode?: number } })?.$response?.statusCode;
  return status === 404 && (name === 'SyntaxError' || name === 'UnknownError' || name === 'Error' || name === '404');
}

export function errorName(error: unknown): string {
  const e = error as { name?: string; Code?: string };
  return String(e?.Code ?? e?.name ?? '');
}

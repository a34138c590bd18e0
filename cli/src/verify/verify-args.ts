// The flags of `lambda-trail verify`. Every bad flag is a UsageError that names the flag, what was given
// and what is expected (exit code 2), as for the other commands.
import { isFunctionArn, isQualifiedFunctionArn } from 'cdk-compliant-lambda-trail/engine';
import { AWS_FLAG_OPTIONS, AwsFlags, awsFlagsOf, nonEmpty, parseFlags, trailFlagOf } from '../cli-args';
import { UsageError } from '../errors';

export interface VerifyArgs extends AwsFlags {
  readonly command: 'verify';
  readonly format: 'summary' | 'json';
  readonly quiet: boolean;
  /** `--trail`: a trail name or ARN. */
  readonly trail: string;
  /** `--function`: a function name (of `--region`) or an unqualified function ARN. */
  readonly functionName: string;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
}

const OPTIONS = {
  'format': { type: 'string' },
  'quiet': { type: 'boolean' },
  'help': { type: 'boolean', short: 'h' },
  'trail': { type: 'string' },
  'function': { type: 'string' },
  'timeout': { type: 'string' },
  'poll-interval': { type: 'string' },
  ...AWS_FLAG_OPTIONS,
} as const;

const DEFAULT_TIMEOUT_MS = 15 * 60_000;
const DEFAULT_POLL_INTERVAL_MS = 15_000;
const MAX_TIMEOUT_MS = 24 * 3600_000;

/** The arguments after `verify`; `--help` gives the help command. */
export function parseVerifyArgs(argv: readonly string[]): VerifyArgs | { readonly command: 'help'; readonly topic: 'verify' } {
  const parsed = parseFlags('verify', argv, OPTIONS);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { command: 'help', topic: 'verify' };
  if (parsed.positionals.length > 0) {
    throw new UsageError(`verify: unexpected argument '${parsed.positionals[0]}'; name the trail with --trail and the function with --function`);
  }
  const trail = trailFlagOf('verify', values.trail as string | undefined, 'whose logs should show the invocation');
  const functionName = nonEmpty('--function', values.function as string | undefined);
  if (!functionName) throw new UsageError('verify: --function is required; expected the name or ARN of the one function to invoke');
  if (functionName.startsWith('arn:') && !isFunctionArn(functionName)) {
    throw new UsageError(`verify: --function '${functionName}' is not a Lambda function ARN; expected arn:<partition>:lambda:<region>:<account>:function:<name>, or a function name`);
  }
  if (isQualifiedFunctionArn(functionName)) {
    throw new UsageError(`verify: --function '${functionName}' is a qualified ARN; expected the function's unqualified ARN or its name (CloudTrail records the function, not the alias or version)`);
  }
  if (!functionName.startsWith('arn:') && !/^[A-Za-z0-9_-]{1,64}$/.test(functionName)) {
    throw new UsageError(`verify: --function '${functionName}' is not a function name; expected 1 to 64 letters, digits, hyphens or underscores, or a function ARN`);
  }
  const format = (values.format as string | undefined) ?? 'summary';
  if (format !== 'summary' && format !== 'json') throw new UsageError(`verify: --format '${format}' is not a format of verify; expected summary or json`);
  const timeoutMs = durationOf('--timeout', values.timeout as string | undefined, DEFAULT_TIMEOUT_MS);
  if (timeoutMs > MAX_TIMEOUT_MS) throw new UsageError(`verify: --timeout ${values.timeout as string} is longer than 24h; expected at most 24h`);
  const pollIntervalMs = durationOf('--poll-interval', values['poll-interval'] as string | undefined, DEFAULT_POLL_INTERVAL_MS);
  return {
    command: 'verify',
    format,
    quiet: Boolean(values.quiet),
    trail,
    functionName,
    timeoutMs,
    pollIntervalMs,
    ...awsFlagsOf(values),
  };
}

/** `90s`, `15m`, `1h` (or `0.5s`) as milliseconds. */
function durationOf(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(value);
  const ms = match ? Number(match[1]) * { s: 1000, m: 60_000, h: 3600_000 }[match[2] as 's' | 'm' | 'h'] : NaN;
  if (!(ms > 0)) throw new UsageError(`verify: ${flag} '${value}' is not a duration; expected a positive number followed by s, m or h, like 90s, 15m or 1h`);
  return ms;
}

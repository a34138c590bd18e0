// `--only <name|arn,...>` as function ARNs. A name (optionally `name:qualifier`) is resolved in the
// account of the credentials and the trail's home region, from ListFunctions, and must exist there.
// An ARN must be one the trail can record (its partition, its account unless it is an organization
// trail, its region unless it is multi-region); in the home region of the caller's account it must
// exist too. A typo would otherwise limit logging to a function that is never invoked.
import { FUNCTION_ARN_FORMAT, isFunctionArn } from 'cdk-compliant-lambda-trail/lib/engine';
import type { Readout } from '../aws/account-reader';
import { UsageError } from '../errors';

/** What a function given to --only was resolved to. */
export interface ResolvedFunction {
  readonly given: string;
  readonly arn: string;
  /** Why it could not be checked that the function exists (another region or account, or an unreadable list). */
  readonly unchecked?: string;
}

export interface FunctionContext {
  readonly partition: string;
  /** The account of the credentials: names resolve there. */
  readonly callerAccount: string;
  /** The trail's home region: names resolve there. */
  readonly homeRegion: string;
  readonly trailAccount: string;
  readonly organizationTrail: boolean;
  readonly multiRegion: boolean;
  /** The function names of the caller's account in the home region (ListFunctions). */
  readonly functions: Readout<readonly string[]>;
}

const NAME = /^([A-Za-z0-9_-]{1,64})(?::(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;
const ARN = /^arn:([^:]+):lambda:([^:]+):(\d{12}):function:([^:]+)(?::(.+))?$/;

export function resolveFunctions(given: readonly string[], context: FunctionContext): ResolvedFunction[] {
  const resolved: ResolvedFunction[] = [];
  for (const value of given) {
    const entry = value.startsWith('arn:') ? checkArn(value, context) : resolveName(value, context);
    if (!resolved.some(r => r.arn === entry.arn)) resolved.push(entry);
  }
  return resolved;
}

function resolveName(value: string, context: FunctionContext): ResolvedFunction {
  const match = NAME.exec(value);
  if (!match) {
    throw new UsageError(`--only: '${value}' is neither a function name nor a function ARN; expected a name such as orders (or orders:prod) or '${FUNCTION_ARN_FORMAT}'`);
  }
  const [, name, qualifier] = match;
  const where = `account ${context.callerAccount}, region ${context.homeRegion} (the trail's home region)`;
  if ('unknown' in context.functions) {
    throw new UsageError(`--only: cannot resolve the function name '${name}': the functions of ${where} could not be listed (${context.functions.unknown}); pass its ARN instead`);
  }
  if (!context.functions.value.includes(name)) {
    throw new UsageError(`--only: no function named '${name}' in ${where} (lambda:ListFunctions); expected the name of an existing function there, or a function ARN`);
  }
  const arn = `arn:${context.partition}:lambda:${context.homeRegion}:${context.callerAccount}:function:${name}`;
  return { given: value, arn: qualifier ? `${arn}:${qualifier}` : arn };
}

function checkArn(value: string, context: FunctionContext): ResolvedFunction {
  const match = ARN.exec(value);
  if (!match || !isFunctionArn(value)) throw new UsageError(`--only: '${value}' is not a Lambda function ARN; expected '${FUNCTION_ARN_FORMAT}'`);
  const [, partition, region, account, name] = match;
  if (partition !== context.partition) {
    throw new UsageError(`--only: ${value} is in partition ${partition}, and the trail in ${context.partition}; expected a function the trail can record`);
  }
  if (account !== context.trailAccount && !context.organizationTrail) {
    throw new UsageError(`--only: ${value} is in account ${account}; the trail records only account ${context.trailAccount} (it is not an organization trail)`);
  }
  if (region !== context.homeRegion && !context.multiRegion) {
    throw new UsageError(`--only: ${value} is in region ${region}; the trail records only ${context.homeRegion} (it is not multi-region)`);
  }
  if (account !== context.callerAccount || region !== context.homeRegion) {
    return { given: value, arn: value, unchecked: `${value} is not in account ${context.callerAccount}, region ${context.homeRegion}, whose functions remediate lists, so it was not checked that it exists` };
  }
  if ('unknown' in context.functions) {
    return { given: value, arn: value, unchecked: `${value} was not checked to exist: ${context.functions.unknown}` };
  }
  if (!context.functions.value.includes(name)) {
    throw new UsageError(`--only: no function ${value} (lambda:ListFunctions of account ${account}, region ${region}); expected an existing function`);
  }
  return { given: value, arn: value };
}

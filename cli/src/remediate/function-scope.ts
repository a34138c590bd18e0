// `--only <name|arn,...>` as function ARNs. A name (optionally `name:qualifier`) is resolved in the
// account of the credentials and the trail's home region, from ListFunctions, and must exist there.
// An ARN must be one the trail can record (its partition, its account unless it is an organization
// trail, its region unless it is multi-region) and must exist: ListFunctions in its own region. A typo
// would otherwise limit logging to a function that is never invoked. One whose existence cannot be
// read (another account's, a list that is denied) is refused unless --force.
import { FUNCTION_ARN_FORMAT, functionArn, parseFunctionArn } from 'cdk-compliant-lambda-trail/engine';
import type { Readout } from '../aws/account-reader';
import { UsageError } from '../errors';

/** What a function given to --only was resolved to. */
export interface ResolvedFunction {
  readonly given: string;
  readonly arn: string;
  /** Why it could not be checked that the function exists (another account, an unreadable list): only with --force. */
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
  /** The function names of the caller's account in a region (ListFunctions). */
  readonly functionsIn: (region: string) => Promise<Readout<readonly string[]>>;
  /** `--force`: a function whose existence cannot be read is recorded as given, with a note (one that does not exist never is). */
  readonly force: boolean;
}

const NAME = /^([A-Za-z0-9_-]{1,64})(?::(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;

export async function resolveFunctions(given: readonly string[], context: FunctionContext): Promise<ResolvedFunction[]> {
  const resolved: ResolvedFunction[] = [];
  for (const value of given) {
    const entry = value.startsWith('arn:') ? await checkArn(value, context) : await resolveName(value, context);
    if (!resolved.some(r => r.arn === entry.arn)) resolved.push(entry);
  }
  return resolved;
}

async function resolveName(value: string, context: FunctionContext): Promise<ResolvedFunction> {
  const match = NAME.exec(value);
  if (!match) {
    throw new UsageError(`--only: '${value}' is neither a function name nor a function ARN; expected a name such as orders (or orders:prod) or '${FUNCTION_ARN_FORMAT}'`);
  }
  const [, name, qualifier] = match;
  const where = `account ${context.callerAccount}, region ${context.homeRegion} (the trail's home region)`;
  const functions = await context.functionsIn(context.homeRegion);
  if ('unknown' in functions) {
    throw new UsageError(`--only: cannot resolve the function name '${name}': the functions of ${where} could not be listed (${functions.unknown}); pass its ARN instead (with --force when its existence cannot be read)`);
  }
  if (!functions.value.includes(name)) {
    throw new UsageError(`--only: no function named '${name}' in ${where} (lambda:ListFunctions); expected the name of an existing function there, or a function ARN`);
  }
  const place = { partition: context.partition, region: context.homeRegion, account: context.callerAccount };
  return { given: value, arn: functionArn(place, name, qualifier) };
}

async function checkArn(value: string, context: FunctionContext): Promise<ResolvedFunction> {
  const parts = parseFunctionArn(value);
  if (!parts) throw new UsageError(`--only: '${value}' is not a Lambda function ARN; expected '${FUNCTION_ARN_FORMAT}'`);
  const { partition, region, account, name } = parts;
  if (partition !== context.partition) {
    throw new UsageError(`--only: ${value} is in partition ${partition}, and the trail in ${context.partition}; expected a function the trail can record`);
  }
  if (account !== context.trailAccount && !context.organizationTrail) {
    throw new UsageError(`--only: ${value} is in account ${account}; the trail records only account ${context.trailAccount} (it is not an organization trail)`);
  }
  if (region !== context.homeRegion && !context.multiRegion) {
    throw new UsageError(`--only: ${value} is in region ${region}; the trail records only ${context.homeRegion} (it is not multi-region)`);
  }
  const functions: Readout<readonly string[]> = account === context.callerAccount
    ? await context.functionsIn(region)
    : { unknown: `it is in account ${account}, and remediate lists the functions of account ${context.callerAccount} (your credentials) only` };
  if ('unknown' in functions) {
    const why = `${value} could not be checked to exist (${functions.unknown})`;
    if (!context.force) throw new UsageError(`--only: ${why}; expected a function remediate can list, or --force to record it as given`);
    return { given: value, arn: value, unchecked: `${why}; recorded as given (--force)` };
  }
  if (!functions.value.includes(name)) {
    throw new UsageError(`--only: no function ${value} (lambda:ListFunctions of account ${account}, region ${region}); expected an existing function`);
  }
  return { given: value, arn: value };
}

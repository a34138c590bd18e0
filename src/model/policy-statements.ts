// Reading resolved IAM policy documents (bucket and key policies) for the rules that check them.
// Values may hold unknown markers (a bucket's generated name, the env-agnostic account): a
// comparison that depends on them is unknown, never true.
import { and, not, or, some, Ternary } from './ternary';
import { hasUnknown, isResourceValueToken, isUnknownToken, NOT_KNOWN, printable, splitOutsideUnknowns, tokensOf } from './unknown-value';

/** The statements of a resolved policy document, or undefined when they are not known at synth. */
export function statementsOf(document: any): any[] | undefined {
  if (typeof document === 'string' && !hasUnknown(document)) {
    // CloudFormation accepts a policy document as a JSON string too.
    try {
      return statementsOf(JSON.parse(document));
    } catch {
      return undefined;
    }
  }
  if (document === undefined || document === null || typeof document !== 'object') return undefined;
  const statements = document.Statement;
  if (Array.isArray(statements)) return statements.filter(s => s && typeof s === 'object');
  if (statements && typeof statements === 'object') return [statements];
  return undefined;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Whether the statement's principal includes the given service (or everyone). */
export function principalIncludesService(statement: any, service: string): boolean {
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return asList(principal.Service).includes(service) || asList(principal.AWS).includes('*');
}

/** Whether the statement's actions include the action (wildcards honoured). */
export function actionsInclude(statement: any, action: string): boolean {
  return asList(statement.Action).some(pattern => typeof pattern === 'string' && wildcardMatches(pattern.toLowerCase(), action.toLowerCase()) === true);
}

/**
 * IAM's wildcard match (`*` any run of characters, `?` one), on tokens so that equal unknown values
 * match each other; an unknown value against anything else is unknown.
 */
export function wildcardMatches(pattern: string, value: string): Ternary {
  const p = tokensOf(pattern);
  const v = tokensOf(value);
  // memo[i][j]: does p[i..] match v[j..]?
  const memo = new Map<number, Ternary>();
  const match = (i: number, j: number): Ternary => {
    const key = i * (v.length + 1) + j;
    if (memo.has(key)) return memo.get(key);
    let result: Ternary;
    if (i === p.length) {
      result = j === v.length ? true : v.slice(j).every(isUnknownToken) ? undefined : false;
    } else if (p[i] === '*') {
      result = some([...Array(v.length - j + 1).keys()], n => match(i + 1, j + n));
    } else if (j === v.length) {
      result = isUnknownToken(p[i]) ? undefined : false;
    } else if (p[i] === v[j]) {
      result = match(i + 1, j + 1);
    } else if (isUnknownToken(p[i]) || isUnknownToken(v[j])) {
      // An unknown value may stand for any run of characters, including this one.
      result = match(i + 1, j + 1) === false && match(i, j + 1) === false && match(i + 1, j) === false ? false : undefined;
    } else {
      result = p[i] === '?' ? match(i + 1, j + 1) : false;
    }
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** The condition keys a statement tests, lower-cased. */
export function conditionKeys(statement: any): string[] {
  const condition = statement.Condition;
  if (!condition || typeof condition !== 'object') return [];
  return Object.values(condition).flatMap(block => (block && typeof block === 'object' ? Object.keys(block) : [])).map(k => k.toLowerCase());
}

/** Whether a statement denies requests over plain HTTP (aws:SecureTransport false), whatever else it says. */
export function deniesInsecureTransport(statement: any): boolean {
  if (statement.Effect !== 'Deny') return false;
  return secureTransportFalse(statement.Condition?.Bool) || secureTransportFalse(statement.Condition?.BoolIfExists);
}

function secureTransportFalse(block: any): boolean {
  if (!block || typeof block !== 'object') return false;
  const key = Object.keys(block).find(k => k.toLowerCase() === 'aws:securetransport');
  return key !== undefined && asList(block[key]).some(v => v === false || v === 'false');
}

/** How far a statement that denies plain HTTP reaches, and what it leaves open. */
export interface TransportDeny {
  /** It denies every principal every S3 action on the bucket. */
  readonly bucket: Ternary;
  /** ... and on every object of the bucket. */
  readonly objects: Ternary;
  /** What it leaves open, for people. */
  readonly gaps: string[];
}

/**
 * The reach of a statement that denies requests with aws:SecureTransport false (AWS, "Security best
 * practices for Amazon S3": deny `s3:*` to every principal on the bucket and `bucket/*` when
 * aws:SecureTransport is false). A narrower deny (some principals, some actions, the bucket or its
 * objects only, further conditions) leaves plain HTTP open to the rest.
 */
export function transportDenyReach(statement: any, bucketArn: string): TransportDeny {
  const gaps: string[] = [];
  const principals = allPrincipals(statement);
  if (principals !== true) gaps.push(principals === false ? 'it does not apply to every principal (Principal "*")' : `its principals are ${NOT_KNOWN}`);
  const actions = allS3Actions(statement);
  if (actions !== true) gaps.push(actions === false ? 'it does not deny every S3 action (s3:*)' : `its actions are ${NOT_KNOWN}`);
  const extra = Object.entries(statement.Condition ?? {}).flatMap(([operator, block]) => Object.keys(block && typeof block === 'object' ? block : {})
    .filter(key => !(['bool', 'boolifexists'].includes(operator.toLowerCase()) && key.toLowerCase() === 'aws:securetransport'))
    .map(key => `${operator} ${key}`));
  if (extra.length > 0) gaps.push(`it also requires ${extra.join(', ')}`);
  const onBucket = resourcesCover(statement, bucketArn, false);
  const onObjects = resourcesCover(statement, `${bucketArn}/`, true);
  if (onBucket !== true) gaps.push(onBucket === false ? `its resources leave out the bucket ${printable(bucketArn)}` : `whether its resources include the bucket is ${NOT_KNOWN}`);
  if (onObjects !== true) gaps.push(onObjects === false ? `its resources leave out objects of the bucket (${printable(bucketArn)}/*)` : `whether its resources include every object is ${NOT_KNOWN}`);
  const common = and(principals, actions, extra.length === 0);
  return { bucket: and(common, onBucket), objects: and(common, onObjects), gaps };
}

function allPrincipals(statement: any): Ternary {
  if (statement.NotPrincipal !== undefined) return false;
  const principal = statement.Principal;
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return typeof principal === 'string' && hasUnknown(principal) ? undefined : false;
  return or(...asList(principal.AWS).map(p => (p === '*' ? true : typeof p === 'string' && hasUnknown(p) ? undefined : false)));
}

function allS3Actions(statement: any): Ternary {
  if (statement.NotAction !== undefined) {
    // A deny of every action except some: it covers S3 unless one of them is an S3 action.
    return not(or(...asList(statement.NotAction).map(a => (typeof a === 'string' ? mayBeS3Action(a) : undefined))));
  }
  return or(...asList(statement.Action).map(a => (typeof a === 'string' ? coversAllUnder(a.toLowerCase(), 's3:') : undefined)));
}

function mayBeS3Action(pattern: string): Ternary {
  const p = pattern.toLowerCase();
  if (hasUnknown(p)) return undefined;
  const head = p.split(/[*?]/)[0];
  return head.startsWith('s3:') || ((p.includes('*') || p.includes('?')) && 's3:'.startsWith(head));
}

/** Does the wildcard pattern match every string that starts with `prefix`? Only if it ends with `*`. */
function coversAllUnder(pattern: string, prefix: string): Ternary {
  const tokens = tokensOf(pattern);
  const last = tokens[tokens.length - 1];
  if (last === undefined) return false;
  if (last === '*') return wildcardMatches(pattern, prefix);
  // A value a resource produces (a bucket's ARN) is no wildcard pattern; a parameter may be.
  return isUnknownToken(last) && !isResourceValueToken(last) ? undefined : false;
}

function resourcesCover(statement: any, resource: string, everythingUnder: boolean): Ternary {
  if (statement.NotResource !== undefined) return false;
  const resources = asList(statement.Resource);
  return or(...resources.map(r => {
    if (typeof r !== 'string') return undefined;
    return everythingUnder ? coversAllUnder(r, resource) : wildcardMatches(r, resource);
  }));
}

const PINNING_OPERATORS = ['stringequals', 'stringlike', 'arnequals', 'arnlike'];

/**
 * Whether the statement's conditions limit it to requests on behalf of the given account
 * (AWS CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail" and "Cross-service confused
 * deputy prevention"): `aws:SourceArn` `arn:<partition>:cloudtrail:<region>:<account>:trail/<name>`
 * or `aws:SourceAccount` `<account>`. Wildcards are allowed where that guidance allows them (the
 * region and the trail name), never in the partition, the service or the account. `...IfExists`
 * operators do not pin (a request without the key passes).
 */
export function pinsSourceAccount(statement: any, account: string, partition: string): { pinned: Ternary; detail: string } {
  const condition = statement.Condition;
  const found: { key: string; values: unknown[] }[] = [];
  const weak: string[] = [];
  if (condition && typeof condition === 'object') {
    for (const [operator, block] of Object.entries<any>(condition)) {
      if (!block || typeof block !== 'object') continue;
      for (const [key, value] of Object.entries(block)) {
        const k = key.toLowerCase();
        if (k !== 'aws:sourcearn' && k !== 'aws:sourceaccount') continue;
        if (PINNING_OPERATORS.includes(operator.toLowerCase())) found.push({ key: k, values: asList(value) });
        else weak.push(`${operator} ${key}`);
      }
    }
  }
  if (found.length === 0) {
    return {
      pinned: false,
      detail: weak.length ? `${weak.join(', ')} does not pin the account (a request without the key, or with another value, passes)` : 'no aws:SourceArn or aws:SourceAccount condition',
    };
  }
  // Conditions are ANDed: one that pins the account is enough; each value of it must pin it (values are ORed).
  const verdicts = found.map(({ key, values }) => ({
    key,
    values,
    pinned: values.length === 0 ? false : pinsOne(values.map((v): NamedAccount => (typeof v !== 'string' ? 'unknown'
      : key === 'aws:sourceaccount' ? accountOf(v) : sourceArnAccount(v, partition))), account),
  }));
  const pinned = some(verdicts, v => v.pinned);
  const detail = pinned === true ? '' : verdicts.map(v => `${v.key === 'aws:sourcearn' ? 'aws:SourceArn' : 'aws:SourceAccount'} [${v.values.map(x => (typeof x === 'string' ? printable(x) : JSON.stringify(x))).join(', ')}] ${v.pinned === false ? 'does not pin' : 'may not pin'} account ${printable(account)}`).join('; ');
  return { pinned, detail };
}

/** The account a condition value names: an account id, any account (a wildcard, another service), or not known. */
type NamedAccount = { readonly account: string } | 'any' | 'unknown';

/**
 * Whether values (ORed) let only the given account through. When that account is not known before
 * deployment (an env-agnostic stack), values that all name one and the same literal account pin it:
 * CloudTrail refuses to create a trail whose bucket policy does not let it write
 * (InsufficientS3BucketPolicyException, AWS CloudTrail API Reference, "CreateTrail"), so a trail that
 * deploys is of that account. Two different accounts let at least one other account through.
 */
function pinsOne(named: readonly NamedAccount[], account: string): Ternary {
  if (named.includes('any')) return false;
  const accounts = [...new Set(named.filter((n): n is { account: string } => typeof n === 'object').map(n => n.account))];
  const known = accounts.filter(a => !hasUnknown(a));
  if (known.length > 1) return false;
  if (named.includes('unknown')) return undefined;
  if (accounts.every(a => a === account)) return true;
  if (!hasUnknown(account) && known.some(a => a !== account)) return false;
  if (hasUnknown(account) && accounts.length === 1 && known.length === 1) return true;
  return undefined;
}

function accountOf(value: string): NamedAccount {
  if (/[*?]/.test(value.replace(/\u0001[^\u0002]*\u0002/g, ''))) return 'any';
  return { account: value };
}

function sourceArnAccount(value: string, partition: string): NamedAccount {
  const parts = splitOutsideUnknowns(value, ':');
  if (parts.length < 6) return hasUnknown(value) ? 'unknown' : 'any';
  const [arn, arnPartition, service, , arnAccount] = parts;
  const resource = parts.slice(5).join(':');
  // A source ARN that is not a trail's of this partition does not limit CloudTrail to an account.
  const shape = and(exactly(arn, 'arn'), exactly(arnPartition, partition), exactly(service, 'cloudtrail'),
    resource.startsWith('trail/') ? true : hasUnknown(resource) ? undefined : false);
  if (shape === false) return 'any';
  if (shape === undefined) return 'unknown';
  return accountOf(arnAccount);
}

function exactly(value: string, expected: string): Ternary {
  if (value === expected) return true;
  return hasUnknown(value) || hasUnknown(expected) ? undefined : false;
}

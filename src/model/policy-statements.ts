// Reading resolved IAM policy documents (bucket and key policies) for the rules that check them.
// Values may hold unknown markers (a bucket's generated name, the env-agnostic account): a
// comparison that depends on them is unknown, never true.
import { and, every, not, or, some, Ternary } from './ternary';
import { hasUnknown, isResourceValueToken, isUnknownToken, NOT_KNOWN, printable, splitOutsideUnknowns, tokensOf, unknownValue, valueEquals } from './unknown-value';

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
  return principalCovers(statement, service) === true;
}

/** Whether the statement applies to the service principal: its Principal names it or everyone; a NotPrincipal leaves it out. */
function principalCovers(statement: any, service: string): Ternary {
  if (statement.NotPrincipal !== undefined) return not(principalNames(statement.NotPrincipal, service));
  return principalNames(statement.Principal, service);
}

function principalNames(principal: unknown, service: string): Ternary {
  if (principal === '*') return true;
  if (typeof principal === 'string') return mayBe(principal, '*');
  if (!principal || typeof principal !== 'object') return false;
  const { Service: services, AWS: accounts } = principal as { Service?: unknown; AWS?: unknown };
  return or(...asList(services).map(s => mayBe(s, service)), ...asList(accounts).map(a => mayBe(a, '*')));
}

/**
 * Whether a policy value may be this literal: an unknown value a resource produces (an ARN, an id)
 * is never a wildcard nor a service's name; a parameter may be anything.
 */
function mayBe(value: unknown, literal: string): Ternary {
  if (typeof value !== 'string') return undefined;
  if (value === literal || !hasUnknown(value)) return value === literal;
  return tokensOf(value).some(t => isUnknownToken(t) && !isResourceValueToken(t)) ? valueEquals(value, literal) : false;
}

/** Whether the statement's actions include the action (wildcards honoured). */
export function actionsInclude(statement: any, action: string): boolean {
  return actionCovered(statement, action) === true;
}

/** Whether the statement applies to the action: Action names it (wildcards honoured), or NotAction does not. */
function actionCovered(statement: any, action: string): Ternary {
  const named = (patterns: unknown) => some(asList(patterns), p => (typeof p === 'string' ? wildcardMatches(p.toLowerCase(), action.toLowerCase()) : undefined));
  if (statement.NotAction !== undefined) return not(named(statement.NotAction));
  return named(statement.Action);
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

/**
 * A request an AWS service makes on its own behalf (CloudTrail writing a log file, or asking KMS for
 * a data key), as a resource policy evaluates it (IAM User Guide, "Policy evaluation logic": an
 * explicit Deny wins, then an Allow is needed).
 */
export interface ServiceRequest {
  /** The service principal, e.g. `cloudtrail.amazonaws.com`. */
  readonly service: string;
  /** The action, e.g. `s3:PutObject`. */
  readonly action: string;
  /** The resource's ARN; with `everyResourceUnder`, what the ARN of every resource of the request starts with. */
  readonly resource: string;
  /** The request stands for every resource whose ARN starts with `resource` (each log file under a key prefix). */
  readonly everyResourceUnder?: boolean;
  /** The condition keys the request carries, lower-cased, with their values. */
  readonly context: Readonly<Record<string, string>>;
  /** Condition keys, lower-cased, that the request is known not to carry; whether it carries any other key is not known. */
  readonly absent?: readonly string[];
}

/** What a policy decides of a request, with the reason for people. */
export interface PolicyDecision {
  readonly allowed: Ternary;
  /** Why it is not allowed, or what is not known; empty when it is allowed. */
  readonly detail: string;
}

/** Whether a statement applies to a request, and why not (or why that is not known). */
interface Applies {
  readonly applies: Ternary;
  readonly why: string;
}

/** Stands for the rest of an object key in "some object under the prefix". */
const ANY_REST = unknownValue('the rest of the object key');

/** Whether the policy's statements allow the request: no Deny applies to it, and some Allow does. */
export function policyAllows(statements: readonly any[], request: ServiceRequest): PolicyDecision {
  const asked = `${request.service} ${request.action} on ${printable(request.resource)}${request.everyResourceUnder ? '*' : ''}`;
  // The statements of one effect, named for people, and whether each applies to the request.
  const judged = (effect: string, reach: Reach) => statements.flatMap((s, i) => (s.Effect !== effect ? [] : [{
    name: typeof s.Sid === 'string' && s.Sid ? s.Sid : `statement ${i + 1}`,
    ...statementApplies(s, request, reach),
  }]));
  // A Deny that reaches some object under the prefix stops those deliveries.
  const denies = judged('Deny', 'some');
  const denied = some(denies, d => d.applies);
  if (denied === true) {
    const by = denies.filter(d => d.applies === true).map(d => d.name);
    return { allowed: false, detail: `${by.join(', ')} denies ${asked}` };
  }
  const allows = judged('Allow', 'every');
  const allowed = some(allows, a => a.applies);
  const notKnown = [
    ...denies.filter(d => d.applies === undefined).map(d => `whether ${d.name} denies it is not known (${d.why})`),
    ...allows.filter(a => a.applies === undefined).map(a => `whether ${a.name} allows it is not known (${a.why})`),
  ];
  if (allowed === false) {
    // Statements that each allow part of the prefix may together allow all of it: not known, never an error.
    const partly = request.everyResourceUnder ? judged('Allow', 'some').filter(a => a.applies !== false).map(a => a.name) : [];
    if (partly.length > 0) {
      return { allowed: undefined, detail: `${partly.join(', ')} allow ${asked} only for some of those objects, and whether they allow all of them together is not decided` };
    }
    const near = allows.filter(a => a.why !== '').map(a => `${a.name}: ${a.why}`);
    return { allowed: false, detail: `no statement allows ${asked}${near.length ? ` (${near.join('; ')})` : ''}` };
  }
  const result = and(not(denied), allowed);
  return { allowed: result, detail: result === true ? '' : `${asked}: ${notKnown.join('; ')}` };
}

/** `every`: the statement must reach every resource of the request (an Allow); `some`: some of them (a Deny). */
type Reach = 'every' | 'some';

function statementApplies(statement: any, request: ServiceRequest, reach: Reach): Applies {
  const principal = principalCovers(statement, request.service);
  if (principal === false) return { applies: false, why: '' };
  const action = actionCovered(statement, request.action);
  if (action === false) return { applies: false, why: '' };
  const resource = resourceCovered(statement, request, reach);
  const condition = conditionsHold(statement.Condition, request);
  const applies = and(principal, action, resource, condition.holds);
  const why = [
    principal === undefined ? `its principal is ${NOT_KNOWN}` : '',
    action === undefined ? `its actions are ${NOT_KNOWN}` : '',
    resource === false ? `its resources leave out ${printable(request.resource)}${request.everyResourceUnder ? '*' : ''}` : '',
    resource === undefined ? `whether its resources cover ${printable(request.resource)}${request.everyResourceUnder ? '*' : ''} is not known` : '',
    condition.why,
  ].filter(w => w !== '').join('; ');
  return { applies, why };
}

function resourceCovered(statement: any, request: ServiceRequest, reach: Reach): Ternary {
  const { resource } = request;
  // Whether one pattern matches every resource of the request, or some of them.
  const all = (p: string) => (request.everyResourceUnder ? coversAllUnder(p, resource) : wildcardMatches(p, resource));
  const any = (p: string) => (request.everyResourceUnder ? wildcardMatches(p, `${resource}${ANY_REST}`) : wildcardMatches(p, resource));
  const patterns = (value: unknown) => asList(value).map(p => (typeof p === 'string' ? p : undefined));
  const each = (value: unknown, f: (p: string) => Ternary) => some(patterns(value), p => (p === undefined ? undefined : f(p)));
  if (statement.NotResource !== undefined) {
    // Every resource but those listed: it reaches every resource unless a listed pattern matches some, and some unless one matches all.
    return reach === 'every' ? not(each(statement.NotResource, any)) : not(each(statement.NotResource, all));
  }
  // A key policy's statements are about the key they are attached to (Resource "*" by convention).
  if (statement.Resource === undefined) return true;
  return each(statement.Resource, reach === 'every' ? all : any);
}

/** Operators that hold when the request lacks the key (IAM: negated string and ARN operators). */
const NEGATED = /^(stringnotequals|stringnotequalsignorecase|stringnotlike|arnnotequals|arnnotlike)$/;

/**
 * Whether a statement's conditions hold for the request (IAM: every operator and every key must
 * hold; one of a key's values must match, none of them for a negated operator; a key the request
 * lacks fails a condition unless the operator is negated, ends in IfExists, or is Null true).
 */
function conditionsHold(condition: unknown, request: ServiceRequest): { holds: Ternary; why: string } {
  if (condition === undefined || condition === null) return { holds: true, why: '' };
  if (typeof condition !== 'object') return { holds: undefined, why: `its conditions are ${NOT_KNOWN}` };
  const verdicts: { test: string; holds: Ternary }[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!block || typeof block !== 'object') {
      verdicts.push({ test: operator, holds: undefined });
      continue;
    }
    for (const [key, values] of Object.entries(block)) {
      const test = `${operator} ${key} [${asList(values).map(v => (typeof v === 'string' ? printable(v) : JSON.stringify(v))).join(', ')}]`;
      verdicts.push({ test, holds: conditionHolds(operator, key.toLowerCase(), asList(values), request) });
    }
  }
  const holds = every(verdicts, v => v.holds);
  const failed = verdicts.filter(v => v.holds === false).map(v => v.test);
  const unknown = verdicts.filter(v => v.holds === undefined).map(v => v.test);
  const why = holds === false
    ? `it requires ${failed.join(' and ')}, which this request does not meet`
    : holds === undefined ? `whether this request meets ${unknown.join(' and ')} is not known` : '';
  return { holds, why };
}

function conditionHolds(operator: string, key: string, values: unknown[], request: ServiceRequest): Ternary {
  // ForAnyValue and ForAllValues ask about each value of a multivalued key; the keys of these requests carry one value.
  const op = operator.toLowerCase().replace(/^for(any|all)value:/, '');
  const ifExists = op.endsWith('ifexists');
  const base = ifExists ? op.slice(0, -'ifexists'.length) : op;
  const has = Object.prototype.hasOwnProperty.call(request.context, key);
  if (!has) {
    if (!request.absent?.includes(key)) return undefined;
    if (base === 'null') return every(values, v => (String(v).toLowerCase() === 'true' ? true : String(v).toLowerCase() === 'false' ? false : undefined));
    return ifExists || NEGATED.test(base) || operator.toLowerCase().startsWith('forallvalues:');
  }
  const value = request.context[key];
  if (base === 'null') return every(values, v => (String(v).toLowerCase() === 'false' ? true : String(v).toLowerCase() === 'true' ? false : undefined));
  const match = matcherOf(base);
  if (!match) return undefined;
  const matched = some(values, v => (typeof v === 'string' || typeof v === 'boolean' ? match(String(v), value) : undefined));
  return NEGATED.test(base) ? not(matched) : matched;
}

/** How an operator compares a policy value with the request's value; undefined for operators these requests are not judged on (numbers, dates, IP addresses). */
function matcherOf(operator: string): ((policy: string, value: string) => Ternary) | undefined {
  switch (operator) {
    case 'stringequals':
    case 'stringnotequals':
      return (p, v) => valueEquals(v, p);
    case 'stringequalsignorecase':
    case 'stringnotequalsignorecase':
      return (p, v) => valueEquals(v.toLowerCase(), p.toLowerCase());
    case 'stringlike':
    case 'stringnotlike':
      return (p, v) => wildcardMatches(p, v);
    case 'arnequals':
    case 'arnlike':
    case 'arnnotequals':
    case 'arnnotlike':
      return arnMatches;
    case 'bool':
      return (p, v) => valueEquals(v.toLowerCase(), p.toLowerCase());
    default:
      return undefined;
  }
}

/** IAM's ARN match: each of the six colon-separated parts on its own, wildcards within a part. */
function arnMatches(pattern: string, value: string): Ternary {
  const p = splitOutsideUnknowns(pattern, ':');
  const v = splitOutsideUnknowns(value, ':');
  if (p.length < 6 || v.length < 6) return wildcardMatches(pattern, value);
  return and(...p.slice(0, 5).map((part, i) => wildcardMatches(part, v[i])), wildcardMatches(p.slice(5).join(':'), v.slice(5).join(':')));
}

// What a trail records of Lambda: invocations of every function it can see, of some, of one; read
// and write data events. Every answer comes from the event matcher, asked about the domain of
// function ARNs the trail can see.
import {
  effectiveSelectors, FieldRange, fieldSelectorMatches, invocationEvent, lambdaDataEvent, recordsEvent, recordsEventOfFamily, selectorsRecordEvent,
} from './event-matcher';
import { Memo } from './memo';
import { and, answeredWhenAsked, or, Ternary } from './ternary';
import { AdvancedSelector, describeFieldSelector, isRecording, TrailModel } from './trail-model';
import { hasUnknown, NOT_KNOWN, printable } from './unknown-value';
import { ACCOUNT_DIGIT, Domain, FUNCTION_NAME_CHARACTER, hole, Hole, QUALIFIER_CHARACTER, REGION_CHARACTER } from './value-domain';

/** What a trail records of Lambda invocations, derived from the event matcher. */
export interface LambdaRecording {
  /** Invocations (`Invoke` events) of some function the trail can see. */
  readonly some: Ternary;
  /** Every invocation of every function the trail can see (current and future). */
  readonly all: Ternary;
  /** Some invocations of every function it can see: when `all` is not, conditions on other fields (who invoked, how) drop the rest. */
  readonly everyFunction: Ternary;
  /** A Lambda selector accepts read-only events (readOnly true). */
  readonly readOnly: Ternary;
  /** A Lambda selector accepts write events (readOnly false). */
  readonly write: Ternary;
  /** Invocations of some function whatever its account and region: when `some` is not, the selectors name only functions the trail cannot see. */
  readonly someAnywhere: Ternary;
  /** Whether some selector asks for Lambda data events at all (it tries to record them). */
  readonly targetsLambda: Ternary;
}

const REGION = hole(REGION_CHARACTER, 1, Infinity, '<region>');
const ACCOUNT = hole(ACCOUNT_DIGIT, 12, 12, '<account>');
// Names of up to 64 characters and qualifiers of up to 128, taken as unbounded: no selector value
// is that long, and a bounded hole would cost a state per length.
const FUNCTION_NAME = hole(FUNCTION_NAME_CHARACTER, 1, Infinity, '<function name>');
const QUALIFIER = hole(QUALIFIER_CHARACTER, 1, Infinity, '<version or alias>');

/**
 * The ARNs `arn:<partition>:lambda:<region>:<account>:function:<name>[:<version or alias>]` of a
 * region and account (or any; AWS Lambda API Reference, "FunctionArn" and "Qualifier"). AWS does not
 * document whether `resources.ARN` of an invocation of a version or alias is qualified; the set of
 * every function's invocations includes both forms, so no selector is taken to record every
 * invocation while it leaves out a qualified one. (Coverage of one function asks about its
 * unqualified ARN.)
 */
export function functionArnDomain(partition: string, region: string | Hole, account: string | Hole): Domain {
  return new Domain([`arn:${partition}:lambda:`, region, ':', account, ':function:', FUNCTION_NAME, { optional: [':', QUALIFIER] }]);
}

/**
 * Do the selectors record every Lambda data event, read and write, of any name and caller, of every
 * function of the partition (any region, any account)? What `lambda-trail remediate --all` makes a
 * trail's selectors do; the verdict on a trail asks `lambdaRecording`.
 */
export function recordsEveryLambdaDataEvent(selectors: readonly AdvancedSelector[], partition: string): Ternary {
  const everyFunction = FieldRange.every(functionArnDomain(partition, REGION, ACCOUNT));
  const recorded = (readOnly: boolean) => selectorsRecordEvent(selectors, lambdaDataEvent(everyFunction, readOnly));
  return and(recorded(true), recorded(false));
}

/**
 * The ARNs of the functions whose invocations the trail can see: its region, or any for a
 * multi-region trail; its account, or any for an organization trail. Both when that is not known.
 */
export function functionArnDomains(trail: TrailModel): Domain[] {
  const regions = trail.multiRegion === true ? [REGION] : trail.multiRegion === false ? [trail.region] : [trail.region, REGION];
  const accounts = trail.organization === true ? [ACCOUNT] : trail.organization === false ? [trail.account] : [trail.account, ACCOUNT];
  return regions.flatMap(region => accounts.map(account => functionArnDomain(trail.partition, region, account)));
}

/** The same answer for every domain, or unknown. */
function overDomains(domains: readonly Domain[], f: (domain: Domain) => Ternary): Ternary {
  const answers = domains.map(f);
  return answers.every(a => a === answers[0]) ? answers[0] : undefined;
}

/**
 * The ARNs of the trail's own region and account: a part of what it sees. A value named with the
 * trail's own unknown region or account (an env-agnostic stack's `${AWS::Region}`) matches those
 * exactly, where the whole domain (any region) can only say "unknown" of it.
 */
function ownDomain(trail: TrailModel): Domain {
  return functionArnDomain(trail.partition, trail.region, trail.account);
}

/** Some value of the domains: true as soon as some value of the trail's own part is (a part's example is the whole's). */
function someOf(trail: TrailModel, domains: readonly Domain[], f: (domain: Domain) => Ternary): Ternary {
  return f(ownDomain(trail)) === true ? true : overDomains(domains, f);
}

/** Every value of the domains: false as soon as some value of the trail's own part is not (a part's counterexample is the whole's). */
function everyOf(trail: TrailModel, domains: readonly Domain[], f: (domain: Domain) => Ternary): Ternary {
  return f(ownDomain(trail)) === false ? false : overDomains(domains, f);
}

const RECORDING = new WeakMap<TrailModel, LambdaRecording>();

export function lambdaRecording(trail: TrailModel): LambdaRecording {
  let recording = RECORDING.get(trail);
  if (!recording) {
    const domains = functionArnDomains(trail);
    // Each answer is an analysis of the selectors over a domain of ARNs: made when a rule asks for it.
    recording = answeredWhenAsked({
      some: () => someOf(trail, domains, d => recordsEvent(trail, invocationEvent(FieldRange.some(d), FieldRange.SOME))),
      all: () => everyOf(trail, domains, d => recordsEvent(trail, invocationEvent(FieldRange.every(d), FieldRange.ALL))),
      everyFunction: () => everyOf(trail, domains, d => recordsEvent(trail, invocationEvent(FieldRange.every(d), FieldRange.SOME))),
      readOnly: () => acceptsReadOnly(trail, 'true'),
      write: () => acceptsReadOnly(trail, 'false'),
      someAnywhere: () => recordsEvent(trail, invocationEvent(FieldRange.SOME, FieldRange.SOME)),
      targetsLambda: () => targetsLambdaData(trail),
    });
    RECORDING.set(trail, recording);
  }
  return recording;
}

/** Would the trail record every invocation of this function? */
export function recordsInvocationsOf(trail: TrailModel, functionArn: string): Ternary {
  return and(isRecording(trail), recordsEventOfFamily(trail, INVOCATION_OF_ONE_FUNCTION, 'resources.ARN')(functionArn));
}

/** Invocations of one function, by every caller: the family of events coverage asks about, one ARN after another. */
const INVOCATION_OF_ONE_FUNCTION = invocationEvent('', FieldRange.ALL);

const IN_PLACE = new Memo<TrailModel, string, Ternary>();

/**
 * Does the trail record invocations of some function of the given account and region (whether it
 * sees that account and region is coverage's question)? Cached: coverage asks it of every function
 * that no trail records.
 */
export function mayRecordInvocationsIn(trail: TrailModel, account: string, region: string): Ternary {
  return IN_PLACE.get(trail, `${account}\u0000${region}`, () => {
    const domain = functionArnDomain(trail.partition, region, account);
    return and(isRecording(trail), recordsEvent(trail, invocationEvent(FieldRange.some(domain), FieldRange.SOME)));
  });
}

/** Does `other` record invocations of some function that `trail` can see (another trail of the same account and regions)? */
export function recordsInvocationsSeenBy(other: TrailModel, trail: TrailModel): Ternary {
  const recordsSome = (d: Domain) => recordsEvent(other, invocationEvent(FieldRange.some(d), FieldRange.SOME));
  return and(isRecording(other), someOf(trail, functionArnDomains(trail), recordsSome));
}

/**
 * Whether a Lambda selector of the trail lets events with this readOnly value through: only readOnly
 * (and a basic selector's ReadWriteType) makes a selector read-only or write-only; which events the
 * other conditions keep is another question (CLT1, CLT3).
 */
function acceptsReadOnly(trail: TrailModel, readOnly: 'true' | 'false'): Ternary {
  if (trail.selectorsUnknown) return undefined;
  return or(...effectiveSelectors(trail).map(selector => and(
    isLambdaSelector(selector.fieldSelectors),
    ...selector.fieldSelectors.filter(f => f.field === 'eventCategory' || f.field === 'readOnly' || hasUnknown(f.field)).map(f => (hasUnknown(f.field) ? undefined
      : fieldSelectorMatches(f, f.field === 'readOnly' ? readOnly : 'Data'))),
  )));
}

function isLambdaSelector(fieldSelectors: readonly { field: string; operators: { Equals?: string[] } }[]): Ternary {
  return or(...fieldSelectors.filter(f => f.field === 'resources.type').map(f => {
    const values = f.operators.Equals ?? [];
    if (values.includes('AWS::Lambda::Function')) return true;
    return values.some(hasUnknown) ? undefined : false;
  }));
}

/** Whether a selector of the trail asks for Lambda data events (whatever else it says). */
function targetsLambdaData(trail: TrailModel): Ternary {
  if (trail.selectorsUnknown) return undefined;
  return or(...effectiveSelectors(trail).map(selector => isLambdaSelector(selector.fieldSelectors)));
}

/** The conditions of the trail's Lambda selectors on fields other than the ones every Lambda selector has. */
function lambdaConditions(trail: TrailModel, fields?: (field: string) => boolean): string[] {
  const parts: string[] = [];
  for (const selector of effectiveSelectors(trail)) {
    if (isLambdaSelector(selector.fieldSelectors) === false) continue;
    const conditions = selector.fieldSelectors
      .filter(f => f.field !== 'eventCategory' && f.field !== 'resources.type' && (!fields || fields(f.field)))
      .map(describeFieldSelector);
    parts.push(conditions.length ? conditions.join(' and ') : 'every function');
  }
  return parts;
}

/** A human description of the functions a trail's Lambda selectors name, for findings and the report. */
export function describeLambdaScope(trail: TrailModel): string {
  if (trail.selectorsUnknown) return NOT_KNOWN;
  if (trail.advancedSelectors.length === 0) {
    // Basic selectors in their own terms: `All events of [arn:aws:lambda]`.
    const parts = trail.basicSelectors.flatMap(selector => selector.dataResources.filter(r => r.type === 'AWS::Lambda::Function')
      .map(resource => `${printable(selector.readWriteType)} events of [${resource.values.map(value => printable(value)).join(', ')}]`));
    return parts.length ? parts.join('; ') : 'no Lambda data events';
  }
  if (lambdaRecording(trail).all === true) return 'every function';
  const parts = lambdaConditions(trail);
  return parts.length ? parts.join('; ') : 'no Lambda data events';
}

/** The conditions of the Lambda selectors on who invoked and how (fields other than the ARN, the name and readOnly). */
export function describeInvocationConditions(trail: TrailModel): string {
  return lambdaConditions(trail, field => !['resources.ARN', 'eventName', 'readOnly'].includes(field)).filter(c => c !== 'every function').join('; ');
}

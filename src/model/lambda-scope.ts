import { FieldRange, invocationEvent, readOnlyLambdaEvent, recordsEvent } from './event-matcher';
import { and, or, Ternary } from './ternary';
import { TrailModel } from './trail-model';
import { printable } from './unknown-value';

/** What a trail records of Lambda invocations, derived from the event matcher. */
export interface LambdaRecording {
  /** Invocations (`Invoke` events) of some function. */
  readonly some: Ternary;
  /** Invocations of every current and future function. */
  readonly all: Ternary;
  /** Read-only Lambda data events. */
  readonly readOnly: Ternary;
  /** Whether some selector asks for Lambda data events at all (it tries to record them). */
  readonly targetsLambda: Ternary;
}

/**
 * `Invoke` is the event AWS documents for a Lambda invocation (AWS CloudTrail User Guide, "Logging data
 * events"; AWS Lambda Developer Guide, "Logging AWS Lambda API calls using AWS CloudTrail"). Some logs
 * also show `InvokeExecution` for asynchronous invocations; AWS does not document it, so a selector
 * that leaves it out still records every invocation.
 */
export const INVOKE = 'Invoke';

export function lambdaRecording(trail: TrailModel): LambdaRecording {
  return {
    some: recordsEvent(trail, invocationEvent(FieldRange.SOME, INVOKE)),
    all: recordsEvent(trail, invocationEvent(FieldRange.ALL, INVOKE)),
    readOnly: recordsEvent(trail, readOnlyLambdaEvent()),
    targetsLambda: targetsLambdaData(trail),
  };
}

/** Would the trail record every invocation of this function? */
export function recordsInvocationsOf(trail: TrailModel, functionArn: string): Ternary {
  return and(trail.isLogging, recordsEvent(trail, invocationEvent(functionArn, INVOKE)));
}

/** True unless the trail certainly records no Lambda invocation. */
export function mayRecordInvocations(trail: TrailModel): Ternary {
  return and(trail.isLogging, recordsEvent(trail, invocationEvent(FieldRange.SOME, INVOKE)));
}

/** Whether a selector of the trail asks for Lambda data events (whatever else it says). */
function targetsLambdaData(trail: TrailModel): Ternary {
  if (trail.selectorsUnknown) return undefined;
  const advanced = trail.advancedSelectors.map(selector => selector.fieldSelectors.some(f => f.field === 'resources.type'
    && (f.operators.Equals ?? []).includes('AWS::Lambda::Function')));
  const basic = trail.basicSelectors.map(selector => selector.dataResources.some(r => r.type === 'AWS::Lambda::Function'));
  return or(...advanced, ...basic);
}

/** A human description of the functions a trail's Lambda selectors name, for findings and the report. */
export function describeLambdaScope(trail: TrailModel): string {
  const parts: string[] = [];
  for (const selector of trail.advancedSelectors) {
    const isLambda = selector.fieldSelectors.some(f => f.field === 'resources.type' && (f.operators.Equals ?? []).includes('AWS::Lambda::Function'));
    if (!isLambda) continue;
    const conditions = selector.fieldSelectors
      .filter(f => f.field !== 'eventCategory' && f.field !== 'resources.type')
      .map(f => `${f.field} ${Object.entries(f.operators).map(([op, values]) => `${op} [${(values ?? []).map(printable).join(', ')}]`).join(' or ')}`);
    parts.push(conditions.length ? conditions.join(' and ') : 'every function');
  }
  for (const selector of trail.basicSelectors) {
    for (const resource of selector.dataResources.filter(r => r.type === 'AWS::Lambda::Function')) {
      parts.push(`${selector.readWriteType} events of [${resource.values.map(printable).join(', ')}]`);
    }
  }
  return parts.length ? parts.join('; ') : 'no Lambda data events';
}

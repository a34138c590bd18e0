import { FieldRange, INVOCATION_EVENT_NAMES, invocationEvent, readOnlyLambdaEvent, recordsEvent } from './event-matcher';
import { and, or, Ternary } from './ternary';
import { TrailModel } from './trail-model';
import { printable } from './unknown-value';

/** What a trail records of Lambda invocations, derived from the event matcher. */
export interface LambdaRecording {
  /** Invocations of some function, per documented event name. */
  readonly someByName: Record<string, Ternary>;
  /** Invocations of some function, under every documented event name. */
  readonly some: Ternary;
  /** Invocations of every current and future function. */
  readonly all: Ternary;
  /** Read-only Lambda data events. */
  readonly readOnly: Ternary;
}

export function lambdaRecording(trail: TrailModel): LambdaRecording {
  const someByName: Record<string, Ternary> = {};
  for (const name of INVOCATION_EVENT_NAMES) someByName[name] = recordsEvent(trail, invocationEvent(FieldRange.SOME, name));
  return {
    someByName,
    some: and(...Object.values(someByName)),
    all: and(...INVOCATION_EVENT_NAMES.map(name => recordsEvent(trail, invocationEvent(FieldRange.ALL, name)))),
    readOnly: recordsEvent(trail, readOnlyLambdaEvent()),
  };
}

/** Would the trail's selectors record every documented invocation event of this function? */
export function recordsInvocationsOf(trail: TrailModel, functionArn: string): Ternary {
  return and(trail.isLogging, ...INVOCATION_EVENT_NAMES.map(name => recordsEvent(trail, invocationEvent(functionArn, name))));
}

/** True unless the trail certainly records no Lambda invocation. */
export function mayRecordInvocations(trail: TrailModel): Ternary {
  return and(trail.isLogging, or(...INVOCATION_EVENT_NAMES.map(name => recordsEvent(trail, invocationEvent(FieldRange.SOME, name)))));
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

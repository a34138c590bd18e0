// Plans the change in basic event selectors, keeping them basic where the change can be said with
// them: the Lambda data resource `arn:<partition>:lambda` (every function) on a selector whose
// ReadWriteType is All, and management events on a selector of their own. Where it cannot (functions
// with their versions and aliases; a Lambda resource on a ReadOnly or WriteOnly selector, whose
// ReadWriteType also governs its other resources and management events), it says why, and the
// selectors are converted to advanced ones. Whether the selectors record every Lambda data event, and
// which management events, is the engine's answer on its reading of basic selectors (basicAsAdvanced).
import type { DataResource, EventSelector } from '@aws-sdk/client-cloudtrail';
import { AdvancedSelector, basicAsAdvanced, readBasicSelectors, recordsEveryLambdaDataEvent } from 'cdk-compliant-lambda-trail/engine';
import { lacking, lackingText, managementCoverage, managementNotes } from './management-coverage';
import type { KindPlan, PlanInput } from './plan-input';

const LAMBDA = 'AWS::Lambda::Function';

/** CloudTrail's default for a trail without selectors: management events, read and write, and no data events. */
export const DEFAULT_BASIC_SELECTOR: EventSelector = { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] };

export function planBasic(selectors: readonly EventSelector[], input: PlanInput): KindPlan<EventSelector> {
  const label = (s: EventSelector, index: number) => (s === DEFAULT_BASIC_SELECTOR
    ? 'CloudTrail\'s default selector (the trail has none; it records management events, read and write)'
    : `basic selector ${index + 1}`);
  const unchanged = { selectors, changes: [], kept: [], notes: [] };
  if (input.scope.mode === 'only') {
    return { ...unchanged, needsAdvanced: '--only records each function with its versions and aliases (resources.ARN StartsWith "<arn>:"), and a function ARN in a basic selector matches only itself' };
  }
  const every = `arn:${input.partition}:lambda`;
  const changes: string[] = [];
  let result = [...selectors];
  let created: EventSelector | undefined;
  // Where each selector of the result came from (a changed copy keeps the index of the one it changes).
  const origin = new Map(selectors.map((s, i) => [s, i]));

  if (recordsEveryLambdaDataEvent(asAdvanced(result).flat(), input.partition) !== true) {
    const holders = selectors.map((s, i) => ({ s, i })).filter(({ s }) => lambdaResources(s).length > 0);
    const partial = holders.find(({ s }) => readWriteOf(s) !== 'All');
    if (partial) {
      return {
        ...unchanged,
        needsAdvanced: `${label(partial.s, partial.i)} records Lambda data events ${readWriteOf(partial.s)} only, and its ReadWriteType also governs its other data resources and management events`,
      };
    }
    if (holders.length) {
      const [first, ...others] = holders;
      const firstLabel = label(first.s, first.i);
      const replaced = replaceLambdaResources(first.s, [{ Type: LAMBDA, Values: [every] }]);
      origin.set(replaced, first.i);
      result = result.map(s => (s === first.s ? replaced : s));
      changes.push(`${firstLabel}: its ${LAMBDA} data resource [${lambdaValues(first.s).join(', ')}] becomes [${every}] (every function, read and write)`);
      for (const { s, i } of others) {
        const stripped = replaceLambdaResources(s, []);
        origin.set(stripped, i);
        const empty = !stripped.DataResources?.length && stripped.IncludeManagementEvents === false;
        result = empty ? result.filter(x => x !== s) : result.map(x => (x === s ? stripped : x));
        changes.push(empty
          ? `remove ${label(s, i)}: it recorded only Lambda data events of [${lambdaValues(s).join(', ')}], which ${firstLabel} now records with every other function`
          : `${label(s, i)}: remove its ${LAMBDA} data resource [${lambdaValues(s).join(', ')}] (${firstLabel} now records every function)`);
      }
    } else {
      const index = result.findIndex(s => readWriteOf(s) === 'All');
      if (index >= 0) {
        const target = result[index];
        result[index] = { ...target, DataResources: [...(target.DataResources ?? []), { Type: LAMBDA, Values: [every] }] };
        origin.set(result[index], origin.get(target)!);
        changes.push(`${label(target, origin.get(target)!)}: add the data resource ${LAMBDA} [${every}] (every function, read and write)`);
      } else {
        created = { ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: LAMBDA, Values: [every] }] };
        result.push(created);
        changes.push(`add a basic selector for ${LAMBDA} [${every}] (every function), read and write`);
      }
    }
  }

  const labelOf = (selector: EventSelector) => (origin.has(selector) ? label(selectors[origin.get(selector)!], origin.get(selector)!) : 'a new basic selector');
  const coverage = managementCoverage(asAdvanced(result), index => labelOf(result[index]), exclusions => `the sources [${exclusions.flatMap(f => f.operators.NotEquals ?? []).join(', ')}]`);
  const notes = managementNotes(coverage, input.managementNeeded);
  const missing = lacking(coverage);
  if (input.managementNeeded && missing.length === 2 && created) {
    result = result.map(s => (s === created ? { ...s, IncludeManagementEvents: true } : s));
    changes[changes.length - 1] = `add a basic selector for management events and ${LAMBDA} [${every}] (every function), read and write`;
  } else if (input.managementNeeded && missing.length) {
    const side = missing.length === 2 ? undefined : missing[0];
    const other = side ? coverage[side === 'read' ? 'write' : 'read'] : undefined;
    const sources = other?.state === 'excluded' ? other.fields.flatMap(f => f.NotEquals ?? []) : [];
    result.push({
      ReadWriteType: side === undefined ? 'All' : side === 'read' ? 'ReadOnly' : 'WriteOnly',
      IncludeManagementEvents: true,
      DataResources: [],
      ...(sources.length ? { ExcludeManagementEventSources: sources } : {}),
    });
    const excluded = other?.state === 'excluded' ? `; with the exclusions of ${other.by}, which you chose` : '';
    const none = missing.every(s => coverage[s].state === 'missing');
    changes.push(`add a basic selector for ${side ?? 'read and write'} management events: ${none ? 'the trail records none' : lackingText(coverage, missing)}${excluded}`);
  }

  return {
    selectors: result,
    changes,
    kept: selectors
      .map((s, i) => (result.includes(s) && s !== DEFAULT_BASIC_SELECTOR ? label(s, i) : undefined))
      .filter((k): k is string => k !== undefined),
    notes,
  };
}

/** Each basic selector as the advanced selectors the engine reads it as (the one reading of basic selectors). */
function asAdvanced(selectors: readonly EventSelector[]): AdvancedSelector[][] {
  return readBasicSelectors(selectors).map(selector => basicAsAdvanced(selector));
}

function readWriteOf(selector: EventSelector): string {
  return selector.ReadWriteType ?? 'All';
}

function lambdaResources(selector: EventSelector): DataResource[] {
  return (selector.DataResources ?? []).filter(r => r.Type === LAMBDA);
}

function lambdaValues(selector: EventSelector): string[] {
  return lambdaResources(selector).flatMap(r => r.Values ?? []);
}

/** The selector with its Lambda data resources replaced (at the place of the first one), its other resources as they were. */
function replaceLambdaResources(selector: EventSelector, replacement: DataResource[]): EventSelector {
  const resources = selector.DataResources ?? [];
  const at = resources.findIndex(r => r.Type === LAMBDA);
  const others = resources.filter(r => r.Type !== LAMBDA);
  return { ...selector, DataResources: [...others.slice(0, at), ...replacement, ...others.slice(at)] };
}

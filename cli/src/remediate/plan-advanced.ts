// Plans the change in advanced event selectors. Only selectors that record Lambda data events change:
// for every function, they are replaced by the selector CompliantLambdaTrail writes; for some
// functions, by the one CostLimitedLambdaTrail writes with LambdaFunctionSelection.only. Management
// events the trail lacks are added; every other selector is sent back as it was read. What the
// selectors record (every Lambda data event? which management events?) is the engine's answer.
import type { AdvancedEventSelector } from '@aws-sdk/client-cloudtrail';
import {
  AdvancedSelectorSpelling, describeFieldSelector, FieldSelector, lambdaDataSelector, managementEventsSelector, OPERATORS, readAdvancedSelectors,
  recordsEveryLambdaDataEvent,
} from 'cdk-compliant-lambda-trail/engine';
import { lacking, lackingText, managementCoverage, managementNotes, ManagementSide, SideCoverage } from './management-coverage';
import type { FunctionScope, KindPlan, PlanInput } from './plan-input';

const LAMBDA = 'AWS::Lambda::Function';

/** The selector that records the scope's Lambda data events, read and write. */
function wantedLambdaSelector(scope: FunctionScope): AdvancedSelectorSpelling {
  return scope.mode === 'all' ? lambdaDataSelector(undefined, []) : lambdaDataSelector('include', scope.arns);
}

export function planAdvanced(selectors: readonly AdvancedEventSelector[], input: PlanInput): KindPlan<AdvancedEventSelector> {
  const changes: string[] = [];
  let result = [...selectors];

  const wanted = wantedLambdaSelector(input.scope) as AdvancedEventSelector;
  if (!lambdaSatisfied(result, input, wanted)) {
    const next: AdvancedEventSelector[] = [];
    const removed: string[] = [];
    for (const [index, selector] of result.entries()) {
      const types = equalsOf(selector, 'resources.type');
      if (!types?.includes(LAMBDA)) {
        next.push(selector);
      } else if (types.length === 1) {
        removed.push(`${labelOf(selector, index)} (${describeSelector(selector)})`);
        if (!next.includes(wanted)) next.push(wanted);
      } else {
        // A selector shared with other resource types keeps recording them, as it did.
        const others = types.filter(t => t !== LAMBDA);
        next.push({
          ...selector,
          FieldSelectors: (selector.FieldSelectors ?? []).map(f => (f.Field === 'resources.type' ? { ...f, Equals: others } : f)),
        });
        changes.push(`${labelOf(selector, index)}: stop recording ${LAMBDA} in it (it keeps recording ${others.join(', ')} as before)`);
      }
    }
    if (!next.includes(wanted)) next.push(wanted);
    const what = `'${wanted.Name}' (${describeSelector(wanted)})`;
    changes.unshift(removed.length ? `replace ${removed.join(', ')} with ${what}` : `add ${what}`);
    result = next;
  }

  const coverage = managementCoverage(readAdvancedSelectors(result).map(s => [s]), index => labelOf(result[index], index), describeFields);
  const notes = managementNotes(coverage, input.managementNeeded);
  if (input.managementNeeded) {
    const added = managementSelectorFor(coverage);
    if (added) {
      result.push(added.selector);
      changes.push(`add '${added.selector.Name}' (${describeSelector(added.selector)}): ${added.why}`);
    }
  }

  return {
    selectors: result,
    changes,
    kept: selectors.map((s, i) => (result.includes(s) ? labelOf(s, i) : undefined)).filter((k): k is string => k !== undefined),
    notes,
  };
}

/**
 * True when the selectors already record what the scope asks for (so nothing is sent): every Lambda
 * data event, read and write, as the engine reads them; or, for some functions, exactly the selector
 * LambdaFunctionSelection.only writes for them (any other form is rewritten to it).
 */
function lambdaSatisfied(selectors: readonly AdvancedEventSelector[], input: PlanInput, wanted: AdvancedEventSelector): boolean {
  if (input.scope.mode === 'all') return recordsEveryLambdaDataEvent(readAdvancedSelectors(selectors), input.partition) === true;
  const lambda = selectors.filter(s => equalsOf(s, 'resources.type')?.includes(LAMBDA));
  return lambda.length === 1 && canonical(lambda[0]) === canonical(wanted);
}

/** The selector's conditions in a canonical order, without its name: equal meaning, equal text. */
function canonical(selector: AdvancedEventSelector): string {
  const fields = (selector.FieldSelectors ?? []).map(f => [f.Field, ...OPERATORS.filter(op => f[op]?.length).map(op => `${op}=${[...f[op]!].sort().join(',')}`)].join(';'));
  return fields.sort().join('|');
}

function equalsOf(selector: AdvancedEventSelector, field: string): string[] | undefined {
  const found = (selector.FieldSelectors ?? []).filter(f => f.Field === field);
  return found.length ? found.flatMap(f => f.Equals ?? []) : undefined;
}

/** The management selector to add for the sides the trail lacks, with the exclusions the user chose for the other side. */
function managementSelectorFor(coverage: Record<ManagementSide, SideCoverage>): { selector: AdvancedEventSelector; why: string } | undefined {
  const missing = lacking(coverage);
  if (missing.length === 2) {
    const why = coverage.read.state === 'missing' && coverage.write.state === 'missing' ? 'the trail records no management events' : lackingText(coverage, missing);
    return { selector: managementEventsSelector() as AdvancedEventSelector, why };
  }
  const side: ManagementSide | undefined = missing[0];
  if (!side) return undefined;
  const other = side === 'read' ? coverage.write : coverage.read;
  const fields = other.state === 'excluded' ? other.fields : [];
  return {
    selector: managementEventsSelector({ readOnly: side === 'read' ? 'true' : 'false', conditions: fields }) as AdvancedEventSelector,
    why: `${lackingText(coverage, [side])}${other.state === 'excluded' ? `; with the exclusions of ${other.by}, which you chose` : ''}`,
  };
}

function labelOf(selector: AdvancedEventSelector, index: number): string {
  return selector.Name ? `'${selector.Name}'` : `advanced selector ${index + 1}`;
}

/** `eventCategory Equals [Data] and resources.type Equals [AWS::Lambda::Function]`. */
function describeSelector(selector: AdvancedEventSelector): string {
  return describeFields(readAdvancedSelectors([selector])[0].fieldSelectors);
}

function describeFields(fields: readonly FieldSelector[]): string {
  return fields.map(describeFieldSelector).join(' and ');
}

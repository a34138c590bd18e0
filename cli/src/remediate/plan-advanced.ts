// Plans the change in advanced event selectors. Only selectors that record Lambda data events change:
// for every function, they are replaced by the selector CompliantLambdaTrail writes; for some
// functions, by the one CostLimitedLambdaTrail writes with LambdaFunctionSelection.only. Management
// events the trail lacks are added; every other selector is sent back as it was read.
import type { AdvancedEventSelector, AdvancedFieldSelector } from '@aws-sdk/client-cloudtrail';
import {
  AdvancedSelectorSpelling, describeFieldSelector, lambdaDataSelector, managementEventsSelector, OPERATORS, readAdvancedSelectors,
} from 'cdk-compliant-lambda-trail/engine';
import { managementNotes, ManagementSide, SideCoverage } from './management-coverage';
import type { FunctionScope, KindPlan, PlanInput } from './plan-input';

const LAMBDA = 'AWS::Lambda::Function';
const NEGATIVE: readonly string[] = ['NotEquals', 'NotStartsWith', 'NotEndsWith'];

/** The selector that records the scope's Lambda data events, read and write. */
function wantedLambdaSelector(scope: FunctionScope): AdvancedSelectorSpelling {
  return scope.mode === 'all' ? lambdaDataSelector(undefined, []) : lambdaDataSelector('include', scope.arns);
}

export function planAdvanced(selectors: readonly AdvancedEventSelector[], input: PlanInput): KindPlan<AdvancedEventSelector> {
  const changes: string[] = [];
  let result = [...selectors];

  const wanted = wantedLambdaSelector(input.scope) as AdvancedEventSelector;
  if (!lambdaSatisfied(result, input.scope, wanted)) {
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

  const coverage = managementCoverage(result);
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

/** True when the selectors already record exactly what the scope asks for (so nothing is sent). */
function lambdaSatisfied(selectors: readonly AdvancedEventSelector[], scope: FunctionScope, wanted: AdvancedEventSelector): boolean {
  if (scope.mode === 'all') return selectors.some(recordsEveryLambdaEvent);
  const lambda = selectors.filter(s => equalsOf(s, 'resources.type')?.includes(LAMBDA));
  return lambda.length === 1 && canonical(lambda[0]) === canonical(wanted);
}

/** A selector that records every Lambda data event: Data, AWS::Lambda::Function, and no other condition. */
function recordsEveryLambdaEvent(selector: AdvancedEventSelector): boolean {
  const fields = selector.FieldSelectors ?? [];
  const onlyEquals = (f: AdvancedFieldSelector) => OPERATORS.every(op => op === 'Equals' || !f[op]?.length);
  return fields.every(f => (f.Field === 'eventCategory' || f.Field === 'resources.type') && onlyEquals(f))
    && (equalsOf(selector, 'eventCategory')?.includes('Data') ?? false)
    && (equalsOf(selector, 'resources.type')?.includes(LAMBDA) ?? false);
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

/** How the selectors record management events, read and write. */
function managementCoverage(selectors: readonly AdvancedEventSelector[]): Record<ManagementSide, SideCoverage> {
  const coverage: Record<ManagementSide, SideCoverage> = { read: { state: 'missing' }, write: { state: 'missing' } };
  for (const [index, selector] of selectors.entries()) {
    if (!equalsOf(selector, 'eventCategory')?.includes('Management')) continue;
    const readOnly = equalsOf(selector, 'readOnly');
    const sides: ManagementSide[] = readOnly === undefined ? ['read', 'write'] : [
      ...(readOnly.includes('true') ? ['read' as const] : []),
      ...(readOnly.includes('false') ? ['write' as const] : []),
    ];
    const others = (selector.FieldSelectors ?? []).filter(f => f.Field !== 'eventCategory' && f.Field !== 'readOnly');
    const excludesOnly = others.every(f => OPERATORS.every(op => NEGATIVE.includes(op) || !f[op]?.length));
    // Conditions that include only some events (eventSource Equals ...) record only those: not the side.
    if (!excludesOnly) continue;
    for (const side of sides) {
      if (others.length === 0) {
        coverage[side] = { state: 'full' };
      } else if (coverage[side].state === 'missing') {
        coverage[side] = { state: 'excluded', by: labelOf(selector, index), exclusions: describeFields(others), fields: others };
      }
    }
  }
  return coverage;
}

/** The management selector to add for the sides that are missing, with the exclusions the user chose for the other side. */
function managementSelectorFor(coverage: Record<ManagementSide, SideCoverage>): { selector: AdvancedEventSelector; why: string } | undefined {
  const { read, write } = coverage;
  if (read.state === 'missing' && write.state === 'missing') {
    return { selector: managementEventsSelector() as AdvancedEventSelector, why: 'the trail records no management events' };
  }
  const side: ManagementSide | undefined = read.state === 'missing' ? 'read' : write.state === 'missing' ? 'write' : undefined;
  if (!side) return undefined;
  const other = side === 'read' ? write : read;
  const fields = other.state === 'excluded' ? other.fields : [];
  return {
    selector: {
      Name: `Management events: ${side}`,
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Management'] },
        { Field: 'readOnly', Equals: [side === 'read' ? 'true' : 'false'] },
        ...fields,
      ],
    },
    why: `the trail records no ${side} management events${other.state === 'excluded' ? `; with the exclusions of ${other.by}, which you chose` : ''}`,
  };
}

function labelOf(selector: AdvancedEventSelector, index: number): string {
  return selector.Name ? `'${selector.Name}'` : `advanced selector ${index + 1}`;
}

/** `eventCategory Equals [Data] and resources.type Equals [AWS::Lambda::Function]`. */
function describeSelector(selector: AdvancedEventSelector): string {
  return describeFields(selector.FieldSelectors ?? []);
}

function describeFields(fields: readonly AdvancedFieldSelector[]): string {
  return readAdvancedSelectors([{ FieldSelectors: fields }])[0].fieldSelectors.map(describeFieldSelector).join(' and ');
}

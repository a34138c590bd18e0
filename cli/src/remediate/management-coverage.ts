// How a trail's selectors record management events, read and write, in the terms the plan needs:
// fully, only with sources the user excluded (kept as chosen, named in the plan), or not at all. What
// the selectors record is the engine's answer (its event matcher, on the advanced selectors each
// written selector stands for), the one the verdict gives; the plan only picks the exclusions to keep.
import {
  AdvancedSelector, FieldRange, FieldSelector, FieldSelectorSpelling, managementEvent, OPERATORS, selectorsRecordEvent, spellFieldSelector,
} from 'cdk-compliant-lambda-trail/engine';

export type ManagementSide = 'read' | 'write';

export type SideCoverage =
  | { readonly state: 'full' }
  | { readonly state: 'missing' }
  /** Recorded only by selectors that exclude some events: `fields` are those exclusions, as advanced conditions. */
  | { readonly state: 'excluded'; readonly by: string; readonly exclusions: string; readonly fields: readonly FieldSelectorSpelling[] }
  /** Recorded only by a selector that includes only some events (`eventSource Equals ...`, which CloudTrail rejects on a trail): lacking, as if missing. */
  | { readonly state: 'partial'; readonly by: string; readonly conditions: string };

const NEGATIVE: readonly string[] = ['NotEquals', 'NotStartsWith', 'NotEndsWith'];

/**
 * How the selectors record each side of management events. `groups` are the trail's selectors as
 * written, each as the advanced selectors the engine reads it as (itself for an advanced selector,
 * `basicAsAdvanced` for a basic one); `label` names a written selector, `describe` its exclusions.
 * A side is full when the selectors together record every event of it; excluded when a selector
 * records some of them and leaves out only what its conditions exclude; partial when only selectors
 * that include some events (`eventSource Equals ...`) record any (the plan adds the side as if it were
 * missing); else missing.
 */
export function managementCoverage(
  groups: readonly (readonly AdvancedSelector[])[],
  label: (index: number) => string,
  describe: (exclusions: readonly FieldSelector[]) => string,
): Record<ManagementSide, SideCoverage> {
  const all = groups.flat();
  const sideCoverage = (side: ManagementSide): SideCoverage => {
    const readOnly = side === 'read';
    if (selectorsRecordEvent(all, managementEvent(readOnly)) === true) return { state: 'full' };
    let partial: SideCoverage | undefined;
    for (const [index, group] of groups.entries()) {
      for (const selector of group) {
        if (selectorsRecordEvent([selector], managementEvent(readOnly, FieldRange.SOME)) !== true) continue;
        const others = selector.fieldSelectors.filter(f => f.field !== 'eventCategory' && f.field !== 'readOnly');
        if (others.every(excludesOnly)) return { state: 'excluded', by: label(index), exclusions: describe(others), fields: others.map(spellFieldSelector) };
        partial ??= { state: 'partial', by: label(index), conditions: describe(others) };
      }
    }
    return partial ?? { state: 'missing' };
  };
  return { read: sideCoverage('read'), write: sideCoverage('write') };
}

function excludesOnly(selector: FieldSelector): boolean {
  return OPERATORS.every(op => NEGATIVE.includes(op) || (selector.operators[op]?.length ?? 0) === 0);
}

/** What the plan leaves as it is about management events, and why. */
export function managementNotes(coverage: Record<ManagementSide, SideCoverage>, managementNeeded: boolean): string[] {
  const notes: string[] = [];
  const excluded = new Map<string, { sides: ManagementSide[]; exclusions: string }>();
  for (const side of ['read', 'write'] as const) {
    const c = coverage[side];
    if (c.state !== 'excluded') continue;
    const entry = excluded.get(c.by) ?? { sides: [], exclusions: c.exclusions };
    entry.sides.push(side);
    excluded.set(c.by, entry);
  }
  for (const [by, { sides, exclusions }] of excluded) {
    notes.push(`${sidesText(sides)} management events are recorded except ${exclusions} (${by}): kept as you chose it; the control asks for every management event (CLT4): remove the exclusion, or record them with another logging trail`);
  }
  const missing = lacking(coverage);
  if (missing.length && !managementNeeded) {
    notes.push(`${lackingText(coverage, missing)}; the other logging trails of its account and regions record them, alone or together with its own selectors (the audit raises no CLT4), so none are added here: CloudTrail bills every further copy of management events`);
  }
  return notes;
}

/** The sides the trail lacks: none of their events recorded, or only some sources of them included. */
export function lacking(coverage: Record<ManagementSide, SideCoverage>): ManagementSide[] {
  return (['read', 'write'] as const).filter(side => coverage[side].state === 'missing' || coverage[side].state === 'partial');
}

/** `the trail records no read and write management events`, or what it records of a side that it lacks. */
export function lackingText(coverage: Record<ManagementSide, SideCoverage>, sides: readonly ManagementSide[]): string {
  // Sides the trail records alike, said once: `no read and write management events`.
  const groups = new Map<string, ManagementSide[]>();
  for (const side of sides) {
    const c = coverage[side];
    const key = c.state === 'partial' ? `only the {sides} management events of ${c.conditions} (${c.by})` : 'no {sides} management events';
    groups.set(key, [...groups.get(key) ?? [], side]);
  }
  return `the trail records ${[...groups].map(([words, same]) => words.replace('{sides}', sidesText(same))).join(' and ')}`;
}

function sidesText(sides: readonly ManagementSide[]): string {
  return sides.length === 2 ? 'read and write' : sides[0];
}

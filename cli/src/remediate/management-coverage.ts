// How a trail's selectors record management events, read and write, in the terms the plan needs:
// fully, only with sources the user excluded (kept as chosen, named in the plan), or not at all.
import type { AdvancedFieldSelector } from '@aws-sdk/client-cloudtrail';

export type ManagementSide = 'read' | 'write';

export type SideCoverage =
  | { readonly state: 'full' }
  | { readonly state: 'missing' }
  /** Recorded only by selectors that exclude some events: `fields` are those exclusions, as advanced conditions. */
  | { readonly state: 'excluded'; readonly by: string; readonly exclusions: string; readonly fields: readonly AdvancedFieldSelector[] };

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
  const missing = (['read', 'write'] as const).filter(side => coverage[side].state === 'missing');
  if (missing.length && !managementNeeded) {
    notes.push(`the trail records no ${sidesText(missing)} management events; the other logging trails of its account and regions record them, alone or together with its own selectors (the audit raises no CLT4), so none are added here: CloudTrail bills every further copy of management events`);
  }
  return notes;
}

function sidesText(sides: readonly ManagementSide[]): string {
  return sides.length === 2 ? 'read and write' : sides[0];
}

import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** Reasons shorter than this are themselves a finding: an auditor needs to read why. */
export const MIN_REASON_LENGTH = 10;

/** An acknowledgement found on a construct or one of its ancestors. */
export interface Acknowledgement {
  readonly ruleId: string;
  readonly reason: string;
  /** The construct the acknowledgement was made on. */
  readonly path: string;
  readonly scope: IConstruct;
}

/**
 * The acknowledgement of `ruleId` that applies to `construct`: made with
 * `Validations.of(x).acknowledge({ id, reason })` on the construct or an ancestor (the nearest wins).
 * aws-cdk-lib records it in the construct's metadata as `annotation::<id>` (2.257) or
 * `Annotation::<id>` (2.276).
 */
export function acknowledgementOf(construct: IConstruct, ruleId: string): Acknowledgement | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    for (const entry of [...scope.node.metadata].reverse()) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [key, reason] of Object.entries(entry.data as Record<string, unknown>)) {
        if (typeof reason === 'string' && ruleIdOf(key) === ruleId) return { ruleId, reason, path: scope.node.path, scope };
      }
    }
  }
  return undefined;
}

/** Whether the reason says enough to be accepted. */
export function reasonIsSufficient(reason: string): boolean {
  return reason.trim().length >= MIN_REASON_LENGTH;
}

/** The rule id of an acknowledged id: `CLT5`, `annotation::CLT5` and `Annotation::CLT5` are all CLT5. */
function ruleIdOf(acknowledgedId: string): string | undefined {
  const parts = acknowledgedId.split('::');
  if (parts.length === 1) return parts[0];
  return parts.length === 2 && parts[0].toLowerCase() === 'annotation' ? parts[1] : undefined;
}

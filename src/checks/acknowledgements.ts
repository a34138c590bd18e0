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
 * aws-cdk-lib records it as `annotation::<id>` in the construct's metadata.
 */
export function acknowledgementOf(construct: IConstruct, ruleId: string): Acknowledgement | undefined {
  const keys = [ruleId, `annotation::${ruleId}`];
  for (const scope of [...construct.node.scopes].reverse()) {
    for (const entry of [...scope.node.metadata].reverse()) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const key of keys) {
        const reason = (entry.data as Record<string, unknown>)[key];
        if (typeof reason === 'string') return { ruleId, reason, path: scope.node.path, scope };
      }
    }
  }
  return undefined;
}

/** Whether the reason says enough to be accepted. */
export function reasonIsSufficient(reason: string): boolean {
  return reason.trim().length >= MIN_REASON_LENGTH;
}

// Acknowledgements made with aws-cdk-lib's own API, `Validations.of(construct).acknowledge({ id, reason })`,
// read from the construct tree for the report.
import { CfnResource, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { displayIdOf, ruleIdOf } from '../engine/acknowledgement-ids';
import type { AcknowledgementLookup, FoundAcknowledgement, Subject } from '../engine/types';

function acknowledgementsOn(scope: IConstruct): FoundAcknowledgement[] {
  const found: FoundAcknowledgement[] = [];
  for (const entry of scope.node.metadata) {
    if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
    for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
      if (typeof reason === 'string') found.push({ id: displayIdOf(id), ruleId: ruleIdOf(id), reason, path: scope.node.path });
    }
  }
  return found;
}

/** Acknowledgements on the constructs of a tree: on a finding's construct or an ancestor, the nearest (and latest) wins. */
export class ConstructAcknowledgements implements AcknowledgementLookup {
  private readonly everything: FoundAcknowledgement[];

  /**
   * @param constructAt the construct at a subject's path
   * @param acknowledging every construct of the tree with an acknowledgement on it
   * @param root the tree's root: acknowledgements on its ancestors count too (a Stage judged inside an App)
   */
  constructor(private readonly constructAt: (path: string) => IConstruct | undefined, acknowledging: readonly IConstruct[], root: IConstruct) {
    const scopes = [...root.node.scopes.slice(0, -1), ...acknowledging];
    this.everything = scopes.flatMap(acknowledgementsOn);
  }

  public find(subject: Subject, ruleId: string): FoundAcknowledgement | undefined {
    const construct = this.constructAt(subject.path);
    if (!construct) return undefined;
    // A finding of an L2 (a CompliantLambdaTrail, a Function) is about its resource, the L2's default
    // child: an acknowledgement on that resource (`trail.trail`, `fn.node.defaultChild`) counts too. A
    // subject without a logical id is a construct's own warning, which is on the L2 itself.
    return acknowledgementOf(subject.logicalId ? resourceOf(construct) : construct, ruleId);
  }

  public all(): readonly FoundAcknowledgement[] {
    return this.everything;
  }
}

/** The resource a finding on `owner` is about: its default child when that is a CloudFormation resource, else itself. */
function resourceOf(owner: IConstruct): IConstruct {
  const child = owner.node.defaultChild;
  return child && CfnResource.isCfnResource(child) ? child : owner;
}

/** The acknowledgement of `ruleId` that applies to `construct`: on it or an ancestor, the nearest (and latest) wins. */
export function acknowledgementOf(construct: IConstruct, ruleId: string): FoundAcknowledgement | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const found = acknowledgementsOn(scope).reverse().find(a => a.ruleId === ruleId);
    if (found) return found;
  }
  return undefined;
}

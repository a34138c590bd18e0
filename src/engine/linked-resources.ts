// What a trail links to in the inputs: its bucket, the bucket's policies and its key, in one scenario of the
// conditions, with the live state the audit read of each.
import { AppTemplates } from '../model/app-templates';
import { LIVE_STATE_METADATA, LiveState } from '../model/cloudformation';
import { statementsOf } from '../model/policy-statements';
import { Evaluator, NeedsCondition, NO_VALUE, ResourceRef } from '../model/template-evaluator';
import { TrailModel } from '../model/trail-model';
import { hasUnknown, NOT_KNOWN, printable, unknownValue, valueEquals } from '../model/unknown-value';
import { LinkedResource, TrailFacts } from '../rules/rule';

/** What the AWS APIs showed of a live resource beyond its properties (the audit writes it into its Metadata). */
export function liveStateOf(ref: ResourceRef): LiveState | undefined {
  const state = ref.scope.resource(ref.logicalId)?.Metadata?.[LIVE_STATE_METADATA];
  return state && typeof state === 'object' ? state as LiveState : undefined;
}

/** The facts a trail's rules read, and the policy documents read for them (to say what of them is not known). */
export type LinkedFacts = Omit<TrailFacts, 'elsewhere' | 'liveState'> & { readonly bucketPolicyDocuments: unknown[] };

/** The bucket, its policies' statements and the key a trail's properties lead to, in one scenario. */
export function linkedFacts(app: AppTemplates, ev: Evaluator, trail: TrailModel): LinkedFacts {
  const bucketRef = trail.s3BucketName === undefined ? undefined : findBucket(app, ev, trail.s3BucketName);
  let bucket: LinkedResource | undefined;
  let bucketPolicyStatements: any[] | undefined;
  const bucketPolicyDocuments: unknown[] = [];
  if (bucketRef && ev.exists(bucketRef)) {
    bucket = linkedResource(ev, bucketRef);
    bucketPolicyStatements = [];
    for (const policy of app.resourcesOfType('AWS::S3::BucketPolicy')) {
      if (!ev.exists(policy)) continue;
      const properties = ev.value(policy.scope, policy.scope.resource(policy.logicalId)?.Properties ?? {});
      const target = typeof properties.Bucket === 'string' ? findBucket(app, ev, properties.Bucket) : undefined;
      if (target?.scope !== bucketRef.scope || target.logicalId !== bucketRef.logicalId) {
        if (typeof properties.Bucket === 'string' && !hasUnknown(properties.Bucket)) continue;
        if (target === undefined && typeof properties.Bucket === 'string' && hasUnknown(properties.Bucket) && !ev.links.has(properties.Bucket)) {
          // A policy on a bucket the inputs cannot name: it might be this one.
          bucketPolicyStatements = undefined;
          break;
        }
        continue;
      }
      bucketPolicyDocuments.push(properties.PolicyDocument);
      const statements = statementsOf(properties.PolicyDocument);
      if (statements === undefined) {
        bucketPolicyStatements = undefined;
        break;
      }
      bucketPolicyStatements.push(...statements);
    }
  }
  const bucketUndecided = bucket || trail.s3BucketName === undefined ? undefined : mayNameBucket(app, ev, trail.s3BucketName);
  // A key of the inputs can be named before deployment only by Ref or Fn::GetAtt (its id exists
  // once it is created): any other KMSKeyId (a literal ARN, a parameter, an import from outside
  // the inputs) names a key outside them.
  const keyRef = trail.kmsKeyId === undefined ? undefined : findKey(app, ev, trail);
  const key = keyRef && ev.exists(keyRef) ? linkedResource(ev, keyRef) : undefined;
  return { trail, bucket, bucketUndecided, bucketPolicyStatements, key, bucketPolicyDocuments };
}

/**
 * When an S3BucketName the inputs cannot resolve (a parameter, an import) may still be the name a
 * bucket of the inputs is given: which ones, for an Undecided; undefined when it names none of them.
 * A generated bucket name exists only once the bucket is created, so a value known before
 * deployment cannot be one.
 */
function mayNameBucket(app: AppTemplates, ev: Evaluator, value: string): string | undefined {
  const candidates = app.resourcesOfType('AWS::S3::Bucket').filter(ref => {
    try {
      const given = ref.scope.header(ref.logicalId)?.Properties?.BucketName;
      if (given === undefined || !ev.exists(ref)) return false;
      const name = ev.value(ref.scope, given);
      return typeof name !== 'string' || valueEquals(value, name) !== false;
    } catch (e) {
      if (e instanceof NeedsCondition) return true;
      throw e;
    }
  });
  if (candidates.length === 0) return undefined;
  return `S3BucketName ${printable(value)} is ${NOT_KNOWN} and may name ${candidates.map(ref => ref.scope.pathOf(ref.logicalId)).join(', ')}`;
}

function findBucket(app: AppTemplates, ev: Evaluator, name: string): ResourceRef | undefined {
  const linked = ev.links.get(name);
  if (linked) return linked.scope.resourceType(linked.logicalId) === 'AWS::S3::Bucket' ? linked : undefined;
  if (hasUnknown(name)) return undefined;
  return app.resourcesOfType('AWS::S3::Bucket').find(ref => {
    const given = ref.scope.header(ref.logicalId)?.Properties?.BucketName;
    return given !== undefined && ev.value(ref.scope, given) === name;
  });
}

/**
 * The key a KMSKeyId names: a key of the inputs by Ref or Fn::GetAtt, or through an alias of the
 * inputs (`alias/<name>` or the alias ARN), whose TargetKeyId leads to the key.
 */
function findKey(app: AppTemplates, ev: Evaluator, trail: TrailModel): ResourceRef | undefined {
  const keyId = trail.kmsKeyId!;
  const linked = ev.links.get(keyId);
  if (linked) return linked.scope.resourceType(linked.logicalId) === 'AWS::KMS::Key' ? linked : undefined;
  // `alias/<name>` names an alias of the trail's account and region; an alias ARN names its own.
  const aliasArn = /^arn:[^:]+:kms:([^:]*):([^:]*):(alias\/.+)$/.exec(keyId);
  const alias = aliasArn?.[3] ?? (keyId.startsWith('alias/') ? keyId : undefined);
  if (alias === undefined || hasUnknown(alias)) return undefined;
  const region = aliasArn?.[1] ?? trail.region;
  const account = aliasArn?.[2] ?? trail.account;
  for (const ref of app.resourcesOfType('AWS::KMS::Alias')) {
    if (valueEquals(ref.scope.account, account) === false || valueEquals(ref.scope.region, region) === false || !ev.exists(ref)) continue;
    const properties = ev.value(ref.scope, ref.scope.resource(ref.logicalId)?.Properties ?? {});
    if (!properties || typeof properties !== 'object') continue;
    if (properties.AliasName !== alias || typeof properties.TargetKeyId !== 'string') continue;
    const target = ev.links.get(properties.TargetKeyId);
    return target && target.scope.resourceType(target.logicalId) === 'AWS::KMS::Key' ? target : undefined;
  }
  return undefined;
}

function linkedResource(ev: Evaluator, ref: ResourceRef): LinkedResource {
  const properties = ev.value(ref.scope, ref.scope.resource(ref.logicalId)?.Properties ?? {});
  const arn = ev.value(ref.scope, { 'Fn::GetAtt': [ref.logicalId, 'Arn'] });
  return {
    path: ref.scope.pathOf(ref.logicalId),
    arn: typeof arn === 'string' ? arn : unknownValue(`ARN of ${ref.scope.pathOf(ref.logicalId)}`),
    properties: properties === NO_VALUE ? {} : properties,
    liveState: liveStateOf(ref),
  };
}

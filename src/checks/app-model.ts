// One walk of the construct tree: the trails, functions, buckets, bucket policies and keys of the
// app, resolved once. Coverage and rules work on this, never on the tree.
import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { functionModelOf, FunctionModel } from '../model/coverage';
import { statementsOf } from '../model/policy-statements';
import { environmentOf, isResourceOfType, ReferenceTargets, resolvedProperties } from '../model/symbolic-resolver';
import { trailModelFromProperties, TrailModel } from '../model/trail-model';
import { LinkedResource } from '../rules/rule';

export interface AppTrail {
  readonly resource: CfnResource;
  readonly model: TrailModel;
  readonly bucket?: LinkedResource;
  readonly bucketPolicyStatements?: any[];
  readonly key?: LinkedResource;
}

export interface AppFunction {
  readonly resource: CfnResource;
  readonly model: FunctionModel;
}

export interface AppModel {
  readonly trails: AppTrail[];
  readonly functions: AppFunction[];
  /** Trails whose properties could not be read, with the reason. */
  readonly unreadable: { resource: CfnResource; error: string }[];
}

/** Collects and resolves everything the checks need, in one pass over the tree under `root`. */
export function buildAppModel(root: IConstruct): AppModel {
  const trails: CfnResource[] = [];
  const functions: AppFunction[] = [];
  const policies: CfnResource[] = [];
  const bucketsByName = new Map<string, CfnResource>();
  for (const node of root.node.findAll()) {
    if (!CfnResource.isCfnResource(node)) continue;
    switch (node.cfnResourceType) {
      case 'AWS::CloudTrail::Trail': trails.push(node); break;
      case 'AWS::Lambda::Function': functions.push({ resource: node, model: functionModelOf(node) }); break;
      case 'AWS::S3::BucketPolicy': policies.push(node); break;
      case 'AWS::S3::Bucket': {
        const name = (node as any).bucketName;
        if (typeof name === 'string') bucketsByName.set(name, node);
        break;
      }
    }
  }

  const policiesByBucket = new Map<IConstruct, any[] | undefined>();
  for (const policy of policies) {
    const targets: ReferenceTargets = new Map();
    const properties = safely(() => resolvedProperties(policy, targets));
    const bucket = properties && targets.get(properties.Bucket);
    if (!bucket) continue;
    const statements = statementsOf(properties.PolicyDocument);
    const known = policiesByBucket.has(bucket) ? policiesByBucket.get(bucket) : [];
    policiesByBucket.set(bucket, known && statements ? [...known, ...statements] : undefined);
  }

  const appTrails: AppTrail[] = [];
  const unreadable: AppModel['unreadable'] = [];
  for (const resource of trails) {
    try {
      const targets: ReferenceTargets = new Map();
      const properties = resolvedProperties(resource, targets);
      const model = trailModelFromProperties(properties, environmentOf(resource));
      const bucketResource = linked(targets.get(model.s3BucketName ?? ''), 'AWS::S3::Bucket') ?? bucketsByName.get(model.s3BucketName ?? '');
      const keyResource = linked(targets.get(model.kmsKeyId ?? ''), 'AWS::KMS::Key');
      appTrails.push({
        resource,
        model,
        bucket: bucketResource && linkedResource(bucketResource),
        bucketPolicyStatements: bucketResource ? (policiesByBucket.has(bucketResource) ? policiesByBucket.get(bucketResource) : []) : undefined,
        key: keyResource && linkedResource(keyResource),
      });
    } catch (e) {
      unreadable.push({ resource, error: (e as Error).message });
    }
  }
  return { trails: appTrails, functions, unreadable };
}

function linked(node: IConstruct | undefined, type: string): CfnResource | undefined {
  return node && isResourceOfType(node, type) ? node : undefined;
}

function linkedResource(resource: CfnResource): LinkedResource | undefined {
  const properties = safely(() => resolvedProperties(resource));
  return properties ? { path: resource.node.path, properties } : undefined;
}

function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

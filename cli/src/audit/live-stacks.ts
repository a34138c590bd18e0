// Turns what the audit read from AWS into the engine's input: one synthetic stack per account and
// region, whose template holds CloudFormation-shaped resources (trails, their buckets, bucket
// policies and keys, functions, event data stores). The rules then judge a live account exactly as
// they judge a template. Every value the API would not give is an `unknownValue` with the reason, so
// the engine reports it as unknown, never as compliant.
import { createHash } from 'crypto';
import { AdvancedEventSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import type { PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import {
  CloudFormationResource, functionArn, LIVE_STATE_METADATA, LiveState, PATH_METADATA, StackInput, UnlistedResources, unknownValue,
} from 'cdk-compliant-lambda-trail/engine';
import { EventDataStoreListing, LiveBucket, LiveEventDataStore, LiveKey, Readout } from '../aws/account-reader';
import { LiveTrail, TrailSelectors } from '../aws/trail-reader';

/** What the audit read in one region of one account. */
export interface AuditedRegion {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  readonly functions: Readout<string[]>;
  /** Why DescribeTrails failed here, when it did (the trails it lists are read once, by ARN). */
  readonly trailsUnknown?: string;
  readonly eventDataStores: EventDataStoreListing;
}

/**
 * The CloudTrail Lake event data stores homed in an enabled region of an account that the audit does
 * not audit (outside `--regions`): a store is listed only in its home region, with no copy in the
 * regions it records, and a multi-region one records the audited regions too. Only the stores that may
 * be multi-region are kept. `region` is undefined when the account's regions could not be listed.
 */
export interface OtherRegionStores {
  readonly account: string;
  readonly region?: string;
  readonly eventDataStores: EventDataStoreListing;
}

/** A trail with what its rules follow: its bucket, its key, its organization. */
export interface AuditedTrail {
  readonly trail: LiveTrail;
  readonly partition: string;
  readonly bucket?: LiveBucket;
  readonly key?: LiveKey;
  /** The organization an organization trail records. */
  readonly organizationId?: Readout<string>;
}

/** An account the audit could not read at all (a member whose role could not be assumed). */
export interface UnreachableAccount {
  readonly account: string;
  readonly reason: string;
}

type Resources = Record<string, CloudFormationResource>;

/** The `<account>/<region>` (the stack id, and the path of its CLT0) of an account's regions outside `--regions` that could not be listed. */
export function otherRegionsId(account: string): string {
  return `${account}/regions outside --regions`;
}

/** The engine's input for an audit. */
export function liveStackInputs(
  regions: readonly AuditedRegion[],
  trails: readonly AuditedTrail[],
  unreachable: readonly UnreachableAccount[] = [],
  otherRegions: readonly OtherRegionStores[] = [],
): StackInput[] {
  const stacks = new Map<string, { account: string; region: string; resources: Resources; unlisted?: UnlistedResources }>();
  const stackOf = (account: string, region: string, id = `${account}/${region}`) => {
    let stack = stacks.get(id);
    if (!stack) {
      stack = { account, region, resources: {} };
      stacks.set(id, stack);
    }
    return stack;
  };

  for (const audited of regions) {
    const stack = stackOf(audited.account, audited.region);
    if ('value' in audited.functions) addFunctions(stack.resources, audited, audited.functions.value);
    const unlisted = defined({
      trails: audited.trailsUnknown,
      eventDataStores: 'unknown' in audited.eventDataStores ? audited.eventDataStores.unknown : undefined,
      functions: 'unknown' in audited.functions ? audited.functions.unknown : undefined,
    });
    if (Object.keys(unlisted).length) stack.unlisted = unlisted;
  }
  // A store is listed only in its home region, which may be outside --regions; one is added once.
  const storesSeen = new Set<string>();
  for (const listed of [...regions, ...otherRegions]) {
    if (!('stores' in listed.eventDataStores)) continue;
    for (const store of listed.eventDataStores.stores) {
      if (storesSeen.has(store.arn)) continue;
      storesSeen.add(store.arn);
      const home = arnParts(store.arn);
      addEventDataStore(stackOf(home?.account ?? listed.account, home?.region ?? listed.region ?? unknownValue(`home region of ${store.arn}`)).resources, store);
    }
  }
  // Stores homed outside --regions that could not be listed: one of them may record the audited regions.
  for (const other of otherRegions) {
    if (!('unknown' in other.eventDataStores)) continue;
    const stack = other.region
      ? stackOf(other.account, other.region)
      : stackOf(other.account, unknownValue(`the enabled regions of account ${other.account} outside --regions`), otherRegionsId(other.account));
    stack.unlisted = { ...stack.unlisted, eventDataStores: other.eventDataStores.unknown };
  }
  for (const audited of trails) addTrail(stackOf(audited.trail.account, audited.trail.homeRegion).resources, audited);

  const inputs: StackInput[] = [...stacks.entries()].map(([id, { account, region, resources, unlisted }]) => ({
    id,
    stackName: `lambda-trail-audit-${account}-${region}`,
    account,
    region,
    template: { Resources: resources },
    ...(unlisted ? { unlisted } : {}),
  }));
  // An account that could not be read at all: nothing of it is listed, in any of its regions.
  for (const { account, reason } of unreachable) {
    inputs.push({
      id: account,
      stackName: `lambda-trail-audit-${account}`,
      account,
      region: unknownValue(`the regions of account ${account}: ${reason}`),
      template: { Resources: {} },
      unlisted: { trails: reason, eventDataStores: reason, functions: reason },
    });
  }
  return inputs;
}

function addFunctions(resources: Resources, audited: AuditedRegion, names: readonly string[]): void {
  for (const name of names) {
    const arn = functionArn(audited, name);
    resources[logicalId('Function', name, arn)] = {
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: name },
      Metadata: { [PATH_METADATA]: arn },
    };
  }
}

function addEventDataStore(resources: Resources, store: LiveEventDataStore): void {
  const details = store.details;
  const name = store.arn.split('/').pop() ?? store.arn;
  const properties: Record<string, unknown> = 'unknown' in details
    ? {
      AdvancedEventSelectors: unknownValue(details.unknown),
      MultiRegionEnabled: unknownValue(details.unknown),
      OrganizationEnabled: unknownValue(details.unknown),
      IngestionEnabled: unknownValue(details.unknown),
    }
    : defined({
      Name: details.value.Name,
      AdvancedEventSelectors: advancedSelectors(details.value.AdvancedEventSelectors ?? []),
      MultiRegionEnabled: details.value.MultiRegionEnabled,
      OrganizationEnabled: details.value.OrganizationEnabled,
      IngestionEnabled: ingestionOf(details.value.Status),
    });
  resources[logicalId('EventDataStore', name, store.arn)] = {
    Type: 'AWS::CloudTrail::EventDataStore',
    Properties: properties,
    Metadata: { [PATH_METADATA]: store.arn },
  };
}

/** Whether an event data store ingests events, from its status (AWS CloudTrail API Reference, "GetEventDataStore"). */
function ingestionOf(status: string | undefined): boolean | string {
  switch (status) {
    case 'ENABLED': return true;
    // Ingestion stopped, or the store is being deleted: it records nothing, as a trail that is not logging.
    case 'STOPPED_INGESTION':
    case 'PENDING_DELETION': return false;
    case undefined: return unknownValue('cloudtrail:GetEventDataStore: the answer has no Status');
    // Being created, starting or stopping ingestion: whether it records now is not known.
    default: return unknownValue(`cloudtrail:GetEventDataStore: its Status is ${status}`);
  }
}

function addTrail(resources: Resources, audited: AuditedTrail): void {
  const { trail, bucket, key, partition } = audited;
  const d = trail.description;
  const trailId = logicalId('Trail', trail.name, trail.arn);
  let bucketRef: unknown = d.S3BucketName;
  if (d.S3BucketName) {
    const bucketArn = `arn:${partition}:s3:::${d.S3BucketName}`;
    const bucketId = logicalId('Bucket', d.S3BucketName, bucketArn);
    bucketRef = { Ref: bucketId };
    if (!resources[bucketId]) {
      resources[bucketId] = {
        Type: 'AWS::S3::Bucket',
        Properties: defined({
          BucketName: d.S3BucketName,
          PublicAccessBlockConfiguration: bucket
            ? effectivePublicAccessBlock(bucket.publicAccessBlock, bucket.accountPublicAccessBlock)
            : unknownValue(`s3:GetPublicAccessBlock: bucket ${d.S3BucketName} was not read`),
        }),
        Metadata: { [PATH_METADATA]: bucketArn, ...liveState({ missing: bucket?.missing }) },
      };
      const policy = bucket ? bucket.policy : { unknown: `s3:GetBucketPolicy: bucket ${d.S3BucketName} was not read` };
      if (!('value' in policy) || policy.value !== undefined) {
        resources[`${bucketId}Policy`] = {
          Type: 'AWS::S3::BucketPolicy',
          Properties: { Bucket: { Ref: bucketId }, PolicyDocument: known(policy) },
          Metadata: { [PATH_METADATA]: `${bucketArn} (bucket policy)` },
        };
      }
    }
  }
  let keyRef: unknown;
  if (d.KmsKeyId) {
    const keyId = logicalId('Key', d.KmsKeyId.split('/').pop() ?? d.KmsKeyId, d.KmsKeyId);
    keyRef = { 'Fn::GetAtt': [keyId, 'Arn'] };
    resources[keyId] ??= {
      Type: 'AWS::KMS::Key',
      Properties: { KeyPolicy: key ? known(key.policy) : unknownValue(`kms:GetKeyPolicy: key ${d.KmsKeyId} was not read`) },
      Metadata: { [PATH_METADATA]: d.KmsKeyId, ...liveState({ keyState: key ? known(key.state) : unknownValue(`kms:DescribeKey: key ${d.KmsKeyId} was not read`) }) },
    };
  }
  resources[trailId] = {
    Type: 'AWS::CloudTrail::Trail',
    Properties: defined({
      TrailName: trail.name,
      S3BucketName: bucketRef,
      S3KeyPrefix: d.S3KeyPrefix,
      KMSKeyId: keyRef,
      IsLogging: typeof trail.isLogging === 'boolean' ? trail.isLogging : unknownValue(trail.isLogging.unknown),
      EnableLogFileValidation: d.LogFileValidationEnabled,
      IsMultiRegionTrail: d.IsMultiRegionTrail,
      IncludeGlobalServiceEvents: d.IncludeGlobalServiceEvents,
      IsOrganizationTrail: d.IsOrganizationTrail,
      CloudWatchLogsLogGroupArn: d.CloudWatchLogsLogGroupArn,
      CloudWatchLogsRoleArn: d.CloudWatchLogsRoleArn,
      SnsTopicName: d.SnsTopicName,
      ...selectorProperties(trail.selectors),
    }),
    Metadata: {
      [PATH_METADATA]: trail.arn,
      ...liveState({
        deliveryError: trail.deliveryError,
        latestDelivery: trail.latestDelivery?.toISOString(),
        organizationId: audited.organizationId && known(audited.organizationId),
      }),
    },
  };
}

/** The live state metadata the delivery rules read, without the facts the APIs did not report. */
function liveState(state: LiveState): Record<string, LiveState> {
  const present = defined({ ...state });
  return Object.keys(present).length ? { [LIVE_STATE_METADATA]: present } : {};
}

const BLOCK_PUBLIC_ACCESS_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/**
 * What blocks public access to a bucket: each setting is on when the bucket's or its account's is
 * (Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage": S3 applies the most
 * restrictive combination). A setting that neither turns on is off, unless one of them could not be read.
 */
function effectivePublicAccessBlock(
  bucket: Readout<PublicAccessBlockConfiguration | undefined>,
  account: Readout<PublicAccessBlockConfiguration | undefined>,
): Record<string, boolean | string> {
  return Object.fromEntries(BLOCK_PUBLIC_ACCESS_FLAGS.map(flag => {
    const settings = [bucket, account].map(r => ('unknown' in r ? r : { value: r.value?.[flag] === true }));
    if (settings.some(r => 'value' in r && r.value)) return [flag, true];
    const unread = settings.find((r): r is { unknown: string } => 'unknown' in r);
    return [flag, unread ? unknownValue(unread.unknown) : false];
  }));
}

/**
 * A trail's selectors as the properties of its CloudFormation resource: basic or advanced ones, none
 * (CloudTrail's default, which the engine applies), or unknown with the reason they could not be read.
 */
export function selectorProperties(selectors: TrailSelectors | { readonly unknown: string }): Record<string, unknown> {
  if ('unknown' in selectors) return { EventSelectors: unknownValue(selectors.unknown) };
  if (selectors.advancedEventSelectors?.length) return { AdvancedEventSelectors: advancedSelectors(selectors.advancedEventSelectors) };
  if (selectors.eventSelectors?.length) return { EventSelectors: selectors.eventSelectors.map(basicSelector) };
  return {};
}

/** Advanced selectors as CloudFormation spells them (the API uses the same field and operator names). */
export function advancedSelectors(selectors: readonly AdvancedEventSelector[]): unknown[] {
  return selectors.map(s => defined({
    Name: s.Name,
    FieldSelectors: (s.FieldSelectors ?? []).map(f => defined({
      Field: f.Field,
      Equals: nonEmpty(f.Equals),
      StartsWith: nonEmpty(f.StartsWith),
      EndsWith: nonEmpty(f.EndsWith),
      NotEquals: nonEmpty(f.NotEquals),
      NotStartsWith: nonEmpty(f.NotStartsWith),
      NotEndsWith: nonEmpty(f.NotEndsWith),
    })),
  }));
}

/** A basic event selector as CloudFormation spells it. */
export function basicSelector(s: EventSelector): unknown {
  return defined({
    ReadWriteType: s.ReadWriteType,
    IncludeManagementEvents: s.IncludeManagementEvents,
    DataResources: (s.DataResources ?? []).map(r => defined({ Type: r.Type, Values: r.Values ?? [] })),
    ExcludeManagementEventSources: nonEmpty(s.ExcludeManagementEventSources),
  });
}

function known<T>(readout: Readout<T>): T | string {
  return 'unknown' in readout ? unknownValue(readout.unknown) : readout.value;
}

function nonEmpty<T>(values: T[] | undefined): T[] | undefined {
  return values && values.length > 0 ? values : undefined;
}

function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/** A stable CloudFormation-style logical id: a readable stem and a hash of the ARN (names may collide once sanitized). */
export function logicalId(kind: string, name: string, arn: string): string {
  const stem = name.replace(/[^A-Za-z0-9]/g, '').slice(0, 48);
  const hash = createHash('sha256').update(arn).digest('hex').slice(0, 8).toUpperCase();
  return `${kind}${stem}${hash}`;
}

function arnParts(arn: string): { region: string; account: string } | undefined {
  const match = /^arn:[^:]+:[^:]+:([^:]*):(\d{12}):/.exec(arn);
  return match ? { region: match[1], account: match[2] } : undefined;
}

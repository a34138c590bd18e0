// Creates in moto, with SDK calls, what a CloudFormation template describes: keys with their policies and state,
// buckets with their public access blocks and policies, log groups, functions, and trails with their
// selectors and logging state. moto's own CloudFormation skips trails and bucket policies, so the
// parity tests apply templates resource by resource instead. References are resolved to the physical
// names and ARNs moto gave.
import * as zlib from 'zlib';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutBucketPolicyCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';

export interface Target {
  readonly endpoint: string;
  readonly region: string;
  readonly account: string;
  readonly partition?: string;
  /** Credentials of the account to create in (default: the test credentials, moto's default account). */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Physical names are made unique with this (several templates in one moto). */
  readonly suffix?: string;
  readonly stackName?: string;
}

/** What was created: the physical name and ARN of each logical id. */
export interface Applied {
  readonly names: Record<string, string>;
  readonly arns: Record<string, string>;
}

function config(target: Target, region = target.region) {
  return {
    region,
    endpoint: target.endpoint,
    forcePathStyle: true,
    credentials: target.credentials ?? { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
}

/** Applies the template's resources (the types the rules look at; others get placeholder names for references). */
export async function applyTemplate(template: any, target: Target): Promise<Applied> {
  const resources: Record<string, any> = template.Resources ?? {};
  const partition = target.partition ?? 'aws';
  const suffix = target.suffix ?? '';
  const stackName = target.stackName ?? 'Stack';
  const names: Record<string, string> = {};
  const arns: Record<string, string> = {};
  const resolve = (value: any): any => resolveValue(value, { names, arns, target, partition, stackName });
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

  // Names of everything first, so that references between resources resolve whatever the order.
  for (const [id, r] of Object.entries(resources)) {
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::S3::Bucket':
        names[id] = typeof p.BucketName === 'string' ? p.BucketName : `${id.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 30)}-${suffix || 'b'}-${target.account}`.slice(0, 63);
        arns[id] = `arn:${partition}:s3:::${names[id]}`;
        break;
      case 'AWS::Logs::LogGroup':
        names[id] = typeof p.LogGroupName === 'string' ? p.LogGroupName : `${stackName}-${id}${suffix}`;
        arns[id] = `arn:${partition}:logs:${target.region}:${target.account}:log-group:${names[id]}:*`;
        break;
      case 'AWS::Lambda::Function':
        names[id] = typeof p.FunctionName === 'string' ? p.FunctionName : `${stackName}-${id}${suffix}`.slice(0, 64);
        arns[id] = `arn:${partition}:lambda:${target.region}:${target.account}:function:${names[id]}`;
        break;
      case 'AWS::CloudTrail::Trail':
        names[id] = typeof p.TrailName === 'string' ? p.TrailName : `${id}${suffix}`;
        arns[id] = `arn:${partition}:cloudtrail:${target.region}:${target.account}:trail/${names[id]}`;
        break;
      case 'AWS::IAM::Role':
        names[id] = typeof p.RoleName === 'string' ? p.RoleName : `${stackName}-${id}${suffix}`.slice(0, 64);
        arns[id] = `arn:${partition}:iam::${target.account}:role/${names[id]}`;
        break;
      default:
        names[id] = `${id}${suffix}`;
        arns[id] = `arn:${partition}:${r.Type.split('::')[1]?.toLowerCase()}:${target.region}:${target.account}:${id}${suffix}`;
    }
  }

  // Keys get their ids from KMS; their policies may name the trail, whose ARN is known by now.
  const kms = new KMSClient(config(target));
  for (const [id, r] of ofType('AWS::KMS::Key')) {
    const policy = r.Properties?.KeyPolicy;
    const key = await kms.send(new CreateKeyCommand({ Policy: policy ? JSON.stringify(resolve(policy)) : undefined }));
    names[id] = key.KeyMetadata!.KeyId!;
    arns[id] = key.KeyMetadata!.Arn!;
    if (bool(r.Properties?.Enabled) === false) await kms.send(new DisableKeyCommand({ KeyId: names[id] }));
  }
  const s3 = new S3Client(config(target));
  for (const [id, r] of ofType('AWS::S3::Bucket')) {
    await s3.send(new CreateBucketCommand({ Bucket: names[id] }));
    const block = r.Properties?.PublicAccessBlockConfiguration;
    if (block) {
      const flag = (v: unknown) => v === true || v === 'true';
      await s3.send(new PutPublicAccessBlockCommand({
        Bucket: names[id],
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: flag(block.BlockPublicAcls),
          BlockPublicPolicy: flag(block.BlockPublicPolicy),
          IgnorePublicAcls: flag(block.IgnorePublicAcls),
          RestrictPublicBuckets: flag(block.RestrictPublicBuckets),
        },
      }));
    }
  }
  for (const [, r] of ofType('AWS::S3::BucketPolicy')) {
    await s3.send(new PutBucketPolicyCommand({ Bucket: resolve(r.Properties.Bucket), Policy: JSON.stringify(resolve(r.Properties.PolicyDocument)) }));
  }
  const logs = new CloudWatchLogsClient(config(target));
  for (const [id] of ofType('AWS::Logs::LogGroup')) await logs.send(new CreateLogGroupCommand({ logGroupName: names[id] }));

  const functions = ofType('AWS::Lambda::Function');
  if (functions.length) {
    const roleName = `lambda-trail-fixture-role${suffix}`;
    const iam = new IAMClient(config(target));
    const role = await iam.send(new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }));
    const lambda = new LambdaClient(config(target));
    for (const [id] of functions) {
      await lambda.send(new CreateFunctionCommand({
        FunctionName: names[id], Runtime: 'nodejs22.x', Handler: 'index.handler', Role: role.Role!.Arn!, Code: { ZipFile: HANDLER_ZIP },
      }));
    }
  }

  const cloudtrail = new CloudTrailClient(config(target));
  for (const [id, r] of ofType('AWS::CloudTrail::Trail')) {
    const p = resolve(r.Properties ?? {});
    await cloudtrail.send(new CreateTrailCommand({
      Name: names[id],
      S3BucketName: p.S3BucketName,
      S3KeyPrefix: p.S3KeyPrefix,
      KmsKeyId: p.KMSKeyId,
      IsMultiRegionTrail: bool(p.IsMultiRegionTrail),
      IncludeGlobalServiceEvents: bool(p.IncludeGlobalServiceEvents),
      EnableLogFileValidation: bool(p.EnableLogFileValidation),
      IsOrganizationTrail: bool(p.IsOrganizationTrail),
      CloudWatchLogsLogGroupArn: p.CloudWatchLogsLogGroupArn,
      CloudWatchLogsRoleArn: p.CloudWatchLogsRoleArn,
    }));
    if (p.EventSelectors || p.AdvancedEventSelectors) {
      await cloudtrail.send(new PutEventSelectorsCommand({
        TrailName: names[id],
        EventSelectors: p.EventSelectors?.map((s: any) => ({
          ReadWriteType: s.ReadWriteType,
          IncludeManagementEvents: bool(s.IncludeManagementEvents),
          DataResources: s.DataResources,
          ExcludeManagementEventSources: s.ExcludeManagementEventSources,
        })),
        AdvancedEventSelectors: p.AdvancedEventSelectors,
      }));
    }
    if (bool(p.IsLogging)) await cloudtrail.send(new StartLoggingCommand({ Name: names[id] }));
  }
  return { names, arns };
}

function bool(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  return value === true || value === 'true';
}

interface ResolveContext {
  readonly names: Record<string, string>;
  readonly arns: Record<string, string>;
  readonly target: Target;
  readonly partition: string;
  readonly stackName: string;
}

/** Resolves the intrinsic functions the corpus and the constructs use, with the physical names created. */
function resolveValue(value: any, ctx: ResolveContext): any {
  if (Array.isArray(value)) return value.map(v => resolveValue(v, ctx));
  if (!value || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [fn] = keys;
    const arg = value[fn];
    switch (fn) {
      case 'Ref': return refOf(arg, ctx);
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
        if (attribute === 'Arn') return ctx.arns[id];
        return ctx.names[id];
      }
      case 'Fn::Join': return resolveValue(arg[1], ctx).join(arg[0]);
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
        const vars = resolveValue(variables, ctx);
        return String(text).replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
          if (name in vars) return vars[name];
          if (name.includes('.') && !name.startsWith('AWS::')) {
            const [id, attribute] = name.split('.');
            return attribute === 'Arn' ? ctx.arns[id] : ctx.names[id];
          }
          return refOf(name, ctx);
        });
      }
      case 'Fn::Select': return resolveValue(arg[1], ctx)[Number(arg[0])];
      case 'Fn::Split': return String(resolveValue(arg[1], ctx)).split(arg[0]);
      default:
        break;
    }
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, ctx)]));
}

function refOf(name: string, ctx: ResolveContext): string {
  switch (name) {
    case 'AWS::AccountId': return ctx.target.account;
    case 'AWS::Region': return ctx.target.region;
    case 'AWS::Partition': return ctx.partition;
    case 'AWS::URLSuffix': return 'amazonaws.com';
    case 'AWS::StackName': return ctx.stackName;
    default:
      if (!(name in ctx.names)) throw new Error(`apply-template: Ref ${name} names no resource`);
      return ctx.names[name];
  }
}

/** A valid zip holding index.js (moto stores the code; it does not run it without Docker). */
export const HANDLER_ZIP = zipOf('index.js', 'exports.handler = async () => ({ ok: true });\n');

function zipOf(name: string, content: string): Uint8Array {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const crc = zlib.crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(fileName.length, 28);
  const localSize = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12); end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

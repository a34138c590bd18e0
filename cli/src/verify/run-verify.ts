// `lambda-trail verify`: the control's last step ("verify that Lambda invocation events appear in the
// logs"). It finds the trail and where it delivers, checks that place can be read, says which function
// it will invoke, invokes it once (asynchronously), and polls for CloudTrail's Invoke record of that
// request until it arrives or the timeout passes. It invokes only the function it was given, and
// nothing else it does writes.
import { DescribeTrailsCommand, Trail } from '@aws-sdk/client-cloudtrail';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { functionArn as arnOfFunction } from 'cdk-compliant-lambda-trail/engine';
import { Invocation, logFileSearch, logGroupSearch, RecordSearch } from './invoke-record-search';
import { VerifyArgs } from './verify-args';
import { resolveHomeRegion } from '../audit/run-audit';
import { AwsClients, AwsSettings } from '../aws/aws-clients';
import { parseTrailArn } from '../aws/trail-reader';
import { apiFailure, errorName, isAccessDenied, UsageError } from '../errors';
import { Progress } from '../progress';

export const VERIFY_FOUND = 0;
export const VERIFY_NOT_FOUND = 1;

/** What verify did and saw: the JSON output, and what the summary prints. */
export interface VerifyOutcome {
  readonly command: 'verify';
  readonly trail: { readonly arn: string; readonly homeRegion: string };
  readonly function: string;
  readonly source: RecordSearch['source'];
  /** Absent when nothing was invoked (the record could not arrive). */
  readonly invocation?: { readonly requestId: string; readonly invokedAt: string };
  readonly found: boolean;
  readonly record?: { readonly eventTime: string; readonly eventId?: string; readonly deliveredAt: string; readonly deliverySeconds: number };
  /** From the invocation until the record was seen, or until the search gave up. */
  readonly waitedSeconds: number;
  readonly timeoutSeconds: number;
  /** Why the record was not found (or cannot be). */
  readonly reason?: string;
}

/** Waits (tests pass a faster clock). */
export type Sleep = (ms: number) => Promise<void>;

export interface VerifyOptions {
  readonly args: VerifyArgs;
  readonly settings: AwsSettings;
  /** Where the notice before invoking goes: always written, it announces a side effect. */
  readonly notice: { write(text: string): unknown };
  readonly progress: Progress;
  readonly sleep?: Sleep;
}

export async function verify(options: VerifyOptions): Promise<VerifyOutcome> {
  const { args, settings, progress } = options;
  const sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  const clients = AwsClients.fromSettings(settings);
  const trailArn = parseTrailArn(args.trail);
  const region = trailArn?.region ?? await resolveHomeRegion(settings);
  const trail = await describeTrail(clients, args.trail, region);
  const homeRegion = trail.HomeRegion ?? parseTrailArn(trail.TrailARN!)?.region ?? region;
  const functionArn = await functionArnOf(clients, args.functionName, args.region ?? region);
  const [, , , functionRegion, account] = functionArn.split(':');
  const search = trail.CloudWatchLogsLogGroupArn
    ? logGroupSearch(clients, trail.CloudWatchLogsLogGroupArn)
    : logFileSearch(clients, {
      bucket: trail.S3BucketName ?? '',
      keyPrefix: trail.S3KeyPrefix,
      organizationTrail: trail.IsOrganizationTrail === true,
      account,
      region: functionRegion,
      clientRegion: homeRegion,
    });
  const base = {
    command: 'verify' as const,
    trail: { arn: trail.TrailARN!, homeRegion },
    function: functionArn,
    source: search.source,
    timeoutSeconds: args.timeoutMs / 1000,
  };

  const unreadable = await readable(search);
  if (unreadable) return { ...base, found: false, waitedSeconds: 0, reason: unreadable };

  options.notice.write(`lambda-trail: verify will invoke ${functionArn} once (asynchronously, with the event {"lambdaTrailVerify":true}), then wait up to ${seconds(args.timeoutMs)} for its Invoke record in ${where(search)}\n`);
  const invocation = await invoke(clients, functionArn, functionRegion);
  const invokedAt = new Date(invocation.invokedAt).toISOString();
  progress.info(`invoked ${functionArn} at ${invokedAt}, request id ${invocation.requestId}`);

  const deadline = invocation.invokedAt + args.timeoutMs;
  for (;;) {
    const record = await search.find(invocation);
    const now = Date.now();
    if (record) {
      return {
        ...base,
        invocation: { requestId: invocation.requestId, invokedAt },
        found: true,
        record: {
          eventTime: record.eventTime,
          eventId: record.eventId,
          deliveredAt: new Date(record.deliveredAt).toISOString(),
          deliverySeconds: Math.max(0, Math.round((record.deliveredAt - Date.parse(record.eventTime)) / 1000)),
        },
        waitedSeconds: Math.round((now - invocation.invokedAt) / 1000),
      };
    }
    if (now >= deadline) {
      return {
        ...base,
        invocation: { requestId: invocation.requestId, invokedAt },
        found: false,
        waitedSeconds: Math.round((now - invocation.invokedAt) / 1000),
        reason: `no Invoke record of request ${invocation.requestId} in ${where(search)} within ${seconds(args.timeoutMs)}`,
      };
    }
    progress.info(`no record yet after ${seconds(now - invocation.invokedAt)}; looking again in ${seconds(args.pollIntervalMs)}`);
    await sleep(Math.min(args.pollIntervalMs, Math.max(0, deadline - now)));
  }
}

/** The trail, by name (in `region`, shadow trails included) or ARN. */
async function describeTrail(clients: AwsClients, nameOrArn: string, region: string): Promise<Trail & { TrailARN: string }> {
  let trails: Trail[];
  try {
    const answer = await clients.cloudTrail(region).send(new DescribeTrailsCommand({ trailNameList: [nameOrArn], includeShadowTrails: true }));
    trails = answer.trailList ?? [];
  } catch (error) {
    throw new UsageError(`verify: --trail ${nameOrArn}: ${apiFailure('cloudtrail:DescribeTrails', error)}; nothing was invoked`);
  }
  const trail = trails.find(t => t.TrailARN === nameOrArn || t.Name === nameOrArn || t.TrailARN?.endsWith(`:trail/${nameOrArn}`));
  if (!trail?.TrailARN) {
    throw new UsageError(`verify: --trail ${nameOrArn}: no trail of this name in region ${region} (cloudtrail:DescribeTrails, shadow trails included); expected the name or ARN of a trail (lambda-trail audit lists them); nothing was invoked`);
  }
  if (!trail.CloudWatchLogsLogGroupArn && !trail.S3BucketName) {
    throw new UsageError(`verify: --trail ${nameOrArn}: the trail names neither a CloudWatch Logs group nor an S3 bucket; nothing was invoked`);
  }
  return trail as Trail & { TrailARN: string };
}

/** The function's unqualified ARN: as given, or built from a name, the caller's account and partition, and the region. */
async function functionArnOf(clients: AwsClients, nameOrArn: string, region: string): Promise<string> {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  let callerArn: string | undefined;
  try {
    callerArn = (await clients.sts(region).send(new GetCallerIdentityCommand({}))).Arn;
  } catch (error) {
    throw new UsageError(`verify: --function ${nameOrArn}: the account to build its ARN could not be read (${apiFailure('sts:GetCallerIdentity', error)}); give the function's ARN; nothing was invoked`);
  }
  const [, partition, , , account] = (callerArn ?? '').split(':');
  return arnOfFunction({ partition, region, account }, nameOrArn);
}

/**
 * Why the place to search cannot be read, when the record cannot arrive there (a missing log group or
 * bucket); throws when the caller may not read it.
 */
async function readable(search: RecordSearch): Promise<string | undefined> {
  try {
    await search.check();
    return undefined;
  } catch (error) {
    const action = search.source.type === 'cloudwatch-logs' ? 'logs:FilterLogEvents' : 's3:ListBucket';
    if (errorName(error) === 'ResourceNotFoundException' || errorName(error) === 'NoSuchBucket') {
      return `${where(search)} does not exist (${apiFailure(action, error)}): CloudTrail cannot deliver the trail's events there, so nothing was invoked`;
    }
    const hint = isAccessDenied(error) ? ' (docs/iam/lambda-trail-verify-policy.json lists what verify needs)' : '';
    throw new UsageError(`verify: ${where(search)} cannot be read: ${apiFailure(action, error)}${hint}; nothing was invoked`);
  }
}

/** One asynchronous invocation; its request id is CloudTrail's requestID of the record. */
async function invoke(clients: AwsClients, functionArn: string, region: string): Promise<Invocation> {
  const invokedAt = Date.now();
  let requestId: string | undefined;
  try {
    const answer = await clients.lambda(region).send(new InvokeCommand({
      FunctionName: functionArn,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify({ lambdaTrailVerify: true })),
    }));
    requestId = answer.$metadata.requestId;
  } catch (error) {
    throw new UsageError(`verify: --function ${functionArn}: the invocation failed (${apiFailure('lambda:InvokeFunction', error)}); CloudTrail records only invocations that are authenticated and authorized`);
  }
  if (!requestId) throw new UsageError(`verify: --function ${functionArn}: Lambda answered the invocation without a request id, so its record cannot be told from others`);
  return { functionArn, requestId, invokedAt };
}

function where(search: RecordSearch): string {
  return search.source.type === 'cloudwatch-logs'
    ? `CloudWatch Logs group ${search.source.logGroup} (${search.source.region})`
    : `the S3 log files s3://${search.source.bucket}/${search.source.prefix}`;
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 120 ? `${Math.round(s / 60)} min` : `${s} s`;
}

/** The summary for people: what was invoked, and whether (and how fast) its record arrived. */
export function formatVerify(outcome: VerifyOutcome): string {
  const lines = [`lambda-trail verify: ${outcome.function} in trail ${outcome.trail.arn}`];
  if (outcome.invocation) lines.push(`  invoked at ${outcome.invocation.invokedAt} (request id ${outcome.invocation.requestId})`);
  if (outcome.found && outcome.record) {
    lines.push(`  FOUND: the Invoke record (eventTime ${outcome.record.eventTime}) was delivered at ${outcome.record.deliveredAt}, `
      + `${outcome.record.deliverySeconds} s after the call; seen after waiting ${outcome.waitedSeconds} s`);
  } else {
    lines.push(`  NOT FOUND: ${outcome.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

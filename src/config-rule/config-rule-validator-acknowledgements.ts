// What LambdaTrailConfigRule acknowledges of the validators security teams run (cdk-nag packs, the
// cfn-guard rules of AWS Control Tower, checkov), each with the reason an auditor reads in the
// validation report. Findings the construct can fix are fixed in its resources (its log group is
// KMS-encrypted, its policy a customer managed one), not listed here.
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledgeValidatorFindings, acknowledgeWildcardResources, guardRule, nagRule, skipCheckov } from '../trail/validator-acknowledgements';

/** Findings on the rule's function that do not apply to it (`environment`: it has environment variables). */
export function acknowledgeConfigRuleFunctionFindings(fn: lambda.CfnFunction, environment = false): void {
  const runtime = 'The function runs the handler bundled at the library\'s build for Node.js 22 (esbuild target node22) and tested on it; Runtime.NODEJS_22_X is pinned so that a newer aws-cdk-lib does not move it to a runtime the bundle was not built for';
  const concurrency = 'AWS Config invokes the rule on changes of trails and functions and once per period; reserving concurrency would take capacity from the account\'s unreserved pool (and fails in accounts whose quota leaves no room to reserve), and AWS Config retries an invocation that fails';
  const deadLetters = 'AWS Config invokes the function and shows a failed run in the rule\'s status (the last failed invocation and its error); the next change or period judges the whole region again, so a dead-letter queue would hold events with nothing left to act on';
  const vpc = 'The function only calls AWS APIs (CloudTrail, Lambda, S3, KMS, STS, EC2, Organizations, AWS Config) and reaches no resource in a VPC; a VPC would need NAT or interface endpoints for each of those services and isolate nothing';
  acknowledgeValidatorFindings(fn,
    { ids: ['AwsSolutions::AwsSolutions-L1'], reason: runtime },
    { ids: nagRule('LambdaConcurrency'), reason: concurrency },
    { ids: nagRule('LambdaDLQ'), reason: deadLetters },
    { ids: [...nagRule('LambdaInsideVPC'), guardRule('lambda_inside_vpc_check')], reason: vpc });
  skipCheckov(fn, 'CKV_AWS_115', concurrency);
  skipCheckov(fn, 'CKV_AWS_116', deadLetters);
  skipCheckov(fn, 'CKV_AWS_117', vpc);
  if (environment) {
    skipCheckov(fn, 'CKV_AWS_173', 'The environment holds no secret: the acknowledgements (resource ARNs, rule ids and reasons, which the AWS Config annotations show anyway), the member role\'s name, the account id, and the report bucket\'s name and prefix; Lambda encrypts it at rest with its AWS managed key, and a customer managed key would only add a key policy the function\'s readers must be kept in');
  }
}

/**
 * The Lambda permission of an organization rule: AWS Config invokes the function on behalf of every
 * member account, and a Lambda permission can name one SourceAccount only.
 */
export function acknowledgeOrganizationInvokePermission(permission: lambda.CfnPermission): void {
  const reason = 'An organization rule is invoked by AWS Config on behalf of every member account: a Lambda permission names one SourceAccount only, its PrincipalOrgID condition applies to IAM principals and would deny the service, and the member rules\' ARNs (the SourceArn) are named by AWS Config in each member. The handler judges an account other than its own only through the member role there (LambdaTrailConfigRuleMemberRole, which trusts only this function\'s role) and reports only to that account\'s AWS Config, so another account\'s invocation reads nothing of this organization';
  acknowledgeValidatorFindings(permission, { ids: [guardRule('lambda_function_public_access_prohibited_check')], reason });
  skipCheckov(permission, 'CKV_AWS_364', reason);
}

/**
 * The wildcards of the rule's policy (the function's, with its `logGroup`; the member role's, without),
 * each what the call accepts or the only way to name what it reads; in organization mode, the member
 * role the function assumes in every account (`memberRoleName`); with reports, the objects under the
 * report prefix (`reportObjects`).
 */
export function acknowledgeConfigRulePolicyWildcards(
  policy: iam.ManagedPolicy, logGroup?: logs.LogGroup, memberRoleName?: string, reportObjects?: string,
): void {
  const stack = Stack.of(policy);
  const wildcards = [
    {
      resource: '*',
      reason: 'The read calls of lambda-trail audit (cloudtrail:DescribeTrails, GetTrailStatus, GetEventSelectors, ListEventDataStores, GetEventDataStore, lambda:ListFunctions, ec2:DescribeRegions, sts:GetCallerIdentity, s3:GetAccountPublicAccessBlock, organizations:DescribeOrganization) and config:PutEvaluations, GetComplianceDetailsByConfigRule, ListDiscoveredResources: all read-only or evaluation calls that either take no resource-level permission or must reach every trail of the region, shadow trails included',
    },
    {
      resource: 'arn:<AWS::Partition>:s3:::*',
      reason: 'A trail may deliver to any bucket, in this account or another, so the rule reads the policy and Block Public Access settings (s3:GetBucketPolicy, s3:GetBucketPublicAccessBlock, read-only) of whichever bucket a trail names; it reads no object',
    },
    {
      resource: 'arn:<AWS::Partition>:kms:*:*:key/*',
      reason: 'A trail may encrypt with any KMS key, so the rule reads the policy and state (kms:GetKeyPolicy, kms:DescribeKey, read-only) of whichever key a trail names; it may not encrypt or decrypt with any key',
    },
  ];
  if (logGroup) {
    const logGroupId = stack.resolve(stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup));
    wildcards.push({
      resource: `<${logGroupId}.Arn>:*`,
      reason: 'The function writes its run summaries to the log streams of its own log group, which Lambda names per execution environment; the wildcard covers only that log group\'s streams',
    });
  }
  if (memberRoleName !== undefined) {
    wildcards.push({
      resource: `arn:<AWS::Partition>:iam::*:role/${memberRoleName}`,
      reason: `An organization rule judges every member account with the member role ${memberRoleName} (LambdaTrailConfigRuleMemberRole) that each member deploys; AWS Config names the account only when it invokes the function, and members join the organization later, so the account is the wildcard: the role name is fixed, and each member role trusts only this function's role`,
    });
  }
  if (reportObjects !== undefined) {
    wildcards.push({
      resource: nagResourceName(stack, reportObjects),
      reason: 'The function writes one JSON report per run under the report prefix, named by account, region, time and trigger; s3:PutObject on that prefix is all it may do in the report bucket (no read, no delete)',
    });
  }
  acknowledgeWildcardResources(policy, wildcards);
}

/** Findings on the bucket of the rule's run reports (`reports: true`) that do not apply to it. */
export function acknowledgeReportBucketFindings(bucket: s3.Bucket): void {
  acknowledgeValidatorFindings(bucket,
    {
      ids: nagRule('S3BucketReplicationEnabled'),
      reason: 'The run reports are evidence that AWS Config itself also holds (the rule\'s evaluations and their history); replication needs a destination bucket in another Region or account, which a construct in this stack cannot create: bring your own reportBucket to replicate the reports',
    },
    {
      ids: [guardRule('s3_bucket_object_lock_enabled_check')],
      reason: 'The bucket is versioned and only the rule\'s function may write to it (s3:PutObject on the report prefix, no delete); Object Lock cannot be turned off once on, so it is not imposed: bring your own reportBucket with Object Lock to make the reports immutable',
    },
    {
      ids: [guardRule('s3_event_notifications_enabled_check')],
      reason: 'Nothing consumes S3 events of the report bucket: the rule\'s results reach AWS Config (and Security Hub through its AWS Config integration) directly, and event notifications would need a destination (queue, topic, function) that this construct does not own',
    });
}

/** Findings on the bucket that holds the report bucket's S3 server access logs that cannot apply to it. */
export function acknowledgeReportAccessLogsBucketFindings(bucket: s3.Bucket): void {
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  const sseS3 = 'This bucket receives S3 server access logs (request metadata, not the reports) from the S3 logging service; SSE-S3 is the encryption the S3 User Guide documents for log destination buckets, and it keeps the logging service out of the report key\'s policy';
  const noLogging = 'This bucket is the destination of the report bucket\'s server access logs; logging it to itself would create an endless loop of log deliveries (Amazon S3 User Guide), and logging it to another bucket only moves the same finding to that bucket';
  acknowledgeValidatorFindings(bucket,
    { ids: [...nagRule('S3DefaultEncryptionKMS'), guardRule('s3_bucket_default_encryption_kms_check')], reason: sseS3 },
    { ids: [guardRule('s3_bucket_logging_enabled_check')], reason: noLogging },
    {
      ids: nagRule('S3BucketReplicationEnabled'),
      reason: 'This bucket holds S3 server access logs of the report bucket, not the reports themselves; a replica in another Region or account needs a bucket a construct in this stack cannot create',
    },
    {
      ids: [guardRule('s3_event_notifications_enabled_check')],
      reason: 'Nothing consumes S3 events of the access-log bucket; S3 delivers the access logs itself, and event notifications would need a destination (queue, topic, function) that this construct does not own',
    },
    {
      ids: [guardRule('s3_bucket_object_lock_enabled_check')],
      reason: 'S3 server access logs are delivered on a best-effort basis and are not the evidence; Object Lock cannot be turned off once on, so it is not imposed on this bucket',
    });
  skipCheckov(cfnBucket, 'CKV_AWS_18', noLogging);
}

/** A resource as cdk-nag names it in an AwsSolutions-IAM5 finding: `<LogicalId.Attr>`, `<AWS::Partition>`, literals as they are. */
function nagResourceName(stack: Stack, resource: string): string {
  const render = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const v = value as Record<string, any>;
    if (v.Ref) return `<${v.Ref}>`;
    if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'].join('.')}>`;
    if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(render).join(v['Fn::Join'][0]);
    return JSON.stringify(value);
  };
  return render(stack.resolve(resource));
}

// What LambdaTrailConfigRule acknowledges of the validators security teams run (cdk-nag packs, the
// cfn-guard rules of AWS Control Tower, checkov), each with the reason an auditor reads in the
// validation report. Findings the construct can fix are fixed in its resources (its log group is
// KMS-encrypted, its policy a customer managed one), not listed here.
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
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
    skipCheckov(fn, 'CKV_AWS_173', 'The environment holds no secret: the acknowledgements (resource ARNs, rule ids and reasons, which the AWS Config annotations show anyway), the member role\'s name and the account id; Lambda encrypts it at rest with its AWS managed key');
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
 * role the function assumes in every account (`memberRoleName`).
 */
export function acknowledgeConfigRulePolicyWildcards(policy: iam.ManagedPolicy, logGroup?: logs.LogGroup, memberRoleName?: string): void {
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
  acknowledgeWildcardResources(policy, wildcards);
}

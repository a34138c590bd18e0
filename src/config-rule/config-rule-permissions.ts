// What LambdaTrailConfigRule's function may call: the read calls of `lambda-trail audit` in one
// account (docs/iam/lambda-trail-audit-policy.json, whose organization statements, ListAccounts and
// AssumeRole of the members, a single-account run never makes), and AWS Config's evaluation calls.
// test/config-rule/lambda-trail-config-rule.test.ts holds the two to each other.
import * as iam from 'aws-cdk-lib/aws-iam';

/** One statement of the policy. */
export interface ReadStatement {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** The audit's reads in one account and region, as statements with the partition's ARNs. */
export function configRuleReadActions(partition: string): ReadStatement[] {
  return [
    {
      sid: 'ReadTrailsFunctionsAndRegions',
      actions: [
        'cloudtrail:DescribeTrails',
        'cloudtrail:GetTrailStatus',
        'cloudtrail:GetEventSelectors',
        'cloudtrail:ListEventDataStores',
        'cloudtrail:GetEventDataStore',
        'lambda:ListFunctions',
        'ec2:DescribeRegions',
        'sts:GetCallerIdentity',
      ],
      resources: ['*'],
    },
    {
      sid: 'ReadAccountBlockPublicAccessAndOrganizationId',
      actions: ['s3:GetAccountPublicAccessBlock', 'organizations:DescribeOrganization'],
      resources: ['*'],
    },
    { sid: 'ReadTrailBuckets', actions: ['s3:GetBucketPolicy', 's3:GetBucketPublicAccessBlock'], resources: [`arn:${partition}:s3:::*`] },
    { sid: 'ReadTrailKeys', actions: ['kms:GetKeyPolicy', 'kms:DescribeKey'], resources: [`arn:${partition}:kms:*:*:key/*`] },
  ];
}

/**
 * AWS Config: PutEvaluations sends the run's evaluations; GetComplianceDetailsByConfigRule finds the
 * results of resources that are gone, which a periodic run withdraws (NOT_APPLICABLE);
 * ListDiscoveredResources gives AWS Config's own ids of the region's trails, which their evaluations carry.
 */
export const CONFIG_RULE_WRITE_ACTIONS = ['config:PutEvaluations', 'config:GetComplianceDetailsByConfigRule', 'config:ListDiscoveredResources'] as const;

/**
 * The statements every account's reader of the rule holds (the rule's function, and the member role an
 * organization rule assumes): the audit's reads in one account and AWS Config's evaluation calls.
 * PutEvaluations and ListDiscoveredResources take no resource-level permission (Service Authorization
 * Reference, AWS Config); GetComplianceDetailsByConfigRule is asked of the rule the event names, whose
 * ARN AWS Config makes (with an id of its own, and in each member for an organization rule): `*`.
 */
export function configRuleStatements(partition: string): iam.PolicyStatement[] {
  return [
    ...configRuleReadActions(partition).map(s => new iam.PolicyStatement({ sid: s.sid, actions: [...s.actions], resources: [...s.resources] })),
    new iam.PolicyStatement({ sid: 'PutAndWithdrawEvaluations', actions: [...CONFIG_RULE_WRITE_ACTIONS], resources: ['*'] }),
  ];
}

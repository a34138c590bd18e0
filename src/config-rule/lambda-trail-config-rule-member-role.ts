import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkAccountId, checkRoleName, DEFAULT_FUNCTION_ROLE_PREFIX, DEFAULT_MEMBER_ROLE_NAME } from './config-rule-organization';
import { configRuleStatements } from './config-rule-permissions';
import { acknowledgeConfigRulePolicyWildcards } from './config-rule-validator-acknowledgements';

/** Options of `LambdaTrailConfigRuleMemberRole`. */
export interface LambdaTrailConfigRuleMemberRoleProps {
  /**
   * The management or delegated-administrator account where `LambdaTrailConfigRule` with
   * `organization` runs its function: the only account whose principal may assume this role.
   */
  readonly administratorAccount: string;

  /**
   * The role's name: the `organization.memberRoleName` of the rule. Fixed, because the function
   * builds the role's ARN from the account AWS Config names in each event.
   *
   * @default 'LambdaTrailConfigRuleMember'
   */
  readonly roleName?: string;

  /**
   * The name of the rule function's role in the administrator account (the rule's
   * `organization.functionRoleName`), or a pattern of names with `*` (IAM's `ArnLike`): the only
   * principals this role trusts.
   *
   * @default 'LambdaTrailConfigRuleFunction-*' - the function's role of the rule's stack in every region
   */
  readonly functionRoleName?: string;
}

/**
 * The role `LambdaTrailConfigRule`'s organization rule assumes in a member account: exactly the
 * rule's read calls in one account and AWS Config's evaluation calls (the member's AWS Config takes
 * the evaluations of its own rule only with the member's credentials), trusted only by the rule
 * function's role in the administrator account. Deploy it in every member account, with a
 * CloudFormation StackSet or a CDK Pipelines wave (README, "Organization").
 *
 * @example
 * new LambdaTrailConfigRuleMemberRole(stack, 'LambdaTrailMemberRole', { administratorAccount: '111111111111' });
 */
export class LambdaTrailConfigRuleMemberRole extends Construct {
  /** The role. */
  public readonly role: iam.IRole;
  /** The role's name. */
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: LambdaTrailConfigRuleMemberRoleProps) {
    super(scope, id);
    const roleName = props.roleName ?? DEFAULT_MEMBER_ROLE_NAME;
    const functionRoleName = props.functionRoleName ?? `${DEFAULT_FUNCTION_ROLE_PREFIX}*`;
    checkAccountId(this, 'administratorAccount', props.administratorAccount);
    checkRoleName(this, 'roleName', roleName);
    checkRoleName(this, 'functionRoleName', functionRoleName, true);
    const partition = Stack.of(this).partition;

    // The administrator account, on the condition that the caller is the function's role: unlike the
    // role's ARN as the principal, this holds when the member is deployed before the rule (IAM
    // rejects a principal that does not exist yet) and after the function's role is replaced (IAM
    // would have bound the principal to the old role's unique id).
    const role = new iam.Role(this, 'Resource', {
      roleName,
      assumedBy: new iam.AccountPrincipal(props.administratorAccount).withConditions({
        ArnLike: { 'aws:PrincipalArn': `arn:${partition}:iam::${props.administratorAccount}:role/${functionRoleName}` },
      }),
      description: 'LambdaTrailConfigRuleMemberRole: the organization rule\'s function reads trails, event data stores, functions, buckets and keys of this account and puts its AWS Config evaluations',
    });
    // A customer managed policy, not an inline one (cdk-nag IAMNoInlinePolicy), as the rule's role has.
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'LambdaTrailConfigRuleMemberRole: the read calls of lambda-trail audit in one account, and AWS Config evaluations',
      roles: [role],
      statements: configRuleStatements(partition),
    });
    acknowledgeConfigRulePolicyWildcards(policy);
    this.role = role;
    this.roleName = roleName;
  }
}

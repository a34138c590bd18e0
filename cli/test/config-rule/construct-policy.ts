// The IAM actions LambdaTrailConfigRule's role (and its member role) allows, read from the template the construct
// synthesizes (with the root's aws-cdk-lib, as the construct parity tests do).
// eslint-disable-next-line import/no-extraneous-dependencies
import { App, Stack } from 'aws-cdk-lib';
// eslint-disable-next-line import/no-extraneous-dependencies
import { Template } from 'aws-cdk-lib/assertions';
import { LambdaTrailConfigRule, LambdaTrailConfigRuleMemberRole, LambdaTrailConfigRuleMemberRoleProps, LambdaTrailConfigRuleProps } from 'cdk-compliant-lambda-trail';

/** Every action of the rule's policy, and the construct's environment for the function (props, or props made in the rule's stack; in `account`). */
export function synthesizedRule(
  props: LambdaTrailConfigRuleProps | ((stack: Stack) => LambdaTrailConfigRuleProps) = {}, account = '111111111111',
): { actions: Set<string>; environment: Record<string, string> } {
  const app = new App();
  const stack = new Stack(app, 'Rule', { env: { account, region: 'us-east-1' } });
  new LambdaTrailConfigRule(stack, 'Rule', typeof props === 'function' ? props(stack) : props);
  const template = Template.fromStack(stack);
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function')) as any[];
  return { actions: policyActions(template), environment: fn.Properties.Environment?.Variables ?? {} };
}

/** Every action of LambdaTrailConfigRuleMemberRole's policy. */
export function synthesizedMemberRole(props: LambdaTrailConfigRuleMemberRoleProps): Set<string> {
  const stack = new Stack(new App(), 'Member', { env: { account: '222222222222', region: 'us-east-1' } });
  new LambdaTrailConfigRuleMemberRole(stack, 'MemberRole', props);
  return policyActions(Template.fromStack(stack));
}

function policyActions(template: Template): Set<string> {
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
  const statements = policies.flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  return new Set<string>(statements.flatMap((s: any) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

import { LAMBDA_CONTROL } from './controls';
import { FindingLevel, RuleInfo } from './rule';

/** CLT0: the checks could not read a trail, or could not decide a rule before deployment. */
export const undecidable: RuleInfo = {
  id: 'CLT0',
  level: FindingLevel.WARNING,
  title: 'The checks could not read the trail or decide a rule',
  explanation: 'Unknown is never compliant. When a trail\'s properties cannot be read, or a rule\'s answer depends on values known only at deployment (a parameter, a condition, an import, a generated name, a resource the AWS APIs would not show), the checks say so instead of passing it.',
  fix: 'Make the value known at synth (a literal instead of a parameter, a condition that does not depend on a parameter), or verify the rule by hand after deployment (the lambda-trail CLI\'s audit does) and acknowledge this warning with the evidence.',
  liveFix: 'Give the audit the read permissions of docs/iam/lambda-trail-audit-policy.json where the message says a call failed, and audit again; or check the rule by hand and acknowledge this warning in the acknowledgements file with the evidence.',
  controls: [LAMBDA_CONTROL],
  undecided: 'This rule is itself the undecided verdict of a trail rule: its message names the rule, why it cannot be decided, and, for a template judged in every scenario of its conditions, in which scenarios the rule holds.',
};

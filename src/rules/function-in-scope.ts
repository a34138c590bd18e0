import { LAMBDA_CONTROL, SOC2_MONITORING } from './controls';
import { FindingLevel, FunctionRule } from './rule';
import { CoverageStatus } from '../model/coverage-status';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT21: a function outside every Lambda-recording trail's scope. */
export const functionInScope: FunctionRule = {
  id: 'CLT21',
  level: FindingLevel.WARNING,
  appliesTo: 'function',
  title: 'The function lies outside every Lambda-recording trail\'s scope, or its coverage cannot be decided',
  explanation: 'Trails record Lambda invocations in this function\'s account and region, but only for other functions (a cost-limited scope), so this function\'s invocations are not audited; or whether they are recorded depends on values known only at deployment (a generated name against a prefix condition, a parameter, a condition), which is never taken as recorded.',
  fix: 'Add the function to the trail\'s LambdaFunctionSelection, or go back to full logging with CompliantLambdaTrail; acknowledge with a reason if leaving it out is deliberate.',
  liveFix: 'Record it: lambda-trail remediate --trail TRAIL --all, TRAIL being the trail the finding names (or --only with this function added); when its coverage could not be read, give the audit the read permissions of docs/iam/lambda-trail-audit-policy.json. If leaving it out is deliberate, acknowledge this warning in the acknowledgements file (the function\'s ARN, CLT21) with the reason.',
  controls: [LAMBDA_CONTROL, SOC2_MONITORING],
  undecided: 'This rule is itself the undecided verdict for a function: its coverage depends on values known only at deployment.',
  check(coverage) {
    if (coverage.status === CoverageStatus.UNKNOWN) return `whether its invocations are recorded is ${NOT_KNOWN}: ${coverage.unknownBecause ?? `it depends on values ${NOT_KNOWN}`}`;
    if (coverage.status !== CoverageStatus.OUTSIDE_SCOPE) return undefined;
    return `its invocations are outside the scope of ${coverage.lambdaTrailsThere.join(', ')}`;
  },
};

import { LAMBDA_CONTROL, SOC2_MONITORING } from './controls';
import { FindingLevel, FunctionRule } from './rule';
import { CoverageStatus } from '../engine/types';

/** CLT21: a function outside every Lambda-recording trail's scope. */
export const functionInScope: FunctionRule = {
  id: 'CLT21',
  level: FindingLevel.WARNING,
  appliesTo: 'function',
  title: 'The function lies outside every Lambda-recording trail\'s scope, or its coverage cannot be decided',
  explanation: 'Trails record Lambda invocations in this function\'s account and region, but only for other functions (a cost-limited scope), so this function\'s invocations are not audited; or whether they are recorded depends on values known only at deployment (a generated name against a prefix condition, a parameter, a condition), which is never taken as recorded.',
  fix: 'Add the function to the trail\'s LambdaFunctionSelection, or go back to full logging with CompliantLambdaTrail; acknowledge with a reason if leaving it out is deliberate.',
  controls: [LAMBDA_CONTROL, SOC2_MONITORING],
  undecided: 'This rule is itself the undecided verdict for a function: its coverage depends on values known only at deployment.',
  check(coverage) {
    if (coverage.status === CoverageStatus.UNKNOWN) return `whether its invocations are recorded cannot be decided before deployment: ${coverage.unknownBecause ?? 'values not known at synth'}`;
    if (coverage.status !== CoverageStatus.OUTSIDE_SCOPE) return undefined;
    return `its invocations are outside the scope of ${coverage.lambdaTrailsThere.join(', ')}`;
  },
};

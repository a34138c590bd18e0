import { LAMBDA_CONTROL, SOC2_MONITORING } from './controls';
import { FindingLevel, FunctionRule } from './rule';
import { CoverageStatus } from '../model/coverage';

/** CLT21: a function outside every Lambda-recording trail's scope. */
export const functionInScope: FunctionRule = {
  id: 'CLT21',
  level: FindingLevel.WARNING,
  appliesTo: 'function',
  title: 'The function lies outside every Lambda-recording trail\'s scope',
  explanation: 'Trails record Lambda invocations in this function\'s account and region, but only for other functions (a cost-limited scope): this function\'s invocations are not audited.',
  fix: 'Add the function to the trail\'s LambdaFunctionSelection, or go back to full logging with CompliantLambdaTrail; acknowledge with a reason if leaving it out is deliberate.',
  controls: [LAMBDA_CONTROL, SOC2_MONITORING],
  check(_fn, coverage) {
    if (coverage.status !== CoverageStatus.OUTSIDE_SCOPE) return undefined;
    return `its invocations are outside the scope of ${coverage.lambdaTrailsThere.join(', ')}`;
  },
};

import { LAMBDA_CONTROL, SOC2_MONITORING } from './controls';
import { FindingLevel, TrailRule } from './rule';
import { describeLambdaScope, lambdaRecording } from '../model/lambda-scope';

/** CLT3: Lambda data events limited to some functions (the control's backout plan). */
export const limitedFunctionScope: TrailRule = {
  id: 'CLT3',
  level: FindingLevel.WARNING,
  appliesTo: 'trail',
  title: 'Lambda data events are limited to some functions (cost-limited)',
  explanation: 'The control asks for all current and future functions. Limiting data events to chosen functions is its backout plan for cost, a deliberate and temporary deviation: functions outside the scope are not audited.',
  fix: 'Go back to full logging: replace CostLimitedLambdaTrail with CompliantLambdaTrail (same id: an in-place update), or use LambdaFunctionSelection.all(). Acknowledge this warning with the reason while the limit is in force.',
  controls: [LAMBDA_CONTROL, SOC2_MONITORING],
  check({ trail }) {
    const recording = lambdaRecording(trail);
    if (recording.some === true && recording.all === false) return `Lambda data events are recorded only for: ${describeLambdaScope(trail)}`;
    return undefined;
  },
};

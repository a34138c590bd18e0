import { LAMBDA_CONTROL, SOC2_MONITORING } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { describeInvocationConditions, describeLambdaScope, lambdaRecording } from '../model/lambda-scope';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT3: Lambda data events limited to some functions (the control's backout plan). */
export const limitedFunctionScope: TrailRule = {
  id: 'CLT3',
  level: FindingLevel.WARNING,
  appliesTo: 'trail',
  title: 'Lambda data events are limited to some functions (cost-limited)',
  explanation: 'The control asks for every invocation of all current and future functions. Limiting data events to chosen functions is its backout plan for cost, a deliberate and temporary deviation: functions outside the scope are not audited. Conditions on other fields (userIdentity.arn, sessionCredentialFromConsole, eventType, eventSource) drop the invocations they exclude in the same way: remove them to record every invocation. resources.ARN StartsWith arn:<partition>:lambda: is every function, not a limit. The warning is about the trail\'s own scope: when the other logging trails of its accounts and regions record what it leaves out, alone or together with it (one trail for the callers a userIdentity.arn condition keeps, another for the rest), it says so, and the functions are recorded (no CLT21).',
  fix: 'Go back to full logging: replace CostLimitedLambdaTrail with CompliantLambdaTrail (same id: an in-place update), or use LambdaFunctionSelection.all(). Acknowledge this warning with the reason while the limit is in force.',
  liveFix: 'Go back to full logging: lambda-trail remediate --trail TRAIL_ARN --all (read its plan, then run it again with --apply). While the limit is in force, acknowledge this warning in the acknowledgements file (resource TRAIL_ARN, rule CLT3) with the reason.',
  controls: [LAMBDA_CONTROL, SOC2_MONITORING],
  undecided: 'When the ARNs or other values its Lambda selectors test are not known before deployment (a parameter, an import, a generated name, a condition), or whether the trail is multi-region or an organization trail is not known: CLT0 naming CLT3.',
  check({ trail, elsewhere }) {
    const recording = lambdaRecording(trail);
    if (recording.some === false || recording.all === true) return undefined;
    if (recording.some === true && recording.all === false) {
      // The trail's own scope is limited, whatever others record; whether the rest is recorded is said.
      const rest = elsewhere.everyInvocation === true ? 'the other logging trails of its accounts and regions record the rest' : undefined;
      if (recording.everyFunction === true) {
        return `every function's invocations are recorded only when ${describeInvocationConditions(trail)}; ${rest ?? 'the invocations these conditions exclude are dropped'}`;
      }
      return `Lambda data events are recorded only for: ${describeLambdaScope(trail)}${rest ? `; ${rest}` : ''}`;
    }
    return new Undecided(`whether every invocation of every function it can see is recorded depends on values ${NOT_KNOWN} (${describeLambdaScope(trail)})`);
  },
};

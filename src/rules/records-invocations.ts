import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { describeLambdaScope, lambdaRecording } from '../model/lambda-scope';

/** CLT1: the trail must record Lambda invocations. */
export const recordsInvocations: TrailRule = {
  id: 'CLT1',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'The trail records no Lambda invocation',
  explanation: 'A Lambda invocation is a data event (eventCategory Data, resources.type AWS::Lambda::Function, eventName Invoke). CloudTrail records no data events unless a selector asks for them. The control holds per account and region, so a trail without a Lambda selector is fine when another logging trail of the same account and regions records invocations; a trail whose Lambda selector records no invocation (read-only, an eventName condition that leaves out Invoke) is always a finding.',
  fix: 'Add an advanced event selector with eventCategory Equals Data and resources.type Equals AWS::Lambda::Function, without readOnly or eventName conditions (CompliantLambdaTrail does this).',
  controls: EVENT_LOGGING,
  undecided: 'Selectors given by a parameter or an import, or a condition on them, and another trail of the account that may record invocations depending on such values: CLT0.',
  check({ trail, elsewhere }) {
    const recording = lambdaRecording(trail);
    if (recording.some === true) return undefined;
    if (recording.some === undefined) return new Undecided('the event selectors are not known before deployment');
    // A trail that asks for Lambda data events and records no invocation is always a finding: it
    // looks compliant in the console. Without a Lambda selector, another logging trail of the same
    // account and regions may record them (AWS recommends a separate data-events trail).
    if (recording.targetsLambda === true) return `its Lambda data event selectors record no invocation (no Invoke event of any function): ${describeLambdaScope(trail)}`;
    if (elsewhere.lambda === true) return undefined;
    if (elsewhere.lambda === undefined) return new Undecided('no event selector records Lambda data events, and whether another trail of its account and regions does depends on values not known before deployment');
    return 'no event selector records Lambda data events (invocations), and no other logging trail of its account and regions does';
  },
};

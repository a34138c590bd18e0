import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { describeLambdaScope, lambdaRecording } from '../model/lambda-scope';
import { NOT_KNOWN, printable } from '../model/unknown-value';

/** CLT1: the trail must record Lambda invocations. */
export const recordsInvocations: TrailRule = {
  id: 'CLT1',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'The trail records no Lambda invocation',
  explanation: 'A Lambda invocation is a data event (eventCategory Data, resources.type AWS::Lambda::Function, eventName Invoke). CloudTrail records no data events unless a selector asks for them. The control holds per account and region, so a trail without a Lambda selector is fine when another logging trail of the same account and regions records invocations; a trail whose Lambda selector records no invocation (read-only, an eventName condition that leaves out Invoke, only functions of another account or region, which the trail cannot see) is always a finding. A trail records only its own account (every account of the organization for an organization trail) and its own region unless it is multi-region.',
  fix: 'Add an advanced event selector with eventCategory Equals Data and resources.type Equals AWS::Lambda::Function, without readOnly or eventName conditions (CompliantLambdaTrail does this).',
  liveFix: 'lambda-trail remediate --trail TRAIL_ARN --all writes the Lambda data event selector CompliantLambdaTrail writes (every function, read and write) and keeps every other selector: read its plan, then run it again with --apply.',
  controls: EVENT_LOGGING,
  undecided: 'When the selectors, or values in them (a parameter, an import, a condition), decide whether any invocation is recorded, and when whether another logging trail of the account records invocations depends on such values: CLT0 naming CLT1.',
  check({ trail, elsewhere }) {
    const recording = lambdaRecording(trail);
    if (recording.some === true) return undefined;
    if (recording.some === undefined) {
      return new Undecided(trail.selectorsUnknown
        ? `the event selectors are ${NOT_KNOWN}`
        : `whether its Lambda selectors record any invocation depends on values ${NOT_KNOWN} (${describeLambdaScope(trail)})`);
    }
    // A trail that asks for Lambda data events and records no invocation is always a finding: it
    // looks compliant in the console. Without a Lambda selector, another logging trail of the same
    // account and regions may record them (AWS recommends a separate data-events trail).
    if (recording.targetsLambda === true) {
      if (recording.someAnywhere !== false) {
        const account = trail.organization === true ? 'any account of its organization' : `account ${printable(trail.account)} only (it is not an organization trail)`;
        const region = trail.multiRegion === true ? 'any region' : `region ${printable(trail.region)} only (it is not multi-region)`;
        return `its Lambda data event selectors name only functions it cannot record (${describeLambdaScope(trail)}): it records functions of ${account}, in ${region}`;
      }
      return `its Lambda data event selectors record no invocation (no Invoke event of any function): ${describeLambdaScope(trail)}`;
    }
    if (recording.targetsLambda === undefined) return new Undecided(`whether a selector asks for Lambda data events is ${NOT_KNOWN}`);
    if (elsewhere.lambda === true) return undefined;
    if (elsewhere.lambda === undefined) return new Undecided(`no event selector records Lambda data events, and whether another trail of its account and regions does depends on values ${NOT_KNOWN}`);
    return 'no event selector records Lambda data events (invocations), and no other logging trail of its account and regions does';
  },
};

import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule } from './rule';
import { lambdaRecording } from '../model/lambda-scope';

/** CLT1: the trail must record Lambda invocations. */
export const recordsInvocations: TrailRule = {
  id: 'CLT1',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'The trail records no Lambda invocation',
  explanation: 'A Lambda invocation is a data event (eventCategory Data, resources.type AWS::Lambda::Function, eventName Invoke). CloudTrail records no data events unless a selector asks for them, and an eventName condition can drop some invocation events.',
  fix: 'Add an advanced event selector with eventCategory Equals Data and resources.type Equals AWS::Lambda::Function, without readOnly or eventName conditions (CompliantLambdaTrail does this).',
  controls: EVENT_LOGGING,
  check({ trail }) {
    const recording = lambdaRecording(trail);
    const dropped = Object.entries(recording.someByName).filter(([, v]) => v === false).map(([name]) => name);
    if (dropped.length === Object.keys(recording.someByName).length) {
      return 'no event selector records Lambda data events named Invoke';
    }
    if (dropped.length > 0) return `the event selectors drop Lambda invocation events named ${dropped.join(', ')}`;
    return undefined;
  },
};

import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT7: the trail must be logging. */
export const isLogging: TrailRule = {
  id: 'CLT7',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'The trail is not logging',
  explanation: 'A trail with IsLogging false records nothing, whatever its selectors say. A trail whose IsLogging is not known before deployment is never counted as recording.',
  fix: 'Set IsLogging to true.',
  liveFix: 'lambda-trail remediate --trail TRAIL_ARN starts logging (after any selector change it plans), or aws cloudtrail start-logging --name TRAIL_ARN.',
  controls: EVENT_LOGGING,
  undecided: 'When IsLogging is a value known only at deployment (a parameter, an import, a condition): CLT0 naming CLT7, and the trail records no function for coverage (CLT21).',
  check({ trail }) {
    if (trail.isLogging === false) return 'IsLogging is false';
    if (trail.isLogging === undefined) return new Undecided(`IsLogging is ${NOT_KNOWN}`);
    return undefined;
  },
};

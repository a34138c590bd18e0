import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule } from './rule';

/** CLT7: the trail must be logging. */
export const isLogging: TrailRule = {
  id: 'CLT7',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'The trail is not logging',
  explanation: 'A trail with IsLogging false records nothing, whatever its selectors say.',
  fix: 'Set IsLogging to true.',
  controls: EVENT_LOGGING,
  check({ trail }) {
    return trail.isLogging === false ? 'IsLogging is false' : undefined;
  },
};

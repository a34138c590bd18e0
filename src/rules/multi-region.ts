import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule } from './rule';

/** CLT8: the trail should cover every region and global service events. */
export const multiRegion: TrailRule = {
  id: 'CLT8',
  level: FindingLevel.WARNING,
  appliesTo: 'trail',
  title: 'The trail is not multi-region or leaves out global service events',
  explanation: 'A single-region trail records nothing about functions in other regions, including regions nobody watches, and IAM and STS events are global service events.',
  fix: 'Set IsMultiRegionTrail and IncludeGlobalServiceEvents to true.',
  controls: EVENT_LOGGING,
  check({ trail }) {
    const problems = [
      ...(trail.multiRegion === false ? ['IsMultiRegionTrail is not true'] : []),
      ...(trail.globalServiceEvents === false ? ['IncludeGlobalServiceEvents is false'] : []),
    ];
    return problems.length ? problems.join('; ') : undefined;
  },
};

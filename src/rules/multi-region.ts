import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT8: the trail should be multi-region and include global service events. */
export const multiRegion: TrailRule = {
  id: 'CLT8',
  level: FindingLevel.WARNING,
  appliesTo: 'trail',
  title: 'The trail is not multi-region or leaves out global service events',
  explanation: 'A single-region trail records nothing about functions in other regions, including regions nobody watches, and IAM and STS events are global service events.',
  fix: 'Set IsMultiRegionTrail and IncludeGlobalServiceEvents to true.',
  liveFix: 'aws cloudtrail update-trail --name TRAIL_ARN --is-multi-region-trail --include-global-service-events',
  controls: EVENT_LOGGING,
  undecided: 'When IsMultiRegionTrail or IncludeGlobalServiceEvents is a value known only at deployment (a parameter, an import, a condition): CLT0 naming CLT8.',
  check({ trail }) {
    const problems = [
      ...(trail.multiRegion === false ? ['IsMultiRegionTrail is not true'] : []),
      ...(trail.globalServiceEvents === false ? ['IncludeGlobalServiceEvents is false'] : []),
    ];
    if (problems.length) return problems.join('; ');
    const unknown = [
      ...(trail.multiRegion === undefined ? ['IsMultiRegionTrail'] : []),
      ...(trail.globalServiceEvents === undefined ? ['IncludeGlobalServiceEvents'] : []),
    ];
    return unknown.length ? new Undecided(`${unknown.join(' and ')} ${NOT_KNOWN}`) : undefined;
  },
};

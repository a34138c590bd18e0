import { EVENT_LOGGING } from './controls';
import { FindingLevel, FunctionRule } from './rule';
import { CoverageStatus } from '../model/coverage';
import { printable } from '../model/unknown-value';

/** CLT20: every function needs a trail that records Lambda invocations in its account and region. */
export const functionsRecorded: FunctionRule = {
  id: 'CLT20',
  level: FindingLevel.ERROR,
  appliesTo: 'function',
  title: 'No trail records this function\'s invocations in its account and region',
  explanation: 'The app has Lambda functions, and no trail in the app (or declared outside it in LambdaTrailChecksProps.externalTrails) records Lambda data events in their account and region: invocations would leave no audit record.',
  fix: 'Add a CompliantLambdaTrail to the app (one per account, multi-region), or declare the organization trail that records this account with LambdaTrailChecksProps.externalTrails.',
  controls: EVENT_LOGGING,
  check(fn, coverage) {
    if (coverage.status !== CoverageStatus.NOT_RECORDED) return undefined;
    return `no trail records Lambda invocations in account ${printable(fn.account)}, region ${printable(fn.region)}`;
  },
};

import { EVENT_LOGGING } from './controls';
import { FindingLevel, FunctionRule } from './rule';
import { CoverageStatus } from '../model/coverage-status';
import { printable } from '../model/unknown-value';

/** CLT20: every function needs a trail that records Lambda invocations in its account and region. */
export const functionsRecorded: FunctionRule = {
  id: 'CLT20',
  level: FindingLevel.ERROR,
  appliesTo: 'function',
  title: 'No trail records this function\'s invocations in its account and region',
  explanation: 'No logging trail or event data store in the app (or declared outside it in LambdaTrailChecksProps.externalTrails) records invocations of any function in this function\'s account and region, for example because the only Lambda selector has eventName NotEquals Invoke: its invocations would leave no audit record.',
  fix: 'Add a CompliantLambdaTrail to the app (one per account, multi-region), or declare the organization trail that records this account with LambdaTrailChecksProps.externalTrails.',
  liveFix: 'Record Lambda data events of every function of this account and region: lambda-trail remediate --trail NAME --all on a logging, multi-region trail of the account (lambda-trail audit lists them), or deploy a CompliantLambdaTrail.',
  controls: EVENT_LOGGING,
  undecided: 'When whether a trail records this function depends on values not known before deployment (its generated name against a prefix or suffix condition, a parameter, a condition, an env-agnostic account or region, a trail whose IsLogging is a parameter), the function is CLT21, never CLT20 and never recorded.',
  check({ fn, status }) {
    if (status !== CoverageStatus.NOT_RECORDED) return undefined;
    return `no trail records its invocations in account ${printable(fn.account)}, region ${printable(fn.region)}`;
  },
};

import { ISO_MONITORING, NIST_SI4, SOC2_MONITORING } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT9: events should reach CloudWatch Logs for monitoring. */
export const cloudWatchLogs: TrailRule = {
  id: 'CLT9',
  level: FindingLevel.WARNING,
  appliesTo: 'trail',
  title: 'No CloudWatch Logs delivery',
  explanation: 'The control asks that invocations be recorded and monitored. CloudWatch Logs delivery lets metric filters and alarms react to unexpected invocations within minutes.',
  fix: 'Set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn (CompliantLambdaTrail does so unless cloudWatchLogs is false).',
  liveFix: 'aws cloudtrail update-trail --name TRAIL_ARN --cloud-watch-logs-log-group-arn LOG_GROUP_ARN --cloud-watch-logs-role-arn ROLE_ARN, with a role that lets CloudTrail write to that log group.',
  controls: [SOC2_MONITORING, ISO_MONITORING, NIST_SI4],
  undecided: 'When CloudWatchLogsLogGroupArn is wholly a value known only at deployment (a parameter, which may be empty, or an import): CLT0 naming CLT9.',
  check({ trail }) {
    if (trail.cloudWatchLogs === false) return 'the trail has no CloudWatchLogsLogGroupArn';
    if (trail.cloudWatchLogs === undefined) return new Undecided(`CloudWatchLogsLogGroupArn is ${NOT_KNOWN} (an empty value turns delivery off)`);
    return undefined;
  },
};

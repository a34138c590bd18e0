import { Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { CIS_CLOUDTRAIL_CHANGES_PATTERN, invokeRecordPattern, TRAIL_RECORDING_CHANGE_CALLS, TRAIL_RECORDING_CHANGES_PATTERN } from './monitoring-patterns';
import { alarmTopicKeyStatement, alarmTopicPublishStatement, denyGrantsExceptForAwsResourcesStatement } from './secure-defaults';
import { acknowledgeCanaryFindings } from './validator-acknowledgements';
import { LambdaTrailError } from '../errors';

/** The namespace of the metrics the metric filters publish. */
const METRIC_NAMESPACE = 'LambdaTrail';

/**
 * CloudTrail "typically delivers events to your log group within an average of about 5 minutes of an
 * API call. This time is not guaranteed" (AWS CloudTrail User Guide, "Sending events to CloudWatch
 * Logs"). The canary's window must leave room for that and for one late probe: at least two intervals
 * and at least this long.
 */
const MIN_CANARY_WINDOW = Duration.minutes(30);

/** CloudWatch evaluates an alarm over at most one day of periods shorter than an hour; one day is also enough for any window here. */
const MAX_CANARY_WINDOW = Duration.days(1);

/**
 * What to monitor on a trail's CloudWatch Logs group: the options of `LambdaTrailMonitoring`, and the
 * `monitoring` option of `CompliantLambdaTrail` and `CostLimitedLambdaTrail`.
 */
export interface LambdaTrailMonitoringOptions {
  /**
   * Whether to alarm on changes to CloudTrail's configuration: a metric filter with the CIS AWS
   * Foundations Benchmark's exact pattern (`CreateTrail`, `UpdateTrail`, `DeleteTrail`, `StartLogging`,
   * `StopLogging`), as Security Hub control CloudWatch.5 checks it, a second filter for the other calls
   * that change what a trail records (`PutEventSelectors`, `PutInsightSelectors`,
   * `PutEventConfiguration`), and an alarm on any of them within 5 minutes.
   *
   * @default true
   */
  readonly tamperAlarm?: boolean;

  /**
   * Whether to prove continuously that invocations are recorded and delivered: a probe function
   * invoked on a schedule (`canaryInterval`), a metric filter that counts CloudTrail's `Invoke` records
   * of exactly that function, and an alarm when none arrived for `canaryWindow` (missing data counts
   * as breaching). On `CostLimitedLambdaTrail`, the probe is added to the recorded functions.
   *
   * @default false - the canary costs a few invocations and one alarm a month (see the README)
   */
  readonly deliveryCanary?: boolean;

  /**
   * How often the probe is invoked. Also the period of the canary's alarm.
   *
   * @default Duration.hours(1)
   */
  readonly canaryInterval?: Duration;

  /**
   * How long no `Invoke` record of the probe may arrive before the canary's alarm fires: at least two
   * intervals and 30 minutes (CloudTrail's documented delivery time to CloudWatch Logs is about 5
   * minutes on average, not guaranteed), at most one day. It is rounded up to whole intervals.
   *
   * @default Duration.hours(3)
   */
  readonly canaryWindow?: Duration;

  /**
   * The SNS topic the alarms notify (ALARM and, for the canary, OK again). A topic you bring keeps its
   * own policy: a topic encrypted with a customer managed key needs a key policy that lets
   * `cloudwatch.amazonaws.com` use the key (`kms:Decrypt`, `kms:GenerateDataKey*`).
   *
   * @default - a new topic, encrypted with a new KMS key (with rotation) that CloudWatch alarms of this
   *   account may use, and that requires TLS; subscribe to it (`alarmTopic.addSubscription(...)`)
   */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * Properties of a `LambdaTrailMonitoring`: the trail (one in this app, or the name of one outside it),
 * its CloudWatch Logs group, and what to monitor.
 */
export interface LambdaTrailMonitoringProps extends LambdaTrailMonitoringOptions {
  /**
   * A trail of this app. Its `cloudWatchLogsLogGroupArn` is the log group monitored unless `logGroup`
   * is given. Mutually exclusive with `trailName`.
   *
   * @default - the trail is outside the app: give `trailName` and `logGroup`
   */
  readonly trail?: cloudtrail.CfnTrail;

  /**
   * The name or ARN of a trail outside this app (an organization trail of another team, a trail made
   * by hand), for the alarms' descriptions. Mutually exclusive with `trail`.
   *
   * @default - the trail is `trail`
   */
  readonly trailName?: string;

  /**
   * The CloudWatch Logs group the trail delivers to, for example
   * `logs.LogGroup.fromLogGroupName(this, 'TrailLogs', 'aws-controltower/CloudTrailLogs')`.
   *
   * @default - the log group of `trail` (its `cloudWatchLogsLogGroupArn`)
   */
  readonly logGroup?: logs.ILogGroup;
}

/**
 * Alarms on a trail's CloudWatch Logs group that prove it records and delivers what it should.
 *
 * A tamper alarm on CloudTrail configuration changes (on by default, with the filter Security Hub
 * control CloudWatch.5 and the CIS AWS Foundations Benchmark ask for), and an optional delivery canary
 * (a probe function invoked on a schedule, alarmed when its `Invoke` records stop arriving).
 *
 * `CompliantLambdaTrail` and `CostLimitedLambdaTrail` create one (construct id `Monitoring`) with their
 * `monitoring` option; use this construct for a trail that is not one of them.
 */
export class LambdaTrailMonitoring extends Construct {
  /** The SNS topic the alarms notify. */
  public readonly alarmTopic: sns.ITopic;
  /** The KMS key of the topic, when this construct created the topic. */
  public readonly alarmTopicKey?: kms.IKey;
  /** The trail's CloudWatch Logs group, which the metric filters read. */
  public readonly logGroup: logs.ILogGroup;
  /** The alarm on CloudTrail configuration changes, unless `tamperAlarm` is false. */
  public readonly tamperAlarm?: cloudwatch.IAlarm;
  /** The alarm that fires when the probe's `Invoke` records stop arriving, with `deliveryCanary`. */
  public readonly canaryAlarm?: cloudwatch.IAlarm;
  /** The probe function the canary invokes, with `deliveryCanary`. */
  public readonly probeFunction?: lambda.IFunction;

  /** The trail's name or ARN, for descriptions. */
  private readonly trailLabel: string;

  /**
   * @param scope the scope (a stack, or a construct in one)
   * @param id the construct id: part of every resource's logical id
   * @param props the trail, its log group and what to monitor
   */
  constructor(scope: Construct, id: string, props: LambdaTrailMonitoringProps) {
    super(scope, id);
    const tamper = props.tamperAlarm ?? true;
    const canary = props.deliveryCanary ?? false;
    if (!tamper && !canary) {
      throw new LambdaTrailError('NothingToMonitor', 'tamperAlarm is false and deliveryCanary is not true; expected at least one of them (leave the construct out to monitor nothing)', this);
    }
    this.trailLabel = this.trailLabelOf(props);
    this.logGroup = this.logGroupOf(props);
    const schedule = canary ? canarySchedule(this, props) : undefined;
    if (props.alarmTopic) {
      this.alarmTopic = props.alarmTopic;
    } else {
      this.alarmTopicKey = this.createAlarmTopicKey();
      this.alarmTopic = this.createAlarmTopic(this.alarmTopicKey);
    }
    if (tamper) this.tamperAlarm = this.createTamperAlarm();
    if (schedule) {
      const probe = this.createProbe(schedule);
      this.probeFunction = probe;
      this.canaryAlarm = this.createCanaryAlarm(probe, schedule);
    }
  }

  /** The trail's name or ARN, checked: exactly one of `trail` and `trailName`. */
  private trailLabelOf(props: LambdaTrailMonitoringProps): string {
    if (props.trail && props.trailName !== undefined) {
      throw new LambdaTrailError('ConflictingMonitoringOptions', `trail (${props.trail.node.path}) and trailName '${props.trailName}' were both given; expected trail for a trail of this app, or trailName for one outside it`, this);
    }
    if (props.trail) return props.trail.ref;
    if (props.trailName === undefined || (!Token.isUnresolved(props.trailName) && props.trailName.trim() === '')) {
      throw new LambdaTrailError('MissingTrail', `trailName is ${props.trailName === undefined ? 'not given' : 'empty'} and no trail was given; expected trail (a CfnTrail of this app) or trailName (the name or ARN of a trail outside it)`, this);
    }
    return props.trailName;
  }

  /** `logGroup`, or the log group of `trail`; a trail without one cannot be monitored. */
  private logGroupOf(props: LambdaTrailMonitoringProps): logs.ILogGroup {
    if (props.logGroup) return props.logGroup;
    const arn = props.trail?.cloudWatchLogsLogGroupArn;
    if (arn === undefined) {
      const what = props.trail ? `the trail ${props.trail.node.path} has no cloudWatchLogsLogGroupArn` : 'no trail of this app was given';
      throw new LambdaTrailError('MissingLogGroup', `logGroup is not given and ${what}; expected the CloudWatch Logs group the trail delivers to (the metric filters read it)`, this);
    }
    return logs.LogGroup.fromLogGroupArn(this, 'LogGroup', arn);
  }

  /** The alarm topic's key: rotated, grants only for AWS resources, usable by CloudWatch alarms of this account. */
  private createAlarmTopicKey(): kms.Key {
    const key = new kms.Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: `Encrypts the alarm notifications of CloudTrail trail ${this.trailLabel}`,
    });
    key.addToResourcePolicy(denyGrantsExceptForAwsResourcesStatement());
    key.addToResourcePolicy(alarmTopicKeyStatement(Stack.of(this).account));
    return key;
  }

  /** A topic encrypted with `key` that CloudWatch alarms of this account may publish to, and that denies requests without TLS. */
  private createAlarmTopic(key: kms.IKey): sns.Topic {
    const topic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    topic.addToResourcePolicy(alarmTopicPublishStatement(topic.topicArn, Stack.of(this).account));
    return topic;
  }

  /**
   * Two metric filters feeding one metric (the CIS filter, kept exact for Security Hub, and the other
   * calls that change what a trail records) and an alarm when the metric's sum over 5 minutes reaches 1.
   * The threshold is 1 because every change to a compliance trail is worth a look; 5 minutes and one
   * evaluation period are the CIS benchmark's settings. No change means no data, which is not breaching.
   */
  private createTamperAlarm(): cloudwatch.Alarm {
    const metricName = `${this.uniqueName()}-TrailConfigurationChanges`;
    const filter = (id: string, pattern: string) => new logs.MetricFilter(this, id, {
      logGroup: this.logGroup,
      filterPattern: logs.FilterPattern.literal(pattern),
      metricNamespace: METRIC_NAMESPACE,
      metricName,
      metricValue: '1',
    });
    filter('CloudTrailChangesFilter', CIS_CLOUDTRAIL_CHANGES_PATTERN);
    filter('TrailRecordingChangesFilter', TRAIL_RECORDING_CHANGES_PATTERN);
    const alarm = new cloudwatch.Alarm(this, 'TamperAlarm', {
      metric: new cloudwatch.Metric({ namespace: METRIC_NAMESPACE, metricName, statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `CloudTrail configuration changed (seen in the log group of trail ${this.trailLabel}): `
        + `CreateTrail, UpdateTrail, DeleteTrail, StartLogging, StopLogging or ${TRAIL_RECORDING_CHANGE_CALLS.join(', ')}. `
        + 'A change can stop or narrow what the trail records. Find the record in the trail\'s CloudWatch Logs group '
        + '(filter { $.eventSource = "cloudtrail.amazonaws.com" } around the alarm time): who made it (userIdentity), to which trail (requestParameters), '
        + 'and whether it was approved; then run lambda-trail audit.',
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.alarmTopic));
    return alarm;
  }

  /**
   * The probe: inline code on the newest Node.js runtime aws-cdk-lib knows, whose role has no
   * permission at all (it writes no logs and touches nothing), invoked by EventBridge Scheduler with a
   * role that may invoke only the probe.
   */
  private createProbe(schedule: CanarySchedule): lambda.IFunction {
    // Without the trail's name: a Lambda function's description has at most 256 characters.
    const description = `lambda-trail delivery canary probe, invoked ${schedule.rate}: CloudTrail's Invoke records of it prove that invocations are recorded and delivered`;
    const probeRole = new iam.Role(this, 'ProbeRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'The delivery canary probe: no permissions, it only has to be invoked',
    });
    // The L1, so that the function does not wait on its role (aws-cdk-lib's Function adds a DependsOn
    // for the role's policies, and this role has none: cfn-lint W3005).
    const cfnProbe = new lambda.CfnFunction(this, 'Probe', {
      runtime: lambda.Runtime.NODEJS_LATEST.name,
      handler: 'index.handler',
      code: { zipFile: 'exports.handler = async () => ({ probe: "lambda-trail delivery canary" });' },
      role: probeRole.roleArn,
      memorySize: 128,
      timeout: 3,
      description,
    });
    acknowledgeCanaryFindings(cfnProbe);
    const probe = lambda.Function.fromFunctionAttributes(this, 'ProbeFunction', { functionArn: cfnProbe.attrArn, sameEnvironment: true });
    const account = Stack.of(this).account;
    const schedulerRole = new iam.Role(this, 'ProbeSchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': account } } }),
      description: `Lets EventBridge Scheduler invoke the delivery canary probe of CloudTrail trail ${this.trailLabel}`,
    });
    // A customer managed policy, not an inline one (cdk-nag IAMNoInlinePolicy), as the trail's logs role has.
    new iam.ManagedPolicy(this, 'ProbeSchedulerPolicy', {
      description: 'Lets EventBridge Scheduler invoke the delivery canary probe, and nothing else',
      roles: [schedulerRole],
      statements: [new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [probe.functionArn] })],
    });
    new scheduler.CfnSchedule(this, 'ProbeSchedule', {
      description,
      scheduleExpression: schedule.rate,
      flexibleTimeWindow: { mode: 'OFF' },
      target: { arn: probe.functionArn, roleArn: schedulerRole.roleArn, retryPolicy: { maximumRetryAttempts: 2 } },
    });
    return probe;
  }

  /**
   * A metric filter that counts the probe's `Invoke` records, and an alarm when their sum is under 1 in
   * every interval of the window; missing data (no record at all) is breaching, so a deleted log group,
   * a stopped trail or a broken schedule fire it too.
   */
  private createCanaryAlarm(probe: lambda.IFunction, schedule: CanarySchedule): cloudwatch.Alarm {
    const metricName = `${this.uniqueName()}-ProbeInvokeRecords`;
    new logs.MetricFilter(this, 'ProbeInvokeFilter', {
      logGroup: this.logGroup,
      filterPattern: logs.FilterPattern.literal(invokeRecordPattern(probe.functionArn)),
      metricNamespace: METRIC_NAMESPACE,
      metricName,
      metricValue: '1',
    });
    const window = schedule.interval.toMinutes() * schedule.periods;
    const alarm = new cloudwatch.Alarm(this, 'CanaryAlarm', {
      metric: new cloudwatch.Metric({ namespace: METRIC_NAMESPACE, metricName, statistic: cloudwatch.Stats.SUM, period: schedule.interval }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: schedule.periods,
      datapointsToAlarm: schedule.periods,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      alarmDescription: `No Lambda Invoke record of the delivery canary probe reached the CloudWatch Logs group of trail ${this.trailLabel} `
        + `in ${window} minutes, although EventBridge Scheduler invokes it ${schedule.rate}. Invocations may not be recorded or delivered. `
        + 'Check: is the trail logging, are its selectors unchanged (lambda-trail audit)? Does GetTrailStatus show a '
        + 'LatestCloudWatchLogsDeliveryError or LatestDeliveryError (key or bucket policy, log group, role)? Is the schedule enabled and the probe '
        + 'invoked (its Invocations metric)? Right after the first deployment this alarm fires once, until the first record arrives.',
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.alarmTopic));
    alarm.addOkAction(new cloudwatchActions.SnsAction(this.alarmTopic));
    return alarm;
  }

  /** A name for this construct's metrics, unique in the account (from the construct path). */
  private uniqueName(): string {
    return Names.uniqueResourceName(this, { maxLength: 200, separator: '-' });
  }
}

/** The canary's schedule: every `interval`, and an alarm over `periods` intervals. */
interface CanarySchedule {
  readonly interval: Duration;
  readonly periods: number;
  /** The schedule expression, `rate(1 hour)`. */
  readonly rate: string;
}

/** The canary's interval and window, checked (LambdaTrailError `InvalidCanarySchedule`). */
function canarySchedule(scope: Construct, options: LambdaTrailMonitoringOptions): CanarySchedule {
  const interval = options.canaryInterval ?? Duration.hours(1);
  const window = options.canaryWindow ?? Duration.hours(3);
  const minutes = interval.toMinutes({ integral: false });
  if (!Number.isInteger(minutes) || minutes < 1 || interval.toSeconds() > MAX_CANARY_WINDOW.toSeconds() / 2) {
    throw new LambdaTrailError('InvalidCanarySchedule', `canaryInterval is ${interval.toHumanString()}; expected whole minutes, from 1 minute to 12 hours (the window holds at least two intervals)`, scope);
  }
  const windowSeconds = window.toSeconds({ integral: false });
  const periods = Math.ceil(windowSeconds / interval.toSeconds());
  const least = Math.max(2 * interval.toSeconds(), MIN_CANARY_WINDOW.toSeconds());
  if (windowSeconds < least || periods * interval.toSeconds() > MAX_CANARY_WINDOW.toSeconds()) {
    throw new LambdaTrailError('InvalidCanarySchedule', `canaryWindow is ${window.toHumanString()}; expected at least two canaryIntervals (${interval.toHumanString()} each) and 30 minutes, and at most 1 day once rounded up to whole intervals: CloudTrail delivers to CloudWatch Logs within about 5 minutes on average, not guaranteed`, scope);
  }
  return { interval, periods, rate: events.Schedule.rate(interval).expressionString };
}

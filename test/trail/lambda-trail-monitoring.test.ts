// LambdaTrailMonitoring, alone and as the trail constructs' `monitoring` option: the tamper alarm
// (CloudWatch.5's exact filter, the other recording changes, the encrypted topic), the delivery canary
// (probe, schedule, filter, alarm), the probe in a cost-limited selection, and the in-place swap.
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ACCOUNT, logicalIdsOutsideMonitoring, newFunction, newStack, resourceOf, synth } from './util';
import {
  CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection, LambdaTrailMonitoring, LambdaTrailMonitoringOptions,
} from '../../src';
import { CIS_CLOUDTRAIL_CHANGES_PATTERN, TRAIL_RECORDING_CHANGES_PATTERN } from '../../src/trail/monitoring-patterns';
import { checkedApp, findingsOf } from '../checks/helpers';

/** The pattern CloudWatch.5 names, copied from the Security Hub user guide (not from the source under test). */
const SECURITY_HUB_CLOUDWATCH_5 = '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}';

function metricFilters(template: Template): any[] {
  return Object.values(template.findResources('AWS::Logs::MetricFilter')).map((r: any) => r.Properties);
}

function alarms(template: Template): any[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties);
}

describe('the tamper alarm, on by default', () => {
  let template: Template;
  let trail: CompliantLambdaTrail;
  beforeAll(() => {
    ({ template } = synth(s => {
      trail = new CompliantLambdaTrail(s, 'Trail');
    }));
  });

  test('a metric filter on the trail\'s log group with CloudWatch.5\'s pattern, character for character', () => {
    expect(CIS_CLOUDTRAIL_CHANGES_PATTERN).toBe(SECURITY_HUB_CLOUDWATCH_5);
    const logGroupId = resourceOf(template, 'AWS::Logs::LogGroup', 'TrailLogGroup').logicalId;
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: SECURITY_HUB_CLOUDWATCH_5,
      LogGroupName: { Ref: logGroupId },
      MetricTransformations: [{ MetricNamespace: 'LambdaTrail', MetricName: Match.stringLikeRegexp('-TrailConfigurationChanges$'), MetricValue: '1' }],
    });
  });

  test('a second filter for the other recording changes feeds the same metric, and one alarm watches it', () => {
    const filters = metricFilters(template);
    expect(filters.map(f => f.FilterPattern).sort()).toEqual([SECURITY_HUB_CLOUDWATCH_5, TRAIL_RECORDING_CHANGES_PATTERN].sort());
    const [first, second] = filters.map(f => f.MetricTransformations[0]);
    expect(second).toEqual(first);
    expect(alarms(template)).toEqual([expect.objectContaining({
      Namespace: 'LambdaTrail',
      MetricName: first.MetricName,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: resourceOf(template, 'AWS::SNS::Topic', 'TrailMonitoringAlarmTopic').logicalId }],
      AlarmDescription: expect.stringMatching(/^CloudTrail configuration changed .*StopLogging or PutEventSelectors, PutInsightSelectors, PutEventConfiguration\. .*lambda-trail audit\.$/),
    })]);
  });

  test('notifies a new topic encrypted with a new rotated key that CloudWatch alarms of this account may use', () => {
    const keyId = resourceOf(template, 'AWS::KMS::Key', 'TrailMonitoringAlarmTopicKey').logicalId;
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'kms:CreateGrant' }),
          {
            Sid: 'AllowCloudWatchAlarmsOfThisAccountToPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
        ]),
      },
    });
    expect(trail.monitoring!.alarmTopicKey).toBeDefined();
  });

  test('the topic lets CloudWatch alarms of this account publish and denies requests without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          }),
        ]),
      },
    });
  });

  test('no delivery canary unless asked for', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.resourceCountIs('AWS::Scheduler::Schedule', 0);
    expect(trail.monitoring!.canaryAlarm).toBeUndefined();
  });
});

describe('monitoring options of the trail constructs', () => {
  test.each<[string, object]>([
    ['tamperAlarm: false', { monitoring: { tamperAlarm: false } }],
    ['cloudWatchLogs: false', { cloudWatchLogs: false }],
  ])('%s: no monitoring at all', (_name, props) => {
    let trail: CompliantLambdaTrail | undefined;
    const { template } = synth(s => {
      trail = new CompliantLambdaTrail(s, 'Trail', props);
    });
    expect(trail!.monitoring).toBeUndefined();
    for (const type of ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm', 'AWS::SNS::Topic']) template.resourceCountIs(type, 0);
    template.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('an alarmTopic given is notified and no topic or key is created for it', () => {
    const { template } = synth(s => {
      const onCall = sns.Topic.fromTopicArn(s, 'OnCall', `arn:aws:sns:us-east-1:${ACCOUNT}:on-call`);
      new CompliantLambdaTrail(s, 'Trail', { monitoring: { alarmTopic: onCall } });
    });
    template.resourceCountIs('AWS::SNS::Topic', 0);
    expect(logicalIdsOutsideMonitoring(template, 'AWS::KMS::Key')).toHaveLength(1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:on-call`] });
  });
});

describe('the delivery canary', () => {
  let template: Template;
  let trail: CompliantLambdaTrail;
  beforeAll(() => {
    ({ template } = synth(s => {
      trail = new CompliantLambdaTrail(s, 'Trail', { monitoring: { deliveryCanary: true } });
    }));
  });

  test('a probe with inline code on a Node.js runtime, whose role has no permission', () => {
    const { logicalId: probeId, resource: probe } = resourceOf(template, 'AWS::Lambda::Function', 'TrailMonitoringProbe');
    expect(probe.Properties).toMatchObject({ Runtime: expect.stringMatching(/^nodejs\d+\.x$/), Handler: 'index.handler', Code: { ZipFile: expect.stringContaining('exports.handler') } });
    expect(probe.DependsOn).toBeUndefined();
    const roleId = probe.Properties.Role['Fn::GetAtt'][0];
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
    const attached = Object.values(template.toJSON().Resources).filter((r: any) => /^AWS::IAM::(Policy|ManagedPolicy)$/.test(r.Type)
      && JSON.stringify(r.Properties.Roles ?? []).includes(roleId));
    expect(attached).toEqual([]);
    expect(trail.monitoring!.probeFunction!.functionArn).toBeDefined();
    expect(probeId).toMatch(/^TrailMonitoringProbe/);
  });

  test('EventBridge Scheduler invokes it hourly with a role that may invoke only the probe', () => {
    const probeId = resourceOf(template, 'AWS::Lambda::Function', 'TrailMonitoringProbe').logicalId;
    const schedule = resourceOf(template, 'AWS::Scheduler::Schedule', 'TrailMonitoringProbeSchedule').resource.Properties;
    expect(schedule).toMatchObject({ ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: { 'Fn::GetAtt': [probeId, 'Arn'] } } });
    const roleId = schedule.Target.RoleArn['Fn::GetAtt'][0];
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } })] },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [probeId, 'Arn'] } }] },
    });
  });

  test('a metric filter counts the probe\'s Invoke records, by its exact ARN', () => {
    const probeId = resourceOf(template, 'AWS::Lambda::Function', 'TrailMonitoringProbe').logicalId;
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: { 'Fn::Join': ['', ['{ ($.eventSource = "lambda.amazonaws.com") && ($.eventName = "Invoke") && ($.resources[0].ARN = "', { 'Fn::GetAtt': [probeId, 'Arn'] }, '") }']] },
      MetricTransformations: [Match.objectLike({ MetricName: Match.stringLikeRegexp('-ProbeInvokeRecords$'), MetricValue: '1' })],
    });
  });

  test('an alarm when no record arrived in 3 hourly periods; missing data is breaching; ALARM and OK notify', () => {
    const canary = alarms(template).find(a => /ProbeInvokeRecords$/.test(a.MetricName));
    const topicId = resourceOf(template, 'AWS::SNS::Topic', 'TrailMonitoringAlarmTopic').logicalId;
    expect(canary).toMatchObject({
      Statistic: 'Sum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: topicId }],
      OKActions: [{ Ref: topicId }],
      AlarmDescription: expect.stringMatching(/^No Lambda Invoke record of the delivery canary probe .* in 180 minutes, although EventBridge Scheduler invokes it rate\(1 hour\)\./),
    });
  });

  test('canaryInterval and canaryWindow set the rate and the alarm\'s periods (the window rounded up to whole intervals)', () => {
    const { template: custom } = synth(s => new CompliantLambdaTrail(s, 'Trail', {
      monitoring: { deliveryCanary: true, tamperAlarm: false, canaryInterval: Duration.minutes(15), canaryWindow: Duration.minutes(50) },
    }));
    custom.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(15 minutes)' });
    expect(alarms(custom)).toEqual([expect.objectContaining({ Period: 900, EvaluationPeriods: 4, DatapointsToAlarm: 4 })]);
    expect(metricFilters(custom)).toHaveLength(1);
  });

  test('LambdaTrailChecks find nothing: the trail records the probe', () => {
    const app = checkedApp();
    const stack = newStack('Audit', app);
    new CompliantLambdaTrail(stack, 'Trail', { monitoring: { deliveryCanary: true } });
    expect(findingsOf(stack)).toEqual([]);
  });
});

describe('the delivery canary on CostLimitedLambdaTrail', () => {
  function synthesize(trailClass: 'CostLimited' | 'Compliant', monitoring?: LambdaTrailMonitoringOptions, selection = 'only'): Template {
    const stack = newStack('TestStack', new App());
    const fn = newFunction(stack, 'Fn');
    if (trailClass === 'CostLimited') {
      const functions = selection === 'only' ? LambdaFunctionSelection.only([fn]) : LambdaFunctionSelection.allExcept([fn]);
      new CostLimitedLambdaTrail(stack, 'Trail', { functions, monitoring });
    } else {
      new CompliantLambdaTrail(stack, 'Trail', { monitoring });
    }
    return Template.fromStack(stack);
  }

  const lambdaSelector = (template: Template) => resourceOf(template, 'AWS::CloudTrail::Trail', 'Trail').resource.Properties.AdvancedEventSelectors[1];

  test('only([fn]) records the probe too, with its versions and aliases', () => {
    const template = synthesize('CostLimited', { deliveryCanary: true });
    const fnId = resourceOf(template, 'AWS::Lambda::Function', 'Fn').logicalId;
    const probeId = resourceOf(template, 'AWS::Lambda::Function', 'TrailMonitoringProbe').logicalId;
    const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
    const prefix = (id: string) => ({ 'Fn::Join': ['', [arn(id), ':']] });
    expect(lambdaSelector(template)).toEqual({
      Name: 'Lambda data events: only 2 function(s)',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] },
        { Field: 'resources.ARN', Equals: [arn(fnId), arn(probeId)], StartsWith: [prefix(fnId), prefix(probeId)] },
      ],
    });
  });

  test('allExcept([fn]) records the probe already: the selector is unchanged', () => {
    expect(lambdaSelector(synthesize('CostLimited', { deliveryCanary: true }, 'allExcept'))).toEqual(lambdaSelector(synthesize('CostLimited', undefined, 'allExcept')));
  });

  test.each<[string, LambdaTrailMonitoringOptions | undefined]>([
    ['with the delivery canary', { deliveryCanary: true }],
    ['with the default monitoring', undefined],
  ])('%s, swapping for CompliantLambdaTrail changes only the trail\'s Lambda selector', (_name, monitoring) => {
    const before = synthesize('CostLimited', monitoring).toJSON();
    const after = synthesize('Compliant', monitoring).toJSON();
    const trailId = Object.keys(after.Resources).find(id => after.Resources[id].Type === 'AWS::CloudTrail::Trail')!;
    expect(before.Resources[trailId]).toBeDefined();
    for (const template of [before, after]) delete template.Resources[trailId].Properties.AdvancedEventSelectors;
    expect(after).toEqual(before);
  });

  test('LambdaTrailChecks find only the cost-limited scope (CLT3): the probe is recorded', () => {
    const app = checkedApp();
    const stack = newStack('Audit', app);
    new CostLimitedLambdaTrail(stack, 'Trail', { functions: LambdaFunctionSelection.only([newFunction(stack, 'Fn')]), monitoring: { deliveryCanary: true } });
    expect(findingsOf(stack)).toEqual(['/Audit/Trail CLT3 (warning)']);
  });
});

describe('LambdaTrailMonitoring for a trail the construct does not create', () => {
  test('a CfnTrail of the app: the log group is read from cloudWatchLogsLogGroupArn', () => {
    const { template } = synth(s => {
      const logGroup = new logs.CfnLogGroup(s, 'TrailLogs', { retentionInDays: 365 });
      const trail = new cloudtrail.CfnTrail(s, 'HandWritten', {
        isLogging: true, s3BucketName: 'logs', cloudWatchLogsLogGroupArn: logGroup.attrArn, cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/logs`,
      });
      new LambdaTrailMonitoring(s, 'Monitoring', { trail });
    });
    const logGroupName = metricFilters(template)[0].LogGroupName;
    expect(JSON.stringify(logGroupName)).toContain('TrailLogs');
    expect(metricFilters(template).every(f => JSON.stringify(f.LogGroupName) === JSON.stringify(logGroupName))).toBe(true);
    // The description names the trail by its Ref (the trail's name).
    const description = JSON.stringify(alarms(template)[0].AlarmDescription);
    expect(description).toContain('CloudTrail configuration changed');
    expect(description).toMatch(/\{"Ref":"HandWritten[0-9A-F]*"\}/);
  });

  test('an organization trail of another account, by ARN, with its log group by name', () => {
    let monitoring: LambdaTrailMonitoring | undefined;
    const { template } = synth(s => {
      monitoring = new LambdaTrailMonitoring(s, 'Monitoring', {
        trailName: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail',
        logGroup: logs.LogGroup.fromLogGroupName(s, 'OrgTrailLogs', 'aws-controltower/CloudTrailLogs'),
        deliveryCanary: true,
      });
    });
    expect(metricFilters(template).map(f => f.LogGroupName)).toEqual(Array(3).fill('aws-controltower/CloudTrailLogs'));
    expect(alarms(template).map(a => a.AlarmDescription).join('\n')).toContain('trail arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail');
    expect(monitoring!.logGroup.logGroupName).toBe('aws-controltower/CloudTrailLogs');
  });

  test('two monitorings in one account publish different metrics', () => {
    const { template } = synth((s: Stack) => {
      for (const id of ['First', 'Second']) {
        new LambdaTrailMonitoring(s, id, { trailName: id, logGroup: logs.LogGroup.fromLogGroupName(s, `${id}Logs`, id) });
      }
    });
    const names = new Set(metricFilters(template).map(f => f.MetricTransformations[0].MetricName));
    expect(names.size).toBe(2);
  });
});

test('descriptions stay within CloudFormation\'s limits with the longest trail name (alarm 1024, function 256, schedule 512 characters)', () => {
  const trailName = `arn:aws:cloudtrail:ap-southeast-2:999999999999:trail/${'t'.repeat(128)}`;
  const { template } = synth(s => new LambdaTrailMonitoring(s, 'Monitoring', {
    trailName,
    logGroup: logs.LogGroup.fromLogGroupName(s, 'Logs', 'trail-logs'),
    deliveryCanary: true,
    canaryInterval: Duration.minutes(45),
    canaryWindow: Duration.days(1),
  }));
  const lengths = (type: string, property: string) => Object.values(template.findResources(type))
    .map((r: any) => r.Properties[property].length as number);
  expect(Math.max(...lengths('AWS::CloudWatch::Alarm', 'AlarmDescription'))).toBeLessThanOrEqual(1024);
  expect(lengths('AWS::Lambda::Function', 'Description')[0]).toBeLessThanOrEqual(256);
  expect(lengths('AWS::Scheduler::Schedule', 'Description')[0]).toBeLessThanOrEqual(512);
});

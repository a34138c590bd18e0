// Invokes LambdaTrailConfigRule's handler as AWS Lambda does (the exported `handler`, an AWS Config
// event, the region and endpoint in the environment) against moto's server, behind a proxy that
// answers AWS Config itself: moto 5.2.5 takes PutEvaluations only in test mode, and has no
// GetComplianceDetailsByConfigRule. The proxy keeps what the handler sent, as AWS would receive it.
import { ApiCall } from '../../src/aws/aws-clients';
import { ConfigRuleEvent } from '../../src/config-rule/config-event';
import { ConfigRuleRun, handler, runConfigRule } from '../../src/config-rule/handler';
import { MotoProxy, ProxiedCall, ProxyAnswer } from '../moto-proxy';
import { MOTO_ACCOUNT } from '../moto-server';

export { ACCOUNT_TYPE as ACCOUNT, FUNCTION_TYPE as FN, TRAIL_TYPE as TRAIL } from '../../src/config-rule/evaluations';

export const RULE_NAME = 'lambda-trail-rule';
export const REGION = 'us-east-1';
export const SCHEDULED_AT = '2026-12-07T08:00:00.000Z';

/** One evaluation as PutEvaluations carried it. */
export interface SentEvaluation {
  readonly ComplianceResourceType: string;
  readonly ComplianceResourceId: string;
  readonly ComplianceType: string;
  readonly Annotation: string;
  /** Epoch seconds, as the SDK serializes a timestamp in AWS JSON 1.1. */
  readonly OrderingTimestamp: number;
}

const JSON_11 = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'config-rule-proxy' };

/** What the proxy answers for AWS Config, and what it passes to moto (or fails: `deny`). */
export interface ConfigAnswers {
  /** The rule's current results (GetComplianceDetailsByConfigRule), or an error answer. */
  previous?: { type: string; id: string }[] | ProxyAnswer;
  /** AWS Config's inventory of trails (ListDiscoveredResources), or an error answer; moto's (none) when absent. */
  discoveredTrails?: { id: string; name: string }[] | ProxyAnswer;
  /** Resource ids whose evaluations PutEvaluations answers as failed (FailedEvaluations). */
  refuse?: string[];
  /** Any other call the test answers itself (a denied read). */
  deny?: (call: ProxiedCall) => ProxyAnswer | undefined;
}

/** How to invoke: extra environment, a call log (then through runConfigRule), or another entry point (the bundled asset's). */
export interface InvokeOptions {
  readonly env?: Record<string, string>;
  readonly onCall?: (call: ApiCall) => void;
  readonly entry?: (e: ConfigRuleEvent) => Promise<ConfigRuleRun>;
}

export class ConfigRuleHarness {
  public static async start(motoEndpoint: string, answers: ConfigAnswers = {}): Promise<ConfigRuleHarness> {
    const proxy = await MotoProxy.start(motoEndpoint, call => {
      if (call.service === 'config' && call.operation === 'PutEvaluations') {
        const sent: SentEvaluation[] = JSON.parse(call.body).Evaluations;
        const failed = sent.filter(e => answers.refuse?.includes(e.ComplianceResourceId));
        return { status: 200, headers: JSON_11, body: JSON.stringify({ FailedEvaluations: failed }) };
      }
      if (call.service === 'config' && call.operation === 'GetComplianceDetailsByConfigRule') {
        const previous = answers.previous ?? [];
        if (!Array.isArray(previous)) return previous;
        const results = previous.map(p => ({
          EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: RULE_NAME, ResourceType: p.type, ResourceId: p.id } },
          ComplianceType: 'NON_COMPLIANT',
        }));
        return { status: 200, headers: JSON_11, body: JSON.stringify({ EvaluationResults: results }) };
      }
      if (call.service === 'config' && call.operation === 'ListDiscoveredResources' && answers.discoveredTrails) {
        if (!Array.isArray(answers.discoveredTrails)) return answers.discoveredTrails;
        const resourceIdentifiers = answers.discoveredTrails.map(t => ({ resourceType: 'AWS::CloudTrail::Trail', resourceId: t.id, resourceName: t.name }));
        return { status: 200, headers: JSON_11, body: JSON.stringify({ resourceIdentifiers }) };
      }
      return answers.deny?.(call);
    });
    return new ConfigRuleHarness(proxy);
  }

  private constructor(public readonly proxy: MotoProxy) {}

  /** Runs the handler for an event, as Lambda would: the region and endpoint from the environment. */
  public async invoke(event: ConfigRuleEvent, options: InvokeOptions = {}): Promise<ConfigRuleRun> {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_REGION: REGION, AWS_ENDPOINT_URL: this.proxy.endpoint, ...options.env });
    try {
      if (options.onCall) return await runConfigRule(event, process.env, options.onCall);
      return await (options.entry ?? handler)(event);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  }

  /** The PutEvaluations requests, in order. */
  public puts(): { ResultToken: string; Evaluations: SentEvaluation[] }[] {
    return this.proxy.calls.filter(c => c.service === 'config' && c.operation === 'PutEvaluations').map(c => JSON.parse(c.body));
  }

  /** Every evaluation sent, as `<type> <id> <compliance>` lines, sorted. */
  public verdicts(): string[] {
    return this.puts().flatMap(p => p.Evaluations).map(e => `${e.ComplianceResourceType} ${e.ComplianceResourceId} ${e.ComplianceType}`).sort();
  }

  /** The evaluation of one resource. */
  public evaluation(type: string, id: string): SentEvaluation | undefined {
    return this.puts().flatMap(p => p.Evaluations).find(e => e.ComplianceResourceType === type && e.ComplianceResourceId === id);
  }

  public close(): Promise<void> {
    return this.proxy.close();
  }
}

const ruleFields = {
  version: '1.0',
  ruleParameters: '{}',
  resultToken: 'result-token-1',
  eventLeftScope: false,
  executionRoleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
  configRuleArn: `arn:aws:config:${REGION}:${MOTO_ACCOUNT}:config-rule/config-rule-abc123`,
  configRuleName: RULE_NAME,
  configRuleId: 'config-rule-abc123',
  accountId: MOTO_ACCOUNT,
  evaluationMode: 'DETECTIVE',
};

/** A periodic run (ScheduledNotification). */
export function scheduledEvent(at = SCHEDULED_AT): ConfigRuleEvent {
  return {
    ...ruleFields,
    invokingEvent: JSON.stringify({ awsAccountId: MOTO_ACCOUNT, notificationCreationTime: at, messageType: 'ScheduledNotification', recordVersion: '1.0' }),
  };
}

/** The configuration item of a function or trail, as AWS Config sends it. */
export interface ChangedResource {
  readonly type: 'AWS::Lambda::Function' | 'AWS::CloudTrail::Trail';
  readonly id: string;
  readonly arn: string;
  readonly status?: 'OK' | 'ResourceDiscovered' | 'ResourceDeleted' | 'ResourceDeletedNotRecorded';
  readonly capturedAt?: string;
}

function item(resource: ChangedResource) {
  return {
    configurationItemCaptureTime: resource.capturedAt ?? '2026-12-07T07:59:30.000Z',
    awsAccountId: MOTO_ACCOUNT,
    configurationItemStatus: resource.status ?? 'OK',
    resourceId: resource.id,
    resourceName: resource.id,
    ARN: resource.arn,
    awsRegion: REGION,
    resourceType: resource.type,
  };
}

/** A configuration change (ConfigurationItemChangeNotification), with the item inline. */
export function changeEvent(resource: ChangedResource, extra: { eventLeftScope?: boolean } = {}): ConfigRuleEvent {
  const configurationItem = { ...item(resource), configurationItemVersion: '1.3', configuration: resource.status?.startsWith('ResourceDeleted') ? null : { name: resource.id } };
  return {
    ...ruleFields,
    ...extra,
    invokingEvent: JSON.stringify({ configurationItem, notificationCreationTime: '2026-12-07T08:00:05.000Z', messageType: 'ConfigurationItemChangeNotification', recordVersion: '1.3' }),
  };
}

/** A change too large to inline (OversizedConfigurationItemChangeNotification): a summary of the item. */
export function oversizedChangeEvent(resource: ChangedResource): ConfigRuleEvent {
  return {
    ...ruleFields,
    invokingEvent: JSON.stringify({
      configurationItemSummary: { ...item(resource), changeType: 'UPDATE', configurationItemVersion: '1.3', configurationStateId: 1 },
      s3DeliverySummary: { s3BucketLocation: 'config-bucket/AWSLogs/oversized.json' },
      notificationCreationTime: '2026-12-07T08:00:05.000Z',
      messageType: 'OversizedConfigurationItemChangeNotification',
      recordVersion: '1.0',
    }),
  };
}

/** A test file's way to start a harness on its moto server (`server`): each one is closed after its test. */
export function useConfigRuleHarness(server: () => { endpoint: string }): (answers?: ConfigAnswers) => Promise<ConfigRuleHarness> {
  let harness: ConfigRuleHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  return async (answers = {}) => {
    harness = await ConfigRuleHarness.start(server().endpoint, answers);
    return harness;
  };
}

// The event AWS Config invokes a custom Lambda rule with (AWS Config Developer Guide, "Example Events
// for AWS Config Rules"): the rule's identity, a result token for PutEvaluations, and `invokingEvent`,
// a JSON string whose `messageType` says what triggered the run: a period
// (ScheduledNotification), a change of a recorded resource (ConfigurationItemChangeNotification, with
// the configuration item), or a change too large to inline (OversizedConfigurationItemChangeNotification,
// with a summary of it).

/** The event as Lambda passes it to the handler. */
export interface ConfigRuleEvent {
  readonly invokingEvent: string;
  readonly ruleParameters?: string;
  readonly resultToken: string;
  /** True when the changed resource has left the rule's scope. */
  readonly eventLeftScope?: boolean;
  readonly configRuleName?: string;
  readonly configRuleArn?: string;
  readonly accountId?: string;
  readonly executionRoleArn?: string;
}

/** A change of one resource, from a configuration item or its summary (oversized). */
export interface ResourceChange {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName?: string;
  readonly arn?: string;
  readonly region?: string;
  /** OK, ResourceDiscovered, ResourceNotRecorded, ResourceDeleted, ResourceDeletedNotRecorded. */
  readonly status: string;
  /** The resource is gone (deleted), or has left the rule's scope: its evaluation is withdrawn. */
  readonly gone: boolean;
}

/** What triggered a run. */
export interface ConfigTrigger {
  readonly messageType: string;
  /** When AWS Config made the event: the evaluations' OrderingTimestamp. */
  readonly orderingTimestamp: Date;
  /** The changed resource, for a change notification. */
  readonly change?: ResourceChange;
}

/** The statuses of a configuration item for a resource that no longer exists. */
const DELETED = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded']);

/** An event that is not AWS Config's: the handler does nothing it cannot justify. */
export class NotAConfigEvent extends Error {
  constructor(message: string) {
    super(`not an AWS Config rule event: ${message}`);
    this.name = 'NotAConfigEvent';
  }
}

/** Reads the trigger of an AWS Config rule event. */
export function parseConfigEvent(event: ConfigRuleEvent, now: Date = new Date()): ConfigTrigger {
  if (!event || typeof event.invokingEvent !== 'string') throw new NotAConfigEvent('no invokingEvent string');
  if (typeof event.resultToken !== 'string' || event.resultToken === '') throw new NotAConfigEvent('no resultToken');
  let invoking: Record<string, any>;
  try {
    invoking = JSON.parse(event.invokingEvent);
  } catch (error) {
    throw new NotAConfigEvent(`invokingEvent is not JSON (${(error as Error).message})`);
  }
  const messageType = String(invoking.messageType ?? '');
  const item = messageType === 'ConfigurationItemChangeNotification'
    ? invoking.configurationItem
    : messageType === 'OversizedConfigurationItemChangeNotification' ? invoking.configurationItemSummary : undefined;
  if (!item) {
    return { messageType, orderingTimestamp: timeOf(invoking.notificationCreationTime, now) };
  }
  if (typeof item.resourceType !== 'string' || typeof item.resourceId !== 'string') {
    throw new NotAConfigEvent(`${messageType} without the resourceType and resourceId of the changed resource`);
  }
  const status = String(item.configurationItemStatus ?? '');
  return {
    messageType,
    // AWS Config orders a resource's evaluations by the capture time of the item that triggered them.
    orderingTimestamp: timeOf(item.configurationItemCaptureTime ?? invoking.notificationCreationTime, now),
    change: {
      resourceType: item.resourceType,
      resourceId: item.resourceId,
      resourceName: typeof item.resourceName === 'string' ? item.resourceName : undefined,
      arn: typeof item.ARN === 'string' ? item.ARN : typeof item.arn === 'string' ? item.arn : undefined,
      region: typeof item.awsRegion === 'string' ? item.awsRegion : undefined,
      status,
      gone: DELETED.has(status) || event.eventLeftScope === true,
    },
  };
}

function timeOf(value: unknown, now: Date): Date {
  const time = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  return time && !isNaN(time.getTime()) ? time : now;
}

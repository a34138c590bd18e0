import { and, Ternary } from './ternary';
import { hasUnknown, mayBeEmpty, printable, unknownValue } from './unknown-value';

/** The six operators of an advanced field selector, as CloudFormation spells them. */
export const OPERATORS = ['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const;
export type Operator = typeof OPERATORS[number];

/** One condition of an advanced event selector. */
export interface FieldSelector {
  readonly field: string;
  readonly operators: Partial<Record<Operator, string[]>>;
}

/** A field selector for people: `eventName NotEquals [Invoke]`, unknown values as `<description>`. */
export function describeFieldSelector(selector: FieldSelector): string {
  const operators = Object.entries(selector.operators).map(([op, values]) => `${op} [${(values ?? []).map(value => printable(value)).join(', ')}]`);
  return `${printable(selector.field)} ${operators.join(' or ')}`;
}

/** An advanced event selector: all of its field selectors must match. */
export interface AdvancedSelector {
  readonly name?: string;
  readonly fieldSelectors: FieldSelector[];
}

/** A basic event selector. */
export interface BasicSelector {
  /** 'All', 'ReadOnly', 'WriteOnly', or an unknown marker. */
  readonly readWriteType: string;
  readonly includeManagementEvents: Ternary;
  /** Event sources whose management events are not recorded (`kms.amazonaws.com`, `rdsdata.amazonaws.com`). */
  readonly excludeManagementEventSources: string[];
  readonly dataResources: { readonly type: string; readonly values: string[] }[];
}

/**
 * A trail normalized from the CloudFormation properties of `AWS::CloudTrail::Trail`, with
 * CloudFormation's defaults applied; `undefined` in a Ternary means "not known at synth".
 */
export interface TrailModel {
  /** The trail's name, when known. */
  readonly name?: string;
  readonly isLogging: Ternary;
  readonly logFileValidation: Ternary;
  readonly multiRegion: Ternary;
  readonly globalServiceEvents: Ternary;
  readonly organization: Ternary;
  readonly kmsKeyId?: string;
  readonly s3BucketName?: string;
  /** The key prefix its log files are written under (S3KeyPrefix), when set. */
  readonly s3KeyPrefix?: string;
  /** Logs are delivered to CloudWatch Logs (CloudWatchLogsLogGroupArn is set); unknown when it is wholly a deploy-time value. */
  readonly cloudWatchLogs: Ternary;
  readonly basicSelectors: BasicSelector[];
  readonly advancedSelectors: AdvancedSelector[];
  /** True when the selectors themselves are not known at synth (a token in their place). */
  readonly selectorsUnknown: boolean;
  /**
   * CloudTrail can deliver its log files: its bucket and key let it (the engine decides it with the
   * delivery rules, CLT12 and CLT14; true until then, and for event data stores).
   */
  readonly delivers: Ternary;
  /** Why whether it can deliver is not known. */
  readonly deliveryUnknown?: string;
  /** Where the trail lives (its stack's environment, or what an external trail declares). */
  readonly region: string;
  readonly account: string;
  readonly partition: string;
}

/** Whether the trail records anything: it is logging, and CloudTrail can deliver its log files. */
export function isRecording(trail: TrailModel): Ternary {
  return and(trail.isLogging, trail.delivers);
}

/** Reads a CloudFormation boolean (true, false, "true", "false"), with a default for an absent value. */
export function readBoolean(value: unknown, whenAbsent: boolean): Ternary {
  if (value === undefined || value === null) return whenAbsent;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/**
 * Reads a CloudFormation string. A boolean or a number where a string is expected is its text, as
 * CloudFormation converts it: `Equals: [false]`, and YAML's `no` (a boolean in YAML 1.1), mean "false".
 */
function readString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return unknownValue(JSON.stringify(value));
}

/**
 * Whether an optional string property is set: absent or empty is not; a value made only of unknown
 * values that may be empty (a parameter, which the deployer may pass empty; an import) is not known
 * to be; a resource's id or ARN is.
 */
export function isSet(value: string | undefined): Ternary {
  if (value === undefined || value === '') return false;
  return mayBeEmpty(value) ? undefined : true;
}

function readStrings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(v => readString(v) ?? '');
  return [unknownValue(JSON.stringify(value))];
}

function readList(value: unknown): any[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : undefined;
}

/**
 * Normalizes resolved CloudFormation properties of a trail.
 *
 * @param properties the resolved `Properties` of an `AWS::CloudTrail::Trail`
 * @param where the trail's environment
 */
export function trailModelFromProperties(properties: Record<string, any>, where: { region: string; account: string; partition: string }): TrailModel {
  const basic = readList(properties.EventSelectors);
  const advanced = readList(properties.AdvancedEventSelectors);
  const name = readString(properties.TrailName);
  return {
    name: name !== undefined && !hasUnknown(name) ? name : undefined,
    isLogging: readBoolean(properties.IsLogging, false),
    logFileValidation: readBoolean(properties.EnableLogFileValidation, false),
    multiRegion: readBoolean(properties.IsMultiRegionTrail, false),
    globalServiceEvents: readBoolean(properties.IncludeGlobalServiceEvents, true),
    organization: readBoolean(properties.IsOrganizationTrail, false),
    kmsKeyId: readString(properties.KMSKeyId),
    s3BucketName: readString(properties.S3BucketName),
    s3KeyPrefix: readString(properties.S3KeyPrefix) || undefined,
    cloudWatchLogs: isSet(readString(properties.CloudWatchLogsLogGroupArn)),
    basicSelectors: readBasicSelectors(basic ?? []),
    advancedSelectors: readAdvancedSelectors(advanced ?? []),
    selectorsUnknown: basic === undefined || advanced === undefined,
    delivers: true,
    ...where,
  };
}

/** Reads basic event selectors in their CloudFormation spelling (the CloudTrail API's is the same), with CloudFormation's defaults. */
export function readBasicSelectors(selectors: readonly unknown[]): BasicSelector[] {
  return selectors.map(readBasicSelector);
}

function readBasicSelector(selector: any): BasicSelector {
  return {
    readWriteType: readString(selector?.ReadWriteType) ?? 'All',
    includeManagementEvents: readBoolean(selector?.IncludeManagementEvents, true),
    excludeManagementEventSources: readStrings(selector?.ExcludeManagementEventSources),
    dataResources: (readList(selector?.DataResources) ?? [{ Type: unknownValue('DataResources') }]).map((resource: any) => ({
      type: readString(resource?.Type) ?? '',
      values: readStrings(resource?.Values),
    })),
  };
}

/** Reads advanced event selectors in their CloudFormation spelling. */
export function readAdvancedSelectors(selectors: readonly unknown[]): AdvancedSelector[] {
  return selectors.map(readAdvancedSelector);
}

function readAdvancedSelector(selector: any): AdvancedSelector {
  const fields = readList(selector?.FieldSelectors) ?? [{ Field: unknownValue('FieldSelectors'), Equals: [unknownValue('FieldSelectors')] }];
  return {
    name: readString(selector?.Name),
    fieldSelectors: fields.map((field: any) => {
      const operators: Partial<Record<Operator, string[]>> = {};
      for (const operator of OPERATORS) {
        if (field?.[operator] !== undefined) operators[operator] = readStrings(field[operator]);
      }
      return { field: readString(field?.Field) ?? '', operators };
    }),
  };
}

// Internal: the CloudWatch Logs filter patterns of LambdaTrailMonitoring, as plain strings (one place to
// read and change them). Their syntax is CloudWatch Logs' ("Filter pattern syntax for metric filters":
// JSON selectors `$.field`, `=`, `&&`, `||`, parentheses); test/trail/monitoring-patterns.test.ts runs them
// against CloudTrail records as CloudTrail writes them to CloudWatch Logs.

/**
 * The CIS AWS Foundations Benchmark's filter for CloudTrail configuration changes (v1.2.0 3.5, v1.4.0
 * 4.5), character for character as the AWS Security Hub user guide prints it for control CloudWatch.5.
 * Security Hub runs "the exact audit steps prescribed" by CIS: "This control fails if the exact metric
 * filters prescribed by CIS are not used. Additional fields or terms cannot be added to the metric
 * filters." So this pattern is never extended; other calls have their own filter
 * (`TRAIL_RECORDING_CHANGES_PATTERN`) that feeds the same metric.
 */
export const CIS_CLOUDTRAIL_CHANGES_PATTERN =
  '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}';

/**
 * The CloudTrail API calls, besides the five of the CIS filter, that change what a trail records
 * (AWS CloudTrail API Reference): `PutEventSelectors` (which management and data events, such as
 * Lambda invocations), `PutInsightSelectors` (Insights events) and `PutEventConfiguration` (the
 * event size and context keys a trail adds to its events).
 */
export const TRAIL_RECORDING_CHANGE_CALLS = ['PutEventSelectors', 'PutInsightSelectors', 'PutEventConfiguration'] as const;

/**
 * The calls of `TRAIL_RECORDING_CHANGE_CALLS`, made to CloudTrail (the event source keeps a call of
 * the same name to another service out).
 */
export const TRAIL_RECORDING_CHANGES_PATTERN = `{ ($.eventSource = "cloudtrail.amazonaws.com") && (${
  TRAIL_RECORDING_CHANGE_CALLS.map(call => `($.eventName = "${call}")`).join(' || ')}) }`;

/**
 * CloudTrail's record of an invocation of exactly this function: a Lambda `Invoke` data event whose
 * resource is the function's unqualified ARN (CloudTrail names the function there, and the invoked
 * version in `additionalEventData.functionVersion`). The ARN is compared whole, without wildcards, so
 * a function whose name merely starts with the probe's does not count.
 *
 * @param functionArn the function's unqualified ARN (may be a CDK token)
 */
export function invokeRecordPattern(functionArn: string): string {
  return `{ ($.eventSource = "lambda.amazonaws.com") && ($.eventName = "Invoke") && ($.resources[0].ARN = "${functionArn}") }`;
}

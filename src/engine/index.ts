// The engine's entry point for TypeScript and JavaScript consumers that are not CDK apps (the
// `lambda-trail` CLI): `import { judgeTemplates } from 'cdk-compliant-lambda-trail/lib/engine'`.
// It is not part of the jsii API (no Python, Java or Go bindings); docs/ARCHITECTURE.md documents it.
export * from './types';
export { judgeTemplates, functionArnReference } from './judge';
export { readCloudAssembly, CloudAssemblyInput, PathAcknowledgements } from './cloud-assembly';
export { ruleIdOf, PLUGIN_NAMESPACE } from './acknowledgement-ids';
export { buildReport, BuildReportOptions, fixOf, messageOf, statusOf, DEFAULT_REPORT_FILE, TOOL, TRAIL_ARN } from '../checks/report';
export { describeControl, ControlMapping } from '../rules/controls';
export * from '../checks/report-types';
export { FindingLevel, RuleInfo } from '../rules/rule';
export { RULES } from '../rules/rule-list';
export { unknownValue, hasUnknown, printable, Judged } from '../model/unknown-value';
export { LambdaTrailChecksFailed } from '../checks/gate';
// What `lambda-trail remediate` needs to write selectors the way the constructs do, within CloudTrail's limits.
export { MAX_BASIC_SELECTORS, MAX_DATA_RESOURCES, MAX_ADVANCED_VALUES, countAdvancedValues } from '../model/cloudtrail-limits';
export { describeFieldSelector, OPERATORS, readAdvancedSelectors } from '../model/trail-model';
export {
  lambdaDataSelector, lambdaSelectorName, managementEventsSelector, ArnCondition, AdvancedSelectorSpelling, FieldSelectorSpelling,
} from '../model/lambda-data-selector';
export { isFunctionArn, isQualifiedFunctionArn, FUNCTION_ARN_FORMAT, EVERY_FUNCTION_DATA_RESOURCE } from '../model/lambda-arns';

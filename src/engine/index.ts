// The engine's entry point for TypeScript and JavaScript consumers that are not CDK apps (the
// `lambda-trail` CLI): `import { judgeTemplates } from 'cdk-compliant-lambda-trail/engine'`
// (package.json `exports`; a deep import of any other file of the package fails).
// It is not part of the jsii API (no Python, Java or Go bindings); docs/ARCHITECTURE.md documents it.
export * from './types';
export * from '../model/cloudformation';
export * from '../model/coverage-status';
export { judgeTemplates, functionArnReference } from './judge';
export { RegionCoverage } from '../model/coverage';
export { JudgingStopped } from './judging-stopped';
export { ruleIdOf, PLUGIN_NAMESPACE } from './acknowledgement-ids';
export { AcknowledgementFileEntry, ACKNOWLEDGEMENTS_FILE_EXAMPLE, parseAcknowledgementEntries, ParsedAcknowledgements } from './acknowledgement-entries';
export { buildReport, BuildReportOptions, fixOf, reasonIsSufficient, statusOf, DEFAULT_REPORT_FILE, TOOL, TRAIL_ARN } from './report';
export { describeControl, ControlMapping } from '../rules/controls';
export * from './report-types';
export { descriptionOf, messageOf, FindingText } from './finding-message';
export { FindingLevel, RuleInfo } from '../rules/rule';
export { RULES } from '../rules/rule-list';
export { unknownValue, hasUnknown, printable, Judged } from '../model/unknown-value';
// What `lambda-trail remediate` needs to write selectors the way the constructs do, within CloudTrail's limits.
export { MAX_BASIC_SELECTORS, MAX_DATA_RESOURCES, MAX_ADVANCED_VALUES, countAdvancedValues } from '../model/cloudtrail-limits';
export {
  describeFieldSelector, OPERATORS, readAdvancedSelectors, readBasicSelectors, trailModelFromProperties,
  AdvancedSelector, BasicSelector, FieldSelector, TrailModel,
} from '../model/trail-model';
export {
  lambdaDataSelector, lambdaSelectorName, managementEventsSelector, spellFieldSelector,
  ArnCondition, AdvancedSelectorSpelling, FieldSelectorSpelling, ManagementSelectorOptions,
} from '../model/lambda-data-selector';
// The one reading of basic selectors and the event matcher, so that remediate plans a change as the verdict reads it.
export { basicAsAdvanced, basicSelectorsAsAdvanced, BASIC_DATA_RESOURCE_TYPES } from '../model/basic-selectors';
export { effectiveSelectors, FieldRange, lambdaDataEvent, managementEvent, ProbeEvent, recordsEvent, selectorsRecordEvent } from '../model/event-matcher';
export { recordsEveryLambdaDataEvent } from '../model/lambda-scope';
export { Ternary } from '../model/ternary';
export {
  functionArn, isFunctionArn, isQualifiedFunctionArn, parseFunctionArn, FUNCTION_ARN_FORMAT, EVERY_FUNCTION_DATA_RESOURCE, FunctionPlace,
} from '../model/lambda-arns';

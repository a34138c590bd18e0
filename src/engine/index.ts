// The engine's entry point for TypeScript and JavaScript consumers that are not CDK apps (the
// `lambda-trail` CLI): `import { judgeTemplates } from 'cdk-compliant-lambda-trail/lib/engine'`.
// It is not part of the jsii API (no Python, Java or Go bindings); docs/ARCHITECTURE.md documents it.
export * from './types';
export * from '../checks/report-types';
export { FindingLevel, RuleInfo } from '../rules/rule';
export { RULES } from '../rules/rule-list';
export { unknownValue, hasUnknown, printable } from '../model/unknown-value';

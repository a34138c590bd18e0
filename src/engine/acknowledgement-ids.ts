// The ids users acknowledge findings with, in every spelling aws-cdk-lib and the front ends produce.
//
// aws-cdk-lib records `Validations.of(c).acknowledge({ id })` under a namespaced id and prints the id
// to acknowledge a warning with in several ways, depending on its version (checked with the CDK CLI
// 2.1149, with and without the feature flag `@aws-cdk/core:annotationsInValidationReport`, which
// `cdk init` sets):
// - 2.257: a plain `CLT5` is recorded as `annotation::CLT5`;
// - 2.276: `Annotation::CLT5`; a warning of the checks prints `LambdaTrailChecks::CLT5`;
// - 2.278: the "Construct Annotations" validation report turns `::` into `_` and prints
//   `Annotation::LambdaTrailChecks_CLT5`.
// Every one of these names CLT5.

/** The namespace of the policy validation plugin's rule ids: `LambdaTrailChecks::CLT5`. */
export const PLUGIN_NAMESPACE = 'LambdaTrailChecks';

/** Namespaces aws-cdk-lib gives annotations (lower case): `annotation` (2.257), `Annotation`, `Construct-Annotations`. */
const ANNOTATION_NAMESPACES = ['annotation', 'construct-annotations', 'construct annotations'];

/** `LambdaTrailChecks_CLT5`: the plugin's namespaced id as the annotations report spells it (`::` becomes `_`). */
const FLATTENED_PREFIX = `${PLUGIN_NAMESPACE.toLowerCase()}_`;

/** An acknowledged id taken apart: its namespace (undefined for a plain id) and the rest. */
function split(acknowledgedId: string): { namespace?: string; name: string } | undefined {
  const parts = acknowledgedId.split('::');
  if (parts.length === 1) return { name: parts[0] };
  return parts.length === 2 ? { namespace: parts[0].toLowerCase(), name: parts[1] } : undefined;
}

/**
 * The rule id an acknowledged id names: `CLT5`, `Annotation::CLT5`, `annotation::CLT5`,
 * `LambdaTrailChecks::CLT5`, `LambdaTrailChecks_CLT5` and `Annotation::LambdaTrailChecks_CLT5` are all
 * CLT5. Ids of other plugins (`AwsSolutions::...`) name no rule of ours.
 */
export function ruleIdOf(acknowledgedId: string): string | undefined {
  const parsed = split(acknowledgedId);
  if (!parsed) return undefined;
  const { namespace, name } = parsed;
  const flattened = name.toLowerCase().startsWith(FLATTENED_PREFIX) ? name.slice(FLATTENED_PREFIX.length) : undefined;
  if (namespace === undefined || ANNOTATION_NAMESPACES.includes(namespace)) return flattened ?? name;
  return namespace === PLUGIN_NAMESPACE.toLowerCase() && flattened === undefined ? name : undefined;
}

/** How an acknowledged id is shown: aws-cdk-lib records a plain `CLT5` as `Annotation::CLT5`; the report shows `CLT5`. */
export function displayIdOf(acknowledgedId: string): string {
  const parsed = split(acknowledgedId);
  return parsed?.namespace !== undefined && ANNOTATION_NAMESPACES.includes(parsed.namespace) ? parsed.name : acknowledgedId;
}

/**
 * Whether an id acknowledges a construct's own warning (CLT40 to CLT45) in aws-cdk-lib's eyes: the
 * construct annotated it with its plain id, which aws-cdk-lib removes only for `CLT40` (recorded as
 * `Annotation::CLT40`). The checks' spellings (`LambdaTrailChecks::CLT40`, `LambdaTrailChecks_CLT40`)
 * leave the annotation in place.
 */
export function acknowledgesAnnotationOf(acknowledgedId: string, ruleId: string): boolean {
  return displayIdOf(acknowledgedId) === ruleId;
}

/**
 * Whether aws-cdk-lib applies the acknowledgement to the policy validation plugin's violations itself:
 * it matches them by the plugin's namespaced id, `LambdaTrailChecks::CLT5`, exactly.
 */
export function isPluginNamespaced(acknowledgedId: string): boolean {
  return acknowledgedId.startsWith(`${PLUGIN_NAMESPACE}::`);
}

// The ids users acknowledge findings with, in every spelling aws-cdk-lib and the front ends produce.

/** The namespace of the policy validation plugin's rule ids: `LambdaTrailChecks::CLT5`. */
export const PLUGIN_NAMESPACE = 'LambdaTrailChecks';

/**
 * The rule id an acknowledged id names: `CLT5`, `Annotation::CLT5` (how aws-cdk-lib 2.276 records a
 * plain id and names annotations), `annotation::CLT5` (2.257) and `LambdaTrailChecks::CLT5` (the
 * plugin's namespace) are all CLT5. Ids of other plugins (`AwsSolutions::...`) name no rule of ours.
 */
export function ruleIdOf(acknowledgedId: string): string | undefined {
  const parts = acknowledgedId.split('::');
  if (parts.length === 1) return parts[0];
  const ours = ['annotation', 'construct-annotations', PLUGIN_NAMESPACE.toLowerCase()];
  return parts.length === 2 && ours.includes(parts[0].toLowerCase()) ? parts[1] : undefined;
}

/** How an acknowledged id is shown: aws-cdk-lib records a plain `CLT5` as `Annotation::CLT5`; the report shows `CLT5`. */
export function displayIdOf(acknowledgedId: string): string {
  const parts = acknowledgedId.split('::');
  return parts.length === 2 && ['annotation', 'construct-annotations'].includes(parts[0].toLowerCase()) ? parts[1] : acknowledgedId;
}

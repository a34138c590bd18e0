import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { PathAcknowledgements, readCloudAssembly } from './cloud-assembly';
import { isPluginNamespaced, PLUGIN_NAMESPACE } from '../engine/acknowledgement-ids';
import { descriptionOf } from '../engine/finding-message';
import { judgeTemplates } from '../engine/judge';
import { buildReport, TOOL } from '../engine/report';
import { ReportFinding } from '../engine/report-types';
import { AcknowledgementLookup, FoundAcknowledgement, Subject } from '../engine/types';
import { StackInput } from '../model/cloudformation';
import { describeControl } from '../rules/controls';
import { RULES } from '../rules/rule-list';

/**
 * The checks as a policy validation plugin, as cdk-nag 3 and cdk-validator-cfnguard are:
 * `Validations.of(app).addPlugins(new LambdaTrailChecksPlugin())`. It judges the synthesized
 * templates with the same engine and rules as `LambdaTrailChecks`, and its findings appear in the
 * CDK's `validation-report.json` beside the other plugins', as `LambdaTrailChecks::CLT5` and so on.
 *
 * The CDK CLI shows and gates plugin findings only for the stacks it selected: `cdk synth` with no
 * selector selects none of the stacks inside Stages (CDK Pipelines). The Aspect, `LambdaTrailChecks`,
 * fails synthesis in every layout; use the plugin beside it, or where a validation report is wanted.
 */
export class LambdaTrailChecksPlugin implements IPolicyValidationPlugin {
  /** The plugin's name, and the namespace of its rule ids (`LambdaTrailChecks::CLT5`). */
  public readonly name = PLUGIN_NAMESPACE;

  // Optional in the type because they are optional in `IPolicyValidationPlugin`: jsii refuses an
  // implementation that turns an optional property required (JSII5009). Always set.

  /** This library's version. */
  public readonly version?: string = TOOL.version;

  /** The ids of the rules it evaluates. */
  public readonly ruleIds?: string[] = RULES.map(r => r.id);

  /**
   * Judges every template the CDK hands over, with the stacks' environments and the acknowledgements
   * recorded in the cloud assembly.
   *
   * @param context the templates to validate
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const wanted = new Set(context.templatePaths.map(p => path.resolve(p)));
    const directories = [...new Set([...wanted].map(p => path.dirname(p)))].sort((a, b) => a.length - b.length);
    const roots = directories.filter((dir, i) => !directories.slice(0, i).some(parent => dir.startsWith(`${parent}${path.sep}`)));
    const stacks: StackInput[] = [];
    const templateFiles = new Map<string, string>();
    const acknowledgements: FoundAcknowledgement[] = [];
    for (const root of roots) {
      const assembly = readCloudAssembly(root);
      for (const stack of assembly.stacks) {
        const file = assembly.templateFiles.get(stack.id);
        if (file && wanted.has(path.resolve(file))) stacks.push(stack);
      }
      assembly.templateFiles.forEach((file, id) => templateFiles.set(id, file));
      acknowledgements.push(...assembly.acknowledgements.all());
    }
    // Acknowledgements made with this plugin's ids are applied by aws-cdk-lib itself, which lists
    // them under suppressedViolations with their reasons; the others (`CLT5`, `Annotation::CLT5`)
    // are applied here, so the plain form works for the plugin as for the Aspect.
    const report = buildReport(judgeTemplates(stacks), {
      acknowledgements: new ExceptNamespaced(new PathAcknowledgements(acknowledgements)),
      frontEnd: 'LambdaTrailChecksPlugin',
    });
    const violations: PolicyViolation[] = [];
    const add = (subject: { path: string; stackId?: string; logicalId?: string }, finding: ReportFinding) => {
      if (finding.acknowledged) return;
      const templatePath = subject.stackId ? templateFiles.get(subject.stackId) : undefined;
      violations.push({
        ruleName: finding.id,
        description: descriptionOf(finding),
        fix: finding.fix,
        severity: finding.level,
        ruleMetadata: { controls: finding.controls.map(describeControl).join('; ') },
        violatingResources: templatePath && subject.logicalId ? [{ resourceLogicalId: subject.logicalId, templatePath, locations: [] }] : [],
      });
    };
    const subjects = new Map<string, { stackId: string; logicalId: string }>();
    for (const stack of stacks) collectSubjects(stack, subjects);
    for (const t of report.trails) t.findings.forEach(f => add({ path: t.path, ...subjects.get(t.path) }, f));
    for (const fn of report.functions) fn.findings.forEach(f => add({ path: fn.path, ...subjects.get(fn.path) }, f));
    for (const other of report.otherFindings) add({ path: other.path }, other.finding);
    return { success: !violations.some(v => v.severity === 'error'), violations, pluginVersion: TOOL.version };
  }
}

/** The stack id and logical id of every resource with a path, to name the violating resource. */
function collectSubjects(stack: StackInput, into: Map<string, { stackId: string; logicalId: string }>): void {
  const resources = (stack.template as { Resources?: Record<string, { Metadata?: Record<string, unknown> }> }).Resources ?? {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    const cdkPath = resource.Metadata?.['aws:cdk:path'];
    into.set(typeof cdkPath === 'string' ? cdkPath : `${stack.id}/${logicalId}`, { stackId: stack.id, logicalId });
  }
  for (const nested of Object.values(stack.nestedStacks ?? {})) collectSubjects(nested, into);
}

/** Leaves acknowledgements with the plugin's own namespace to aws-cdk-lib. */
class ExceptNamespaced implements AcknowledgementLookup {
  constructor(private readonly inner: AcknowledgementLookup) {}
  public find(subject: Subject, ruleId: string): FoundAcknowledgement | undefined {
    const found = this.inner.find(subject, ruleId);
    return found && !isPluginNamespaced(found.id) ? found : undefined;
  }
  public all(): readonly FoundAcknowledgement[] {
    return this.inner.all();
  }
}

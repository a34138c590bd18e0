import * as path from 'path';
import { Annotations, CfnResource, IAspect, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ConstructAcknowledgements } from './acknowledgements';
import { constructInputs, ConstructInputs } from './construct-templates';
import { acknowledgementIdOf, gateVerdict, PathFinding } from './gate';
import { signalVerdict } from './synthesis-edge';
import { WrittenAssemblyAnnotations } from './written-assembly';
import { functionArnReference, judgeTemplates } from '../engine/judge';
import { APP_PATH, buildReport, DEFAULT_REPORT_FILE, writeReport } from '../engine/report';
import { Report, ReportFinding } from '../engine/report-types';
import { ExternalTrailInput } from '../engine/types';
import { LambdaTrailError } from '../errors';
import { managementEventsSelector } from '../model/lambda-data-selector';
import { unknownValue } from '../model/unknown-value';
import { FindingLevel } from '../rules/rule';
import { CONSTRUCT_WARNINGS } from '../trail/construct-warnings';
import { LambdaFunctionSelection } from '../trail/lambda-function-selection';
import { toCloudFormation } from '../trail/lambda-selector';

/**
 * A trail that lives outside the app (an organization trail run by another team, say) and that the
 * app relies on. The checks count it for coverage and the report names it as claimed coverage: it
 * is the user's claim, not something the checks can see.
 */
export interface ExternalTrail {
  /** A name for the report, e.g. the trail's ARN. */
  readonly name: string;

  /**
   * The account the trail belongs to.
   *
   * @default - the trail is taken to record every account of the app (as an organization trail does)
   */
  readonly account?: string;

  /**
   * Whether it is an organization trail (records every account of the organization).
   *
   * @default - true when `account` is not given
   */
  readonly organizationTrail?: boolean;

  /**
   * Whether it records every region.
   *
   * @default true
   */
  readonly multiRegion?: boolean;

  /**
   * The trail's region, which is required when `multiRegion` is false.
   *
   * @default - not needed for a multi-region trail
   */
  readonly region?: string;

  /**
   * Which functions' invocations it records.
   *
   * @default LambdaFunctionSelection.all()
   */
  readonly functions?: LambdaFunctionSelection;
}

/**
 * Properties of `LambdaTrailChecks`.
 */
export interface LambdaTrailChecksProps {
  /**
   * Trails outside the app that record its functions.
   *
   * @default - only trails in the app count
   */
  readonly externalTrails?: ExternalTrail[];

  /**
   * The report's file name in the cloud assembly directory.
   *
   * @default 'lambda-trail-checks.json'
   */
  readonly reportFileName?: string;
}

/**
 * A CDK Aspect that checks, at synth time, every CloudTrail trail of the app against the control
 * (CLT1 to CLT13) and every Lambda function for a trail that records its invocations (CLT20, CLT21).
 * Acknowledge a finding with `Validations.of(construct).acknowledge({ id: 'CLT5', reason: '...' })`.
 * A JSON report is written to the cloud assembly directory.
 *
 * Add it to the app: `Aspects.of(app).add(new LambdaTrailChecks())`. It judges the app as it deploys:
 * after every other Aspect, across every Stage and nested stack, whatever the construct order.
 * Unacknowledged errors fail synthesis with a message that lists them; warnings are annotations.
 */
export class LambdaTrailChecks implements IAspect {
  private readonly externalTrails: ExternalTrail[];
  private readonly reportFileName: string;
  private readonly registeredRoots = new WeakSet<IConstruct>();

  /**
   * @param props trails outside the app, and the report's file name
   */
  constructor(props: LambdaTrailChecksProps = {}) {
    this.externalTrails = props.externalTrails ?? [];
    this.reportFileName = props.reportFileName ?? DEFAULT_REPORT_FILE;
    if (!/^[\w.-]+\.json$/.test(this.reportFileName)) {
      throw new LambdaTrailError('InvalidReportFileName', `reportFileName '${this.reportFileName}' is not a plain JSON file name; expected letters, digits, '.', '_' or '-' ending in .json (the report is written to the cloud assembly directory)`);
    }
    for (const [i, trail] of this.externalTrails.entries()) {
      if (trail.account !== undefined && !Token.isUnresolved(trail.account) && !/^\d{12}$/.test(trail.account)) {
        throw new LambdaTrailError('InvalidExternalTrail', `externalTrails[${i}] (${trail.name}): account '${trail.account}' is not an AWS account id; expected 12 digits`);
      }
      if (trail.multiRegion === false && trail.region === undefined) {
        throw new LambdaTrailError('InvalidExternalTrail', `externalTrails[${i}] (${trail.name}): multiRegion is false but region was not given; expected the region the trail records`);
      }
      if (trail.organizationTrail === false && trail.account === undefined) {
        throw new LambdaTrailError('InvalidExternalTrail', `externalTrails[${i}] (${trail.name}): organizationTrail is false but account was not given; expected the 12-digit account the trail records`);
      }
    }
  }

  /**
   * Registers the checks of the whole app, to run once every Aspect has run.
   *
   * @param node the construct visited (the checks judge the whole app it belongs to)
   */
  public visit(node: IConstruct): void {
    const root = node.node.root;
    if (this.registeredRoots.has(root)) return;
    this.registeredRoots.add(root);
    // Construct validations of the root run after every Aspect (whatever its priority) and after every
    // nested Stage is synthesized: the app as it deploys. The gate fails synthesis itself (see gate.ts, synthesis-edge.ts).
    root.node.addValidation({
      validate: () => {
        new CheckRun(root, this.externalTrails).run(this.reportFileName);
        return [];
      },
    });
  }
}

/** One run of the checks over one app. */
class CheckRun {
  constructor(private readonly root: IConstruct, private readonly externalTrails: ExternalTrail[]) {}

  /** Judges the app, reports, and returns the unacknowledged errors (which fail synthesis). */
  public run(reportFileName: string): void {
    const inputs = constructInputs(this.root);
    const judgement = judgeTemplates(inputs.stacks, { externalTrails: this.externalTrails.map(t => this.externalInput(t, inputs)) });
    const report = buildReport(judgement, {
      acknowledgements: new ConstructAcknowledgements(inputs.constructAt, inputs.acknowledging, this.root),
      frontEnd: 'LambdaTrailChecks',
      constructWarningRules: CONSTRUCT_WARNINGS.map(w => ({ ...w, level: FindingLevel.WARNING })),
      constructWarnings: inputs.constructWarnings,
      claimedCoverage: this.externalTrails.map(t => ({
        name: t.name,
        account: t.account ?? 'every account of the app',
        organizationTrail: t.organizationTrail ?? t.account === undefined,
        regions: t.multiRegion === false ? t.region! : 'all',
        functions: (t.functions ?? LambdaFunctionSelection.all()).describe(),
      })),
    });
    const reportFile = Stage.isStage(this.root) ? writeReport(this.root.outdir, reportFileName, report) : undefined;
    const { errors, warnings } = this.annotate(report, inputs);
    signalVerdict(this.root, gateVerdict(errors, warnings, reportFile && path.relative(process.cwd(), reportFile)));
  }

  /** Warnings become annotations (also in Stages already written); errors are returned for the gate. */
  private annotate(report: Report, inputs: ConstructInputs): { errors: PathFinding[]; warnings: PathFinding[] } {
    const errors: PathFinding[] = [];
    const warnings: PathFinding[] = [];
    const written = new WrittenAssemblyAnnotations(this.root);
    // Plain loops: a large app has thousands of functions, nearly all without findings.
    const entries: { path: string; finding: ReportFinding }[] = [];
    for (const subject of [...report.trails, ...report.functions]) {
      for (const finding of subject.findings) entries.push({ path: subject.path, finding });
    }
    for (const other of report.otherFindings) entries.push({ path: other.path === APP_PATH ? '' : other.path, finding: other.finding });
    const constructWarningIds = new Set(CONSTRUCT_WARNINGS.map(w => w.id));
    for (const entry of entries) {
      const { path: constructPath, finding } = entry;
      if (finding.acknowledged) continue;
      if (constructWarningIds.has(finding.id)) {
        // The construct annotated it itself when it was created.
        warnings.push(entry);
        continue;
      }
      const construct = inputs.constructAt(constructPath) ?? this.root;
      const id = acknowledgementIdOf(finding.id);
      if (finding.level === FindingLevel.ERROR) {
        errors.push(entry);
        // Also in the cloud assembly, so that `cdk deploy --app cdk.out` of an assembly written
        // under the CLI (which writes it even when the gate fails) refuses it too; tagged as
        // addWarningV2 tags warnings, so the CLI names the id that acknowledges it.
        const message = `${finding.message} [ack: ${id}]`;
        if (written.isWritten(construct)) written.addError(construct, message);
        else Annotations.of(construct).addError(message);
        continue;
      }
      warnings.push(entry);
      if (written.isWritten(construct)) written.addWarning(construct, id, finding.message);
      else Annotations.of(construct).addWarningV2(id, finding.message);
    }
    written.flush();
    return { errors, warnings };
  }

  /** A declared external trail as the engine's input; functions of the app are referred to by stack and logical id. */
  private externalInput(trail: ExternalTrail, inputs: ConstructInputs): ExternalTrailInput {
    const selection = trail.functions ?? LambdaFunctionSelection.all();
    const arns = selection.functionArns.map((arn, i) => {
      if (!Token.isUnresolved(arn)) return arn;
      const fn = selection._functionConstructs[i];
      const resource = fn?.node.defaultChild;
      if (!resource || !CfnResource.isCfnResource(resource)) return unknownValue(`a function ARN of ${trail.name}`);
      const { stackId, logicalId } = inputs.locate(resource);
      return functionArnReference(stackId, logicalId);
    });
    return {
      name: trail.name,
      account: trail.account,
      organizationTrail: trail.organizationTrail ?? trail.account === undefined,
      multiRegion: trail.multiRegion ?? true,
      region: trail.region,
      advancedEventSelectors: [
        managementEventsSelector(),
        toCloudFormation(selection._selectorWithArns(arns)),
      ],
    };
  }
}

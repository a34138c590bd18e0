import { Annotations, IAspect, Stage, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgementOf, MIN_REASON_LENGTH, reasonIsSufficient } from './acknowledgements';
import { AppModel, buildAppModel } from './app-model';
import { DEFAULT_REPORT_FILE, Report, ReportEntry, ReportFinding, statusOf, writeReport } from './report';
import { coverageOf, CoveringTrail } from '../model/coverage';
import { describeLambdaScope } from '../model/lambda-scope';
import { resolveSymbolically } from '../model/symbolic-resolver';
import { trailModelFromProperties } from '../model/trail-model';
import { printable, unknownValue } from '../model/unknown-value';
import { FindingLevel, Rule } from '../rules/rule';
import { FUNCTION_RULES, RULES, TRAIL_RULES } from '../rules/rule-list';
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
   * The trail's region; required when `multiRegion` is false.
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
 * Findings are errors and warnings on the offending construct; acknowledge one with
 * `Validations.of(construct).acknowledge({ id: 'CLT5', reason: '...' })`. A JSON report is written to
 * the cloud assembly directory.
 *
 * Add it to the app: `Aspects.of(app).add(new LambdaTrailChecks())`. It examines the whole app once,
 * when it visits its first construct, so findings do not depend on construct order.
 */
export class LambdaTrailChecks implements IAspect {
  private readonly externalTrails: ExternalTrail[];
  private readonly reportFileName: string;
  private readonly checkedRoots = new WeakSet<IConstruct>();

  /**
   * @param props trails outside the app, and the report's file name
   */
  constructor(props: LambdaTrailChecksProps = {}) {
    this.externalTrails = props.externalTrails ?? [];
    this.reportFileName = props.reportFileName ?? DEFAULT_REPORT_FILE;
    if (!/^[\w.-]+\.json$/.test(this.reportFileName)) {
      throw new Error(`reportFileName '${this.reportFileName}' is not a plain JSON file name; expected letters, digits, '.', '_' or '-' ending in .json (the report is written to the cloud assembly directory)`);
    }
    for (const [i, trail] of this.externalTrails.entries()) {
      if (trail.account !== undefined && !Token.isUnresolved(trail.account) && !/^\d{12}$/.test(trail.account)) {
        throw new Error(`externalTrails[${i}] (${trail.name}): account '${trail.account}' is not an AWS account id; expected 12 digits`);
      }
      if (trail.multiRegion === false && trail.region === undefined) {
        throw new Error(`externalTrails[${i}] (${trail.name}): multiRegion is false but region was not given; expected the region the trail records`);
      }
      if (trail.organizationTrail === false && trail.account === undefined) {
        throw new Error(`externalTrails[${i}] (${trail.name}): organizationTrail is false but account was not given; expected the 12-digit account the trail records`);
      }
    }
  }

  /**
   * Checks the whole app the first time it visits a construct of it.
   *
   * @param node the construct visited; the checks look at the whole tree it belongs to
   */
  public visit(node: IConstruct): void {
    const root = node.node.root;
    if (this.checkedRoots.has(root)) return;
    this.checkedRoots.add(root);
    new CheckRun(root, this.externalTrails).run(this.reportFileName);
  }
}

/** One run of the checks over one app. */
class CheckRun {
  private readonly acknowledgements = new Map<string, Report['acknowledgements'][number]>();
  private readonly counts = { errors: 0, warnings: 0, acknowledged: 0 };

  constructor(private readonly root: IConstruct, private readonly externalTrails: ExternalTrail[]) {}

  public run(reportFileName: string): void {
    const app = buildAppModel(this.root);
    const trails = app.trails.map(t => this.checkTrail(t));
    for (const { resource, error } of app.unreadable) {
      Validations.of(ownerOf(resource)).addWarning('CLT0', `[CLT0] The checks could not read this trail's properties (${error}); it is left out of coverage.`);
    }
    const covering: CoveringTrail[] = [
      ...app.trails.map(t => ({ label: t.model.name ?? t.resource.node.path, model: t.model })),
      ...this.externalTrails.map(t => ({ label: `${t.name} (external)`, model: this.externalModel(t, app) })),
    ];
    const functions = app.functions.map(fn => {
      const coverage = coverageOf(fn.model, covering);
      const owner = ownerOf(fn.resource);
      const findings = FUNCTION_RULES.flatMap(rule => this.finding(rule, owner, () => rule.check(fn.model, coverage)));
      return {
        path: owner.node.path,
        arn: printable(fn.model.arn),
        account: printable(fn.model.account),
        region: printable(fn.model.region),
        status: coverage.status,
        recordedBy: coverage.recordedBy,
        findings,
      } as ReportEntry;
    });
    const stage = Stage.isStage(this.root) ? this.root : undefined;
    if (stage) {
      writeReport(stage.outdir, reportFileName, {
        tool: 'cdk-compliant-lambda-trail LambdaTrailChecks',
        summary: {
          trails: trails.length,
          functions: functions.length,
          functionsRecorded: functions.filter(f => f.status === 'recorded').length,
          ...this.counts,
        },
        trails,
        claimedCoverage: this.externalTrails.map(t => ({
          name: t.name,
          account: t.account ?? 'every account of the app',
          organizationTrail: t.organizationTrail ?? t.account === undefined,
          regions: t.multiRegion === false ? [t.region] : 'all',
          functions: (t.functions ?? LambdaFunctionSelection.all()).describe(),
        })),
        functions,
        acknowledgements: [...this.acknowledgements.values()],
        rules: RULES.map(({ id, level, title, explanation, fix, controls }) => ({ id, level, title, explanation, fix, controls })),
      });
    }
  }

  private checkTrail(trail: AppModel['trails'][number]): ReportEntry {
    const owner = ownerOf(trail.resource);
    const facts = { trail: trail.model, bucket: trail.bucket, bucketPolicyStatements: trail.bucketPolicyStatements, key: trail.key };
    const findings = TRAIL_RULES.flatMap(rule => this.finding(rule, owner, () => rule.check(facts)));
    return {
      path: owner.node.path,
      name: trail.model.name,
      account: printable(trail.model.account),
      region: printable(trail.model.region),
      lambdaScope: describeLambdaScope(trail.model),
      status: statusOf(findings),
      findings,
    };
  }

  /** Runs one rule; reports it on `owner` unless acknowledged. A rule that throws is reported, never fatal. */
  private finding(rule: Rule, owner: IConstruct, check: () => string | undefined): ReportFinding[] {
    let detail: string | undefined;
    let level = rule.level;
    try {
      detail = check();
    } catch (e) {
      detail = `the rule could not be evaluated (${(e as Error).message})`;
      level = FindingLevel.WARNING;
    }
    if (detail === undefined) return [];
    const message = `[${rule.id}] ${rule.title}: ${printable(detail)}. Fix: ${rule.fix}`;
    const ack = acknowledgementOf(owner, rule.id);
    const accepted = ack !== undefined && reasonIsSufficient(ack.reason);
    if (ack) {
      const key = `${ack.path}#${rule.id}`;
      if (!this.acknowledgements.has(key)) {
        this.acknowledgements.set(key, { path: ack.path, id: rule.id, reason: ack.reason, accepted });
        if (!accepted) {
          Annotations.of(ack.scope).addError(`[CLT0] The acknowledgement of ${rule.id} has the reason '${ack.reason}', under ${MIN_REASON_LENGTH} characters, so it is not accepted. Fix: say why the finding does not apply, for an auditor to read.`);
          this.counts.errors++;
        }
      }
    }
    if (accepted) {
      this.counts.acknowledged++;
    } else if (level === FindingLevel.ERROR) {
      Annotations.of(owner).addError(message);
      this.counts.errors++;
    } else {
      Validations.of(owner).addWarning(rule.id, message);
      this.counts.warnings++;
    }
    const { id, title, fix, controls } = rule;
    return [{ id, level, title, message, fix, controls, ...(accepted ? { acknowledged: { reason: ack!.reason, on: ack!.path } } : {}) }];
  }

  /** The model of a declared external trail, its function ARNs resolved in their own stacks. */
  private externalModel(trail: ExternalTrail, app: AppModel) {
    const selection = trail.functions ?? LambdaFunctionSelection.all();
    const anyStackScope = app.functions[0]?.resource ?? app.trails[0]?.resource;
    const arns = selection.functionArns.map((arn, i) => {
      if (!Token.isUnresolved(arn)) return arn;
      const scope = selection._arnScopes[i] ?? anyStackScope;
      try {
        return scope ? String(resolveSymbolically(scope, arn)) : unknownValue(arn);
      } catch {
        return unknownValue(arn);
      }
    });
    const organization = trail.organizationTrail ?? trail.account === undefined;
    return trailModelFromProperties({
      IsLogging: true,
      IsMultiRegionTrail: trail.multiRegion ?? true,
      IsOrganizationTrail: organization,
      AdvancedEventSelectors: [
        { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        toCloudFormation(selection._selectorWithArns(arns)),
      ],
    }, {
      account: trail.account ?? unknownValue(`account of ${trail.name}`),
      region: trail.region ?? unknownValue(`region of ${trail.name}`),
      partition: 'aws',
    });
  }
}

/** The construct a finding belongs on: the L2 whose default child the resource is, or the resource. */
function ownerOf(resource: IConstruct): IConstruct {
  const parent = resource.node.scope;
  return parent && parent.node.defaultChild === resource ? parent : resource;
}

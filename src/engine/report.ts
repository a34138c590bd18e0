// From the engine's judgement to the report: acknowledgements applied (and checked: CLT30, CLT31),
// statuses, counts. Every front end builds its report here, so the Aspect, the plugin and the CLI agree.
import * as fs from 'fs';
import * as path from 'path';
import { acknowledgesAnnotationOf } from './acknowledgement-ids';
import { messageOf } from './finding-message';
import {
  AcknowledgementEntry, ClaimedCoverageEntry, OtherFindingEntry, Report, REPORT_SCHEMA_VERSION, ReportFinding, ReportStatus,
} from './report-types';
import { AcknowledgementLookup, FoundAcknowledgement, Judgement, RawFinding, Subject } from './types';
import { CoverageStatus, RecorderKind } from '../model/coverage-status';
import { Judged, printable } from '../model/unknown-value';
import { MIN_REASON_LENGTH } from '../rules/acknowledgement-reason';
import { FindingLevel, RuleInfo } from '../rules/rule';
import { CHECKS_OWN_RULES, RULES } from '../rules/rule-list';

/** The report's name in the cloud assembly directory, unless LambdaTrailChecksProps.reportFileName says otherwise. */
export const DEFAULT_REPORT_FILE = 'lambda-trail-checks.json';

/** The name of this library and its version, for the report. */
export const TOOL = (() => {
  try {
    // lib/engine/report.js and src/engine/report.ts both sit two levels under the package root. A
    // literal path, so that esbuild inlines the package.json into the Config rule's bundled handler.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../package.json');
    return { name: String(pkg.name), version: String(pkg.version) };
  } catch {
    return { name: 'cdk-compliant-lambda-trail', version: '0.0.0' };
  }
})();

/** The checks' findings about acknowledgements: fixed in the acknowledgement, never acknowledged themselves. */
const UNACKNOWLEDGEABLE = new Set([CHECKS_OWN_RULES.CLT30.id, CHECKS_OWN_RULES.CLT31.id]);

/** How the app root's path is shown (its construct path is empty). */
export const APP_PATH = '(app)';

/** Whether the reason says enough to be accepted. */
export function reasonIsSufficient(reason: string): boolean {
  return reason.trim().length >= MIN_REASON_LENGTH;
}

/** The status of a trail from its findings. */
export function statusOf(findings: readonly ReportFinding[]): ReportStatus {
  const open = findings.filter(f => !f.acknowledged);
  if (open.some(f => f.level === FindingLevel.ERROR)) return ReportStatus.NON_COMPLIANT;
  if (open.length > 0) return ReportStatus.COMPLIANT_WITH_WARNINGS;
  return findings.length > 0 ? ReportStatus.COMPLIANT_WITH_ACKNOWLEDGEMENTS : ReportStatus.COMPLIANT;
}

/** Stands for the trail's ARN in a rule's `liveFix`. */
export const TRAIL_ARN = 'TRAIL_ARN';

/**
 * The fix a finding carries: in a live account the rule's `liveFix` (what to run there, naming the
 * trail the finding is about), otherwise its `fix` (what to change in the app or template).
 */
export function fixOf(rule: RuleInfo, judged: Judged, trailArn?: string): string {
  if (judged !== Judged.LIVE || !rule.liveFix) return rule.fix;
  return trailArn ? rule.liveFix.split(TRAIL_ARN).join(trailArn) : rule.liveFix;
}

/** A rule id of this library, or an id that looks like a typo of one (CTL5, clt5, LCT12). */
export function looksLikeRuleId(ruleId: string): boolean {
  const match = /^([a-z]{2,4})(\d{1,3})$/i.exec(ruleId);
  if (!match) return false;
  const letters = match[1].toUpperCase();
  return letters === 'CLT' || (letters.length === 3 && [...letters].sort().join('') === 'CLT') || editDistanceOne(letters, 'CLT');
}

function editDistanceOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++; j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) {i++;} else if (a.length < b.length) {j++;} else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

export interface BuildReportOptions {
  readonly acknowledgements: AcknowledgementLookup;
  /** `LambdaTrailChecks`, `LambdaTrailChecksPlugin`, `lambda-trail check`, `lambda-trail audit`, `lambda-trail remediate`. */
  readonly frontEnd: string;
  /**
   * What the inputs are: templates before deployment (the default) or a live account read from the
   * AWS APIs. It decides how "not known" reads and which fix each finding carries (`fixOf`).
   */
  readonly judged?: Judged;
  readonly claimedCoverage?: readonly ClaimedCoverageEntry[];
  /** The constructs' own warnings (CLT40 to CLT45) as rules: listed with the rules, and never CLT31 when they match. */
  readonly constructWarningRules?: readonly RuleInfo[];
  /** The constructs' own warnings in the app (their annotations are the constructs'; the report lists them too). */
  readonly constructWarnings?: readonly { readonly path: string; readonly ruleId: string; readonly detail: string }[];
  /** When the report is made (for tests). */
  readonly now?: Date;
}

/** Applies acknowledgements to a judgement and makes the report. */
export function buildReport(judgement: Judgement, options: BuildReportOptions): Report {
  const lookup = options.acknowledgements;
  const judged = options.judged ?? Judged.TEMPLATES;
  const findingOf = (rule: RuleInfo, level: FindingLevel, detail: string, acknowledged?: { reason: string; on: string }, trailArn?: string) =>
    reportFinding(rule, level, detail, acknowledged, judged, trailArn);
  const acknowledgements = new Map<string, AcknowledgementEntry & { found: FoundAcknowledgement }>();
  const findingsAt: { path: string; ruleId: string }[] = [];
  const otherFindings: OtherFindingEntry[] = [];

  const entryOf = (found: FoundAcknowledgement) => {
    const key = `${found.path}#${found.id}`;
    let entry = acknowledgements.get(key);
    if (!entry) {
      entry = { path: found.path || APP_PATH, id: found.id, reason: found.reason, accepted: reasonIsSufficient(found.reason), matched: false, found };
      acknowledgements.set(key, entry);
    }
    return entry;
  };

  /** The findings of a subject, with their acknowledgements; `trailArn` when the subject is a trail. */
  const apply = (subject: Subject, raw: readonly RawFinding[], trailArn?: string): ReportFinding[] =>
    raw.map(({ rule, level, detail, about }) => {
      findingsAt.push({ path: subject.path, ruleId: rule.id });
      if (about) findingsAt.push({ path: subject.path, ruleId: about });
      const found = lookup.find(subject, rule.id) ?? (about ? lookup.find(subject, about) : undefined);
      const entry = found && entryOf(found);
      if (entry) acknowledgements.set(`${found!.path}#${found!.id}`, { ...entry, matched: true });
      return findingOf(rule, level, detail, entry?.accepted ? { reason: entry.reason, on: entry.path } : undefined, trailArn);
    });

  const trails = judgement.recorders.map(recorder => {
    const findings = apply(recorder, recorder.findings, recorder.kind === RecorderKind.TRAIL ? recorder.path : undefined);
    return {
      kind: recorder.kind,
      path: recorder.path,
      ...(recorder.name ? { name: recorder.name } : {}),
      account: printable(recorder.account),
      region: printable(recorder.region),
      lambdaScope: printable(recorder.lambdaScope, judged),
      status: statusOf(findings),
      assumptions: [...recorder.assumptions],
      findings,
    };
  });
  const functions = judgement.functions.map(fn => ({
    path: fn.path,
    arn: printable(fn.arn),
    account: printable(fn.account),
    region: printable(fn.region),
    status: fn.status,
    recordedBy: [...fn.recordedBy],
    ...(fn.unknownBecause ? { unknownBecause: printable(fn.unknownBecause, judged) } : {}),
    assumptions: [...fn.assumptions],
    findings: apply(fn, fn.findings),
  }));

  // What could not be listed in an account and region (CLT0): a finding about no trail or function.
  for (const unlisted of judgement.unlisted) {
    for (const finding of apply(unlisted, unlisted.findings)) otherFindings.push({ path: unlisted.path, finding });
  }

  // The constructs' own warnings: aws-cdk-lib removes one whose id (CLT40, Annotation::CLT40) is
  // acknowledged; the checks' spellings (LambdaTrailChecks::CLT40, LambdaTrailChecks_CLT40) do not do
  // that, so they are not taken as acknowledging them (CLT31 says how to).
  const constructRules = new Map((options.constructWarningRules ?? []).map(r => [r.id, r]));
  for (const warning of options.constructWarnings ?? []) {
    const rule = constructRules.get(warning.ruleId);
    if (!rule) continue;
    findingsAt.push({ path: warning.path, ruleId: rule.id });
    const found = lookup.find({ path: warning.path, stackId: '', logicalId: '', account: '', region: '' }, rule.id);
    const entry = found && acknowledgesAnnotationOf(found.id, rule.id) ? entryOf(found) : undefined;
    if (entry) acknowledgements.set(`${found!.path}#${found!.id}`, { ...entry, matched: true });
    otherFindings.push({
      path: warning.path,
      finding: findingOf(rule, FindingLevel.WARNING, warning.detail, entry?.accepted ? { reason: entry.reason, on: entry.path } : undefined),
    });
  }

  // Every acknowledgement of this library's ids: a reason too short to accept (CLT30), or one that
  // matches no finding on its construct or below it (CLT31, which also catches typos such as CTL5).
  for (const found of lookup.all()) {
    const ruleId = found.ruleId;
    if (ruleId === undefined) continue;
    const entry = entryOf(found);
    const under = (p: string) => found.path === '' || p === found.path || p.startsWith(`${found.path}/`);
    const matched = entry.matched || findingsAt.some(f => f.ruleId === ruleId && under(f.path));
    acknowledgements.set(`${found.path}#${found.id}`, { ...entry, matched });
    if (!entry.accepted) {
      otherFindings.push({
        path: entry.path,
        finding: findingOf(CHECKS_OWN_RULES.CLT30, FindingLevel.ERROR, `the acknowledgement of ${found.id} on ${entry.path} has the reason '${found.reason}', under ${MIN_REASON_LENGTH} characters, so it is not accepted`),
      });
    }
    if (UNACKNOWLEDGEABLE.has(ruleId)) {
      otherFindings.push({
        path: entry.path,
        finding: findingOf(CHECKS_OWN_RULES.CLT31, FindingLevel.WARNING, `the acknowledgement of ${found.id} on ${entry.path} acknowledges nothing: ${ruleId} is fixed in the acknowledgement it names, not acknowledged`),
      });
      continue;
    }
    if (constructRules.has(ruleId) && !acknowledgesAnnotationOf(found.id, ruleId)) {
      otherFindings.push({
        path: entry.path,
        finding: findingOf(CHECKS_OWN_RULES.CLT31, FindingLevel.WARNING, `the acknowledgement of ${found.id} on ${entry.path} does not acknowledge the construct warning ${ruleId}: acknowledge it with '${ruleId}', the id the CDK CLI prints for it`),
      });
      continue;
    }
    const known = RULES.some(r => r.id === ruleId) || constructRules.has(ruleId);
    if (!matched && (known || looksLikeRuleId(ruleId))) {
      const hint = known ? '' : ` ('${ruleId}' is not a rule id of this library; did you mean ${closestRuleId(ruleId)}?)`;
      otherFindings.push({
        path: entry.path,
        finding: findingOf(CHECKS_OWN_RULES.CLT31, FindingLevel.WARNING, `the acknowledgement of ${found.id} on ${entry.path} matches no finding on it or below it${hint}`),
      });
    }
  }

  const all = [...trails.flatMap(t => t.findings), ...functions.flatMap(f => f.findings), ...otherFindings.map(o => o.finding)];
  const open = all.filter(f => !f.acknowledged);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { ...TOOL, frontEnd: options.frontEnd },
    generatedAt: (options.now ?? new Date()).toISOString(),
    assumptions: [...judgement.assumptions],
    status: statusOf(all),
    summary: {
      trails: trails.length,
      functions: functions.length,
      functionsRecorded: functions.filter(f => f.status === CoverageStatus.RECORDED).length,
      errors: open.filter(f => f.level === FindingLevel.ERROR).length,
      warnings: open.filter(f => f.level === FindingLevel.WARNING).length,
      acknowledged: all.length - open.length,
    },
    trails,
    claimedCoverage: [...options.claimedCoverage ?? []],
    functions,
    acknowledgements: [...acknowledgements.values()].map(({ found: _found, ...entry }) => entry),
    otherFindings,
    rules: [...RULES, ...options.constructWarningRules ?? []].map(rule => ({
      id: rule.id, level: rule.level, title: rule.title, explanation: rule.explanation, fix: fixOf(rule, judged), controls: rule.controls,
    })),
  };
}

function closestRuleId(id: string): string {
  const digits = /\d+$/.exec(id)?.[0];
  return digits && RULES.some(r => r.id === `CLT${Number(digits)}`) ? `CLT${Number(digits)}` : 'a CLT id from docs/RULES.md';
}

function reportFinding(
  rule: RuleInfo, level: FindingLevel, detail: string, acknowledged: { reason: string; on: string } | undefined, judged: Judged, trailArn?: string,
): ReportFinding {
  const text = { id: rule.id, title: rule.title, detail: printable(detail, judged), fix: fixOf(rule, judged, trailArn) };
  return {
    id: rule.id,
    level,
    title: rule.title,
    detail: text.detail,
    message: messageOf(text),
    fix: text.fix,
    controls: [...rule.controls],
    // An acknowledgement's own finding is fixed, not acknowledged.
    ...(UNACKNOWLEDGEABLE.has(rule.id) ? {} : { acknowledgeWith: rule.id }),
    ...(acknowledged ? { acknowledged } : {}),
  };
}

export function writeReport(directory: string, fileName: string, report: Report): string {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, fileName);
  fs.writeFileSync(file, JSON.stringify(report, undefined, 2));
  return file;
}

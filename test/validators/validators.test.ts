// Issue 5: what the library synthesizes passes the validators security teams run (cdk-nag packs and
// cfn-guard's Control Tower rules as policy validation plugins; cfn-lint and checkov on the templates),
// with every acknowledgement made in the construct's code; each validator flags a plain aws-cdk-lib Trail.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, IPolicyValidationPlugin } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { LIBRARY_CASES, PLAIN_TRAIL, Synthesized, synthesize, unacknowledged, ValidatorCase } from './cases';
import { cfnLint, checkov } from './tools';

jest.setTimeout(120_000);

/** The plugins, by the name each reports under in the validation report. */
const PLUGINS: Record<string, (app: App) => IPolicyValidationPlugin> = {
  'AwsSolutions': app => new AwsSolutionsChecks(app),
  'NIST.800.53.R5': app => new NIST80053R5Checks(app),
  'HIPAA.Security': app => new HIPAASecurityChecks(app),
  'PCI.DSS.321': app => new PCIDSS321Checks(app),
  'cdk-validator-cfnguard': () => new CfnGuardValidator(),
};
const allPlugins = (app: App) => Object.values(PLUGINS).map(plugin => plugin(app));

// Each case is synthesized once with every plugin; the tests below read its report and template.
const synthesized = new Map<string, Synthesized>();
function synth(c: ValidatorCase): Synthesized {
  if (!synthesized.has(c.name)) synthesized.set(c.name, synthesize(c, allPlugins));
  return synthesized.get(c.name)!;
}

describe('policy validation plugins (cdk-nag 3 packs, cfn-guard Control Tower rules)', () => {
  describe.each(LIBRARY_CASES.map(c => [c.name, c] as const))('%s', (_name, c) => {
    test.each(Object.keys(PLUGINS))('%s reports nothing unacknowledged', pluginName => {
      const { report, error } = synth(c);
      expect(unacknowledged(report, pluginName)).toEqual([]);
      expect(error).toBeUndefined();
    });

    test('the CloudFormation schema check of aws-cdk-lib reports nothing', () => {
      expect(unacknowledged(synth(c).report, 'CloudFormation Validate')).toEqual([]);
    });

    test('every acknowledgement carries a specific reason', () => {
      for (const pluginReport of synth(c).report.pluginReports) {
        for (const suppressed of pluginReport.suppressedViolations ?? []) {
          expect(suppressed.reason.length).toBeGreaterThan(60);
        }
      }
    });
  });

  test('the library\'s own resources are clean: only the test\'s resources are acknowledged by the test', () => {
    for (const c of LIBRARY_CASES) {
      for (const pluginReport of synth(c).report.pluginReports) {
        for (const suppressed of pluginReport.suppressedViolations ?? []) {
          // Acknowledgements made inside the construct (path .../Trail/...) or on the test's own resources.
          expect(suppressed.acknowledgedAt).toMatch(new RegExp(`^${c.name}/(Trail(/|$)|Monitoring(/|$)|Rule(/|$)|MemberRole(/|$)|UserKey|UserBucket|ReplicaBucket|ReplicaKey|Function)`));
        }
      }
    }
  });

  test.each(Object.keys(PLUGINS))('%s flags a plain aws-cdk-lib Trail', pluginName => {
    const { report, error } = synth(PLAIN_TRAIL);
    expect(unacknowledged(report, pluginName)).not.toEqual([]);
    expect(error).toBeDefined(); // aws-cdk-lib fails synthesis when a plugin reports a violation
  });
});

/** Every case's template in one directory (library/), and the negative controls' in another (plain/). */
function templatesDirectory(): { root: string; library: string[]; plain: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-templates-'));
  const copy = (folder: string, s: Synthesized) => {
    fs.mkdirSync(path.join(root, folder), { recursive: true });
    const target = path.join(root, folder, path.basename(s.templatePath));
    fs.copyFileSync(s.templatePath, target);
    return target;
  };
  return {
    root,
    library: LIBRARY_CASES.map(c => copy('library', synth(c))),
    plain: [copy('plain', synth(PLAIN_TRAIL)), copy('plain', synth(PLAIN_TRAIL_WITH_SCHEMA_ERROR))],
  };
}

/**
 * cfn-lint checks templates against the CloudFormation schema, not security posture: a plain Trail is a
 * valid template. Its negative control is a plain Trail with a property the schema rejects (IsLogging must
 * be a boolean), which a deployment would reject too.
 */
const PLAIN_TRAIL_WITH_SCHEMA_ERROR: ValidatorCase = {
  name: 'PlainTrailWithSchemaError',
  build: stack => {
    PLAIN_TRAIL.build(stack);
    (stack.node.findChild('Plain').node.defaultChild as CfnTrail).addPropertyOverride('IsLogging', ['yes']);
  },
};

describe('template validators (cfn-lint, checkov)', () => {
  let templates: ReturnType<typeof templatesDirectory>;
  beforeAll(() => { templates = templatesDirectory(); });

  test('cfn-lint finds no error and no warning in what the library synthesizes', () => {
    const findings = cfnLint(templates.library).map(m => `${path.basename(m.Filename)} ${m.Level} ${m.Rule.Id}: ${m.Message}`);
    expect(findings).toEqual([]);
  });

  test('cfn-lint flags a plain Trail with a schema error', () => {
    const errors = cfnLint(templates.plain).filter(m => m.Level === 'Error');
    expect(errors.map(m => path.basename(m.Filename))).toContain('PlainTrailWithSchemaError.template.json');
  });

  describe('checkov', () => {
    let result: ReturnType<typeof checkov>;
    beforeAll(() => { result = checkov(templates.root); });

    test('finds no failed check in what the library synthesizes', () => {
      const failed = result.failed.filter(f => f.file_path.includes('library/'))
        .map(f => `${f.file_path} ${f.resource} ${f.check_id} ${f.check_name}`);
      expect(failed).toEqual([]);
      expect(result.passed).toBeGreaterThan(0);
    });

    test('skips only what the construct skips, with a reason', () => {
      for (const skipped of result.skipped.filter(f => f.file_path.includes('library/'))) {
        expect(skipped.resource).toMatch(/TrailAccessLogsBucket|UserBucket|ReplicaBucket|Function|MonitoringProbe|RuleFunction|RuleLogGroup|RuleConfigInvokePermission|RuleReportAccessLogsBucket/);
        expect(skipped.suppress_comment?.length ?? 0).toBeGreaterThan(60);
      }
    });

    test('flags a plain Trail', () => {
      const failed = result.failed.filter(f => f.file_path.endsWith('/PlainTrail.template.json')).map(f => f.check_id);
      expect(failed).toEqual(expect.arrayContaining(['CKV_AWS_35']));
    });
  });
});

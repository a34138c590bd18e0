// The command line without AWS: flags, inputs (JSON, YAML, cloud assemblies), the summary, exit codes,
// and the acknowledgements file. Bad flags and unreadable files exit 2 with a message that names them.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// The root's aws-cdk-lib, the copy the linked library loads.
// eslint-disable-next-line import/no-extraneous-dependencies
import { App, Fn, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
// eslint-disable-next-line import/no-extraneous-dependencies
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
// eslint-disable-next-line import/no-extraneous-dependencies
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CompliantLambdaTrail, CostLimitedLambdaTrail, LambdaFunctionSelection } from 'cdk-compliant-lambda-trail';
import { FIXTURES } from './helpers';
import { expectValidReport } from './report-schema';
import { cli, ruleIds } from './run-cli';
import { USAGE } from '../src/cli-args';

const fixture = (name: string) => path.join(FIXTURES, `${name}.json`);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-cli-'));

describe('bad flags and unreadable input: exit 2 and a message naming them', () => {
  test('no command: the usage on stderr, exit 2', async () => {
    const run = await cli([]);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(`lambda-trail: no command given; expected check, audit, remediate or verify\n\n${USAGE}\n`);
  });

  test.each([
    [['frobnicate'], /unknown command 'frobnicate'; expected check, audit, remediate or verify/],
    [['remediate'], /remediate: --trail is required; expected the name or ARN of the trail to change/],
    [['remediate', '--trail', 't', '--all', '--only', 'orders'], /remediate: --all and --only contradict each other/],
    [['remediate', '--trail', 't', '--only', ' , '], /--only is empty; expected a comma-separated list of function names or ARNs/],
    [['remediate', '--trail', 'arn:aws:cloudtrail:us-east-1:111111111111:main'], /--trail 'arn:aws:cloudtrail:us-east-1:111111111111:main' is not a trail ARN/],
    [['remediate', '--trail', 't', '--format', 'sarif'], /remediate: --format 'sarif' is not a format of remediate; expected summary or json/],
    [['remediate', '--trail', 't', '--strict'], /remediate: Unknown option '--strict'/],
    [['remediate', 'main'], /remediate: unexpected argument 'main'; name the trail with --trail NAME\|ARN/],
    [['remediate', '--trail', 't', '--region', 'mars'], /--region 'mars' is not an AWS region/],
    [['check'], /check: no input given; expected a cdk.out directory or CloudFormation template files/],
    [['check', '/nonexistent/template.json'], /check: cannot read \/nonexistent\/template.json \(ENOENT\); expected a CloudFormation template file/],
    [['check', fixture('compliant'), '--format', 'xml'], /--format 'xml' is not a format; expected one of summary, json, sarif/],
    [['check', fixture('compliant'), '--frobnicate'], /check: Unknown option '--frobnicate'/],
    [['check', fixture('compliant'), '--account', '12345'], /--account '12345' is not an AWS account id; expected 12 digits/],
    [['check', fixture('compliant'), '--parameter', 'novalue'], /--parameter 'novalue' is not NAME=VALUE/],
    [['audit', '--organization'], /--organization needs --role-name/],
    [['audit', '--role-name', 'Audit'], /--role-name Audit is only used with --organization/],
    [['audit', '--concurrency', '0'], /--concurrency '0' is not a whole number from 1 to 64/],
    [['audit', '--endpoint-url', 'localhost:5000'], /--endpoint-url 'localhost:5000' is not an http\(s\) URL/],
    [['audit', '--regions', 'us-east-1,moon-1'], /--regions 'moon-1' is not an AWS region/],
    [['audit', 'extra'], /audit: unexpected argument 'extra'/],
    [['check', fixture('compliant'), '--acknowledgements', '/nonexistent/ack.json'], /--acknowledgements \/nonexistent\/ack.json: cannot read the file/],
  ])('%j', async (args, message) => {
    const run = await cli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message as RegExp);
    expect(run.stderr).toMatch(/^lambda-trail: /);
  });

  test('a file that is not a template', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "x" }');
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'Resources: [unclosed');
    expect((await cli(['check', path.join(dir, 'package.json')])).stderr).toMatch(/package.json has no Resources section; expected a CloudFormation template/);
    expect((await cli(['check', path.join(dir, 'broken.yaml')])).stderr).toMatch(/broken.yaml is not valid YAML/);
    expect((await cli(['check', dir])).stderr).toMatch(/is a directory without manifest.json; expected a cdk.out directory/);
  });

  test.each([
    ['{ nope', /not JSON/],
    ['{ "acks": [] }', /expected an object with an "acknowledgements" array/],
    ['[{ "resource": "arn:aws:cloudtrail:us-east-1:111111111111:trail/t", "rule": "CLT3" }]', /entry 0: "reason" is undefined; expected a non-empty string/],
    ['[{ "resource": "x", "rule": "NAG5", "reason": "a long enough reason" }]', /entry 0: "rule" is 'NAG5'; expected a rule id of this tool such as CLT3/],
  ])('acknowledgements file %s', async (content, message) => {
    const file = path.join(tmp(), 'ack.json');
    fs.writeFileSync(file, content);
    const run = await cli(['check', fixture('compliant'), '--acknowledgements', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('exit codes', () => {
  test('0 when compliant', async () => expect((await cli(['check', fixture('compliant')])).code).toBe(0));
  test('1 on an unacknowledged error', async () => expect((await cli(['check', fixture('no-kms')])).code).toBe(1));
  test('0 on warnings only; 1 with --strict', async () => {
    expect((await cli(['check', fixture('single-region')])).code).toBe(0);
    expect((await cli(['check', fixture('single-region'), '--strict'])).code).toBe(1);
  });
  test('0 when the error is acknowledged; a short reason is itself an error (CLT30)', async () => {
    const dir = tmp();
    // Where the template deploys: its policies name the account, which CLT14 needs to know.
    const env = ['--account', '111111111111', '--region', 'us-east-1'];
    const resource = `${fixture('no-kms')}/Trail`;
    fs.writeFileSync(path.join(dir, 'good.json'), JSON.stringify([{ resource, rule: 'CLT5', reason: 'Logs are encrypted with SSE-S3 by decision ADR-12' }]));
    fs.writeFileSync(path.join(dir, 'short.json'), JSON.stringify([{ resource, rule: 'CLT5', reason: 'ok' }]));
    fs.writeFileSync(path.join(dir, 'stale.json'), JSON.stringify([{ resource, rule: 'CLT6', reason: 'Validation is done by the log archive' }]));
    const good = await cli(['check', fixture('no-kms'), ...env, '--acknowledgements', path.join(dir, 'good.json'), '--format', 'json']);
    expect([good.code, ruleIds(good.json())]).toEqual([0, ['CLT5 (acknowledged)']]);
    const short = await cli(['check', fixture('no-kms'), ...env, '--acknowledgements', path.join(dir, 'short.json'), '--format', 'json']);
    expect([short.code, ruleIds(short.json())]).toEqual([1, ['CLT30', 'CLT5']]);
    const stale = await cli(['check', fixture('no-kms'), ...env, '--acknowledgements', path.join(dir, 'stale.json'), '--format', 'json']);
    expect([stale.code, ruleIds(stale.json())]).toEqual([1, ['CLT31 (warning)', 'CLT5']]);
    for (const run of [good, short, stale]) expectValidReport(run.json());
  });
});

test('the summary names each trail, its status, scope, findings and fixes, and the totals', async () => {
  const run = await cli(['check', fixture('basic-read-only'), '--account', '111111111111', '--region', 'us-east-1']);
  expect(run.stdout).toContain(`lambda-trail check: ${fixture('basic-read-only')}`);
  expect(run.stdout).toContain(`  trail ${fixture('basic-read-only')}/Trail (111111111111/us-east-1) [non-compliant] records Lambda invocations of: ReadOnly events of [arn:aws:lambda]`);
  expect(run.stdout).toMatch(/\n {6}ERROR \[CLT2\] Lambda data events are read-only or write-only: .*\n {8}fix: Remove the readOnly field selector/);
  expect(run.stdout).toMatch(/\n1 trail, 0 functions \(0 recorded\): 3 errors, 0 warnings, 0 acknowledged.\n$/);
  expect(run.stderr).toBe('');
});

test('--format json prints the report', async () => {
  const report = (await cli(['check', fixture('cost-limited'), '--account', '111111111111', '--region', 'us-east-1', '--format', 'json'])).json();
  expect(report.tool.frontEnd).toBe('lambda-trail check');
  expect(report.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
  expect(report.trails[0].findings[0]).toEqual(expect.objectContaining({ id: 'CLT3', level: 'warning', acknowledgeWith: 'CLT3' }));
});

test('a YAML template with short-form intrinsics means what its JSON twin means', async () => {
  const file = path.join(tmp(), 'trail.yaml');
  fs.writeFileSync(file, `AWSTemplateFormatVersion: 2010-09-09
Resources:
  Logs:
    Type: AWS::S3::Bucket
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: !Sub '\${AWS::StackName}-trail'
      IsLogging: true
      S3BucketName: !Ref Logs
      KMSKeyId: !GetAtt Key.Arn
      EventSelectors:
        - ReadWriteType: ReadOnly
          DataResources:
            - Type: AWS::Lambda::Function
              Values: [ !Sub 'arn:\${AWS::Partition}:lambda' ]
  Key:
    Type: AWS::KMS::Key
`);
  const yaml = (await cli(['check', file, '--format', 'json'])).json();
  const ids = ruleIds(yaml);
  expect(ids).toEqual(expect.arrayContaining(['CLT1', 'CLT2', 'CLT6', 'CLT10']));
  expect(yaml.trails[0].lambdaScope).toBe('ReadOnly events of [arn:aws:lambda]');
});

describe('a YAML template as CloudFormation reads it: YAML 1.1 booleans are booleans', () => {
  const template = (isLogging: string) => `AWSTemplateFormatVersion: 2010-09-09
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: yaml-trail
      IsLogging: ${isLogging}
      EnableLogFileValidation: yes
      IsMultiRegionTrail: ON
      IncludeGlobalServiceEvents: Yes
      S3BucketName: logs-of-another-team
      KMSKeyId: arn:aws:kms:us-east-1:111111111111:key/1
      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111111111111:log-group:trail
      AdvancedEventSelectors:
        - FieldSelectors:
            - { Field: eventCategory, Equals: [Management] }
        - FieldSelectors:
            - { Field: eventCategory, Equals: [Data] }
            - { Field: resources.type, Equals: ["AWS::Lambda::Function"] }
            - { Field: readOnly, Equals: [no] }
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
`;
  const check = async (isLogging: string) => {
    const file = path.join(tmp(), 'trail.yaml');
    fs.writeFileSync(file, template(isLogging));
    return (await cli(['check', file, '--account', '111111111111', '--region', 'us-east-1', '--format', 'json'])).json();
  };

  // Every setting is a YAML 1.1 word (yes, ON, Yes) and readOnly Equals [no] is readOnly "false": write events only (CLT2).
  test.each(['off', 'Off', 'OFF', 'no', 'No', 'NO'])('IsLogging: %s is false: the trail is not logging (CLT7), and nothing is undecided', async word => {
    const report = await check(word);
    expect(ruleIds(report)).toEqual(['CLT2', 'CLT20', 'CLT7']);
  });

  test.each(['on', 'On', 'ON', 'yes', 'Yes', 'YES', 'true'])('IsLogging: %s is true: the trail logs, write-only (CLT2)', async word => {
    const report = await check(word);
    expect(ruleIds(report)).toEqual(['CLT2']);
    expect(report.functions.map((f: any) => f.status)).toEqual(['recorded']);
  });

  test.each(["'off'", '"yes"', 'n', 'y', 'oFF'])('IsLogging: %s is a string (quoted, a single letter, mixed case): whether the trail logs is undecided (CLT0 naming CLT7)', async word => {
    const report = await check(word);
    expect(report.trails[0].findings.map((f: any) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^\[CLT0\] .*could not decide CLT7/)]));
    expect(report.functions.map((f: any) => f.status)).toEqual(['unknown']);
  });
});

test('a cloud assembly: stages, nested stacks, and the acknowledgements recorded in it', async () => {
  const outdir = tmp();
  const app = new App({ outdir });
  const stage = new Stage(app, 'Prod');
  const stack = new Stack(stage, 'Audit', { env: { account: '111111111111', region: 'us-east-1' } });
  const functions = new NestedStack(stack, 'Functions');
  const charge = new lambda.Function(functions, 'Charge', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1;') });
  const trail = new CostLimitedLambdaTrail(stack, 'LambdaTrail', { functions: LambdaFunctionSelection.only([charge]) });
  Validations.of(trail).acknowledge({ id: 'CLT3', reason: 'Backout plan approved in change CHG-1042' });
  const other = new Stack(app, 'Other', { env: { account: '111111111111', region: 'us-east-1' } });
  new CompliantLambdaTrail(other, 'LambdaTrail');
  app.synth();

  const run = await cli(['check', outdir, '--format', 'json']);
  const report = run.json();
  expect(report.trails.map((t: any) => [t.path, t.status]).sort()).toEqual([
    ['Other/LambdaTrail', 'compliant'],
    ['Prod/Audit/LambdaTrail', 'compliant-with-acknowledgements'],
  ]);
  expect(report.functions.map((f: any) => [f.path, f.status])).toEqual([['Prod/Audit/Functions/Charge', 'recorded']]);
  expect(run.code).toBe(0);
  const sarif = (await cli(['check', outdir, '--format', 'sarif'])).json();
  const [result] = sarif.runs[0].results;
  expect(result.suppressions[0].justification).toMatch(/^Backout plan approved in change CHG-1042/);
  expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/assembly-Prod\/ProdAudit[0-9A-F]*\.template\.json$/);
});

describe('the stack name of a template file is unknown unless --stack-name gives it', () => {
  // A SAM template whose trail records only the functions of the stack named `limited`: whether it
  // records them depends on the name the template is deployed as, which its file name does not tell.
  const LIMITED_PREFIX = 'arn:aws:lambda:us-east-1:111111111111:function:limited-';
  const limitedSam = `AWSTemplateFormatVersion: 2010-09-09
Transform: AWS::Serverless-2016-10-31
Resources:
  Named:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub "\${AWS::StackName}-named"
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 1;"
  Generated:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => 1;"
  Logs:
    Type: AWS::S3::Bucket
  # What CloudTrail needs to deliver (without it the trail records nothing: CLT14).
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: cloudtrail.amazonaws.com }, Action: "s3:GetBucketAcl", Resource: !GetAtt Logs.Arn }
          - { Effect: Allow, Principal: { Service: cloudtrail.amazonaws.com }, Action: "s3:PutObject", Resource: !Sub "\${Logs.Arn}/AWSLogs/\${AWS::AccountId}/*" }
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: true
      S3BucketName: !Ref Logs
      AdvancedEventSelectors:
        - FieldSelectors:
            - { Field: eventCategory, Equals: [Management] }
        - FieldSelectors:
            - { Field: eventCategory, Equals: [Data] }
            - { Field: resources.type, Equals: ["AWS::Lambda::Function"] }
            - { Field: resources.ARN, StartsWith: ["${LIMITED_PREFIX}"] }
`;
  const env = ['--account', '111111111111', '--region', 'us-east-1'];
  const limitedYaml = () => {
    const file = path.join(tmp(), 'limited.yaml');
    fs.writeFileSync(file, limitedSam);
    return file;
  };
  const coverage = (report: any) => report.functions.map((f: any) => [f.path.split('/').pop(), f.status]).sort();

  test('without --stack-name, functions named after the stack are unknown, never recorded, whatever the file is called', async () => {
    const file = limitedYaml();
    const run = await cli(['check', file, ...env, '--format', 'json']);
    const report = run.json();
    expect(coverage(report)).toEqual([['Generated', 'unknown'], ['Named', 'unknown']]);
    const named = report.functions.find((f: any) => f.path.endsWith('/Named'));
    expect(named.arn).toBe(`arn:aws:lambda:us-east-1:111111111111:function:<AWS::StackName of ${file} (--stack-name)>-named`);
    expect(named.findings.map((f: any) => f.id)).toEqual(['CLT21']);
    expect(report.summary).toEqual(expect.objectContaining({ functions: 2, functionsRecorded: 0 }));
    expect(report.assumptions.join('\n')).not.toMatch(/limited/);
    expectValidReport(report);
  });

  test('--stack-name gives it: recorded under the name the trail selects, outside its scope under another', async () => {
    const file = limitedYaml();
    const limited = (await cli(['check', file, ...env, '--stack-name', 'limited', '--format', 'json'])).json();
    expect(coverage(limited)).toEqual([['Generated', 'recorded'], ['Named', 'recorded']]);
    expect(limited.functions.find((f: any) => f.path.endsWith('/Named')).arn).toBe(`${LIMITED_PREFIX}named`);
    expect(limited.assumptions).toContain(`${file} is judged as deployed as the stack limited (--stack-name): AWS::StackName and the names CloudFormation generates from it are judged with that name.`);
    expectValidReport(limited);
    const other = (await cli(['check', file, ...env, '--stack-name', 'payments', '--format', 'json'])).json();
    expect(coverage(other)).toEqual([['Generated', 'outside-scope'], ['Named', 'outside-scope']]);
  });

  test('a cloud assembly keeps the stack names its manifest gives', async () => {
    const outdir = tmp();
    const app = new App({ outdir });
    // The template file is Prod.template.json; the stack's name is `limited`.
    const stack = new Stack(app, 'Prod', { stackName: 'limited', env: { account: '111111111111', region: 'us-east-1' } });
    new lambda.CfnFunction(stack, 'Named', {
      functionName: Fn.sub('${AWS::StackName}-named'),
      role: 'arn:aws:iam::111111111111:role/service-role/named',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      code: { zipFile: 'exports.handler = async () => 1;' },
    });
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      isMultiRegionTrail: true,
      s3BucketName: 'logs',
      advancedEventSelectors: [
        { fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }] },
        { fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] }, { field: 'resources.ARN', startsWith: [LIMITED_PREFIX] }] },
      ],
    });
    app.synth();
    const report = (await cli(['check', outdir, '--format', 'json'])).json();
    expect(report.functions.map((f: any) => [f.path, f.arn, f.status])).toEqual([['Prod/Named', `${LIMITED_PREFIX}named`, 'recorded']]);

    const run = await cli(['check', outdir, '--stack-name', 'limited']);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(`lambda-trail: check: --stack-name limited was given with the cloud assembly ${outdir}, whose manifest names its stacks; expected one template file with --stack-name, or the cloud assembly without it\n`);
  });

  test.each([
    [[fixture('compliant'), fixture('no-kms'), '--stack-name', 'audit'], /^lambda-trail: check: --stack-name names the stack of one template file, but 2 inputs were given; expected exactly one template/],
    [[fixture('compliant'), '--stack-name', '1audit'], /^lambda-trail: --stack-name '1audit' is not a CloudFormation stack name; expected a letter, then letters, digits and hyphens/],
    [[fixture('compliant'), '--stack-name', 'audit_trail'], /--stack-name 'audit_trail' is not a CloudFormation stack name/],
    [[fixture('compliant'), '--stack-name', 'a'.repeat(129)], /is not a CloudFormation stack name; .*at most 128 characters/],
  ])('check %j: exit 2', async (args, message) => {
    const run = await cli(['check', ...args as string[]]);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toMatch(message as RegExp);
  });
});

test('--help and --version', async () => {
  const help = await cli(['--help']);
  expect([help.code, help.stdout, help.stderr]).toEqual([0, expect.stringMatching(/^Usage: lambda-trail <command> \[flags\]/), '']);
  expect(await cli(['help'])).toEqual(expect.objectContaining({ code: 0, stdout: help.stdout, stderr: '' }));
  expect(await cli(['-h'])).toEqual(expect.objectContaining({ code: 0, stdout: help.stdout, stderr: '' }));
  expect((await cli(['audit', '--help'])).stdout).toMatch(/--organization/);
  expect((await cli(['remediate', '--help'])).stdout).toMatch(/--only F1,F2/);
  expect((await cli(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
});

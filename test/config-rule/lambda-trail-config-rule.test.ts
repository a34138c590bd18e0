// LambdaTrailConfigRule: the AWS Config custom rule it synthesizes (triggers, scope, the function,
// its permission for AWS Config, its role), its organization rule and member role, and its checks of the props at synth.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CompliantLambdaTrail, LambdaTrailChecks, LambdaTrailConfigRule, LambdaTrailConfigRuleMemberRole, LambdaTrailConfigRuleMemberRoleProps,
  LambdaTrailConfigRuleProps,
} from '../../src';
import { LambdaTrailError } from '../../src/errors';

const ENV = { account: '111111111111', region: 'us-east-1' };

function synth(props?: LambdaTrailConfigRuleProps): Template {
  const stack = new Stack(new App(), 'TestStack', { env: ENV });
  new LambdaTrailConfigRule(stack, 'Rule', props);
  return Template.fromStack(stack);
}

function thrown(props: LambdaTrailConfigRuleProps): LambdaTrailError {
  try {
    synth(props);
  } catch (error) {
    return error as LambdaTrailError;
  }
  throw new Error('expected an error');
}

const fnArn = (name: string) => `arn:aws:lambda:us-east-1:111111111111:function:${name}`;

describe('the rule', () => {
  test('a custom Lambda rule on changes of trails and functions and every 24 hours, scoped to those types', () => {
    const template = synth();
    template.resourceCountIs('AWS::Config::ConfigRule', 1);
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      Scope: { ComplianceResourceTypes: ['AWS::CloudTrail::Trail', 'AWS::Lambda::Function'] },
      Source: {
        Owner: 'CUSTOM_LAMBDA',
        SourceIdentifier: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RuleFunction'), 'Arn'] },
        SourceDetails: [
          { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
          { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
          { EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: 'TwentyFour_Hours' },
        ],
      },
    });
  });

  test.each([
    [1, 'One_Hour'], [3, 'Three_Hours'], [6, 'Six_Hours'], [12, 'Twelve_Hours'], [24, 'TwentyFour_Hours'],
  ])('frequency Duration.hours(%d) is %s', (hours, name) => {
    synth({ frequency: Duration.hours(hours) }).hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { SourceDetails: Match.arrayWith([{ EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: name }]) },
    });
  });

  test('frequency in minutes is the same period: Duration.minutes(180) is Three_Hours', () => {
    synth({ frequency: Duration.minutes(180) }).hasResourceProperties('AWS::Config::ConfigRule', {
      Source: { SourceDetails: Match.arrayWith([Match.objectLike({ MaximumExecutionFrequency: 'Three_Hours' })]) },
    });
  });

  test.each([
    [Duration.hours(2), '2 hours'], [Duration.minutes(30), '30 minutes'], [Duration.days(2), '2 days'],
  ])('fails when frequency is %s', (frequency, shown) => {
    const error = thrown({ frequency });
    expect([error.code, error.message]).toEqual(['InvalidFrequency', `frequency is ${shown}; expected Duration.hours(1), (3), (6), (12) or (24), the periods AWS Config runs a rule at`]);
  });

  test('AWS Config may invoke the function, only for this account, before the rule is created', () => {
    const template = synth();
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'config.amazonaws.com',
      SourceAccount: '111111111111',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RuleFunction'), 'Arn'] },
    });
    const [permission] = Object.keys(template.findResources('AWS::Lambda::Permission'));
    template.hasResource('AWS::Config::ConfigRule', { DependsOn: Match.arrayWith([permission]) });
  });

  test('configRuleName names the rule', () => {
    synth({ configRuleName: 'lambda-invocations-recorded' }).hasResourceProperties('AWS::Config::ConfigRule', { ConfigRuleName: 'lambda-invocations-recorded' });
  });
});

describe('the function', () => {
  test('the pre-bundled handler on Node.js 22, 512 MB, 5 minutes, logging to its own log group', () => {
    const template = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 300,
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^RuleLogGroup') } },
      Code: { S3Bucket: Match.anyValue(), S3Key: Match.stringLikeRegexp('\\.zip$') },
    });
  });

  test('its log group keeps a year by default, encrypted with a rotated key, and is retained', () => {
    const template = synth();
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RuleLogKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    synth({ logRetention: logs.RetentionDays.THREE_MONTHS }).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  test('the asset is the handler built from the sources, with the engine and the AWS SDK bundled in', () => {
    const bundle = fs.readFileSync(path.join(__dirname, '..', '..', 'assets', 'config-rule-handler', 'index.js'), 'utf8');
    expect(bundle).toContain('PutEvaluationsCommand');
    expect(bundle).toContain('AWS::::Account');
    // The organization rule's member access (cli/src/config-rule/member-access.ts).
    expect(bundle).toContain('LAMBDA_TRAIL_MEMBER_ROLE_NAME');
    // No require of the package: the engine is in the bundle.
    expect(bundle).not.toMatch(/require\("cdk-compliant-lambda-trail/);
    // The report's tool version: the library's package.json is inlined (at run time in Lambda there is
    // no package.json two levels above the handler, and the report would say 0.0.0).
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(bundle).toContain(JSON.stringify(pkg.description));
  });
});

describe('the role', () => {
  const auditPolicy = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'iam', 'lambda-trail-audit-policy.json'), 'utf8'));
  const auditActions = auditPolicy.Statement.flatMap((s: any) => [s.Action].flat());

  test('exactly the audit\'s read calls in one account, AWS Config\'s evaluation calls, and its own logs', () => {
    const template = synth();
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')) as any[];
    expect(policies).toHaveLength(1);
    const actions = policies[0].Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat());
    // The organization's calls (listing accounts, assuming the member role) are not made in one account.
    const singleAccount = auditActions.filter((a: string) => a !== 'organizations:ListAccounts' && a !== 'sts:AssumeRole');
    expect(new Set(actions)).toEqual(new Set([...singleAccount, 'config:PutEvaluations', 'config:GetComplianceDetailsByConfigRule', 'config:ListDiscoveredResources', 'logs:CreateLogStream', 'logs:PutLogEvents']));
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  test('with reports: the same, and s3:PutObject on the report prefix and kms:GenerateDataKey on the report key, nothing else', () => {
    const template = synth({ reports: true });
    const statements = (Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0] as any).Properties.PolicyDocument.Statement;
    const withoutReports = (Object.values(synth().findResources('AWS::IAM::ManagedPolicy'))[0] as any).Properties.PolicyDocument.Statement;
    expect(statements.slice(0, withoutReports.length)).toEqual(withoutReports);
    expect(statements.slice(withoutReports.length)).toEqual([
      {
        Sid: 'WriteRunReports',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^RuleReportBucket[0-9A-F]{8}$/), 'Arn'] }, '/lambda-trail-reports/*']] },
      },
      { Sid: 'EncryptRunReports', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^RuleReportKey/), 'Arn'] } },
    ]);
  });

  test('bucket and key reads on bucket and key ARNs only; logs on its own log group only', () => {
    const statements = (Object.values(synth().findResources('AWS::IAM::ManagedPolicy'))[0] as any).Properties.PolicyDocument.Statement;
    const resourcesOf = (sid: string) => statements.find((s: any) => s.Sid === sid).Resource;
    expect(resourcesOf('ReadTrailBuckets')).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] });
    expect(resourcesOf('ReadTrailKeys')).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:*:*:key/*']] });
    expect(resourcesOf('WriteOwnLogs')).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^RuleLogGroup/), 'Arn'] }, ':*']] });
  });
});

describe('reports', () => {
  const environmentOf = (template: Template) => (Object.values(template.findResources('AWS::Lambda::Function'))[0] as any).Properties.Environment?.Variables;

  test('off by default: no bucket, no key but the log group\'s, nothing in the environment', () => {
    const template = synth();
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(environmentOf(template)).toBeUndefined();
  });

  test('reports: true creates a bucket: SSE-KMS with a rotated key of its own, versioned, public access blocked, server access logs, retained', () => {
    const template = synth({ reports: true });
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RuleReportKey'), 'Arn'] } },
            BucketKeyEnabled: true,
          }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^RuleReportAccessLogsBucket') }, LogFilePrefix: 'report-bucket/' },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, Description: 'LambdaTrailConfigRule: encrypts the JSON reports of the rule\'s runs' },
      DeletionPolicy: 'Retain',
    });
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }),
      DeletionPolicy: 'Retain',
    });
  });

  test('the report bucket accepts TLS requests only', () => {
    const template = synth({ reports: true });
    const [bucketId] = Object.keys(template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: Match.anyValue(), LoggingConfiguration: Match.anyValue() } }));
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  test('the function gets the bucket and prefix in its environment', () => {
    const template = synth({ reports: true, reportPrefix: 'evidence/lambda/' });
    expect(environmentOf(template)).toEqual({
      LAMBDA_TRAIL_REPORT_BUCKET: { Ref: expect.stringMatching(/^RuleReportBucket/) },
      LAMBDA_TRAIL_REPORT_PREFIX: 'evidence/lambda/',
    });
  });

  test('a bucket the user brings: no bucket created, PutObject on its prefix, GenerateDataKey on its key', () => {
    const stack = new Stack(new App(), 'TestStack', { env: ENV });
    const key = kms.Key.fromKeyArn(stack, 'EvidenceKey', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const bucket = s3.Bucket.fromBucketAttributes(stack, 'Evidence', { bucketName: 'org-evidence', encryptionKey: key });
    const rule = new LambdaTrailConfigRule(stack, 'Rule', { reportBucket: bucket });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    expect(rule.reportBucket).toBe(bucket);
    expect(environmentOf(template)).toEqual({ LAMBDA_TRAIL_REPORT_BUCKET: 'org-evidence', LAMBDA_TRAIL_REPORT_PREFIX: 'lambda-trail-reports/' });
    const statements = (Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0] as any).Properties.PolicyDocument.Statement;
    expect(statements.filter((s: any) => s.Sid === 'WriteRunReports' || s.Sid === 'EncryptRunReports')).toEqual([
      { Sid: 'WriteRunReports', Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::org-evidence/lambda-trail-reports/*']] } },
      { Sid: 'EncryptRunReports', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    ]);
  });

  test('a bucket the user brings without its key: PutObject only', () => {
    const stack = new Stack(new App(), 'TestStack', { env: ENV });
    new LambdaTrailConfigRule(stack, 'Rule', { reportBucket: s3.Bucket.fromBucketName(stack, 'Evidence', 'org-evidence') });
    const statements = (Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))[0] as any).Properties.PolicyDocument.Statement;
    expect(statements.filter((s: any) => /Report/.test(s.Sid)).map((s: any) => s.Action)).toEqual(['s3:PutObject']);
  });

  test.each<[string, LambdaTrailConfigRuleProps, RegExp]>([
    ['reportPrefix without reports', { reportPrefix: 'evidence/' }, /^reportPrefix is 'evidence\/' and reports are off; expected reportPrefix only with reports: true or a reportBucket$/],
    ['a prefix that does not end with /', { reports: true, reportPrefix: 'evidence' }, /^reportPrefix is 'evidence'; expected a literal S3 key prefix that ends with '\/'/],
    ['a prefix that starts with /', { reports: true, reportPrefix: '/evidence/' }, /^reportPrefix is '\/evidence\/'; expected/],
    ['a prefix with a space', { reports: true, reportPrefix: 'my evidence/' }, /^reportPrefix is 'my evidence\/'; expected/],
  ])('fails when given %s', (_name, props, message) => {
    const error = thrown(props);
    expect([error.code, error.message]).toEqual(['InvalidReportOptions', expect.stringMatching(message)]);
  });

  test('fails when reports is false and a reportBucket is given', () => {
    const stack = new Stack(new App(), 'TestStack', { env: ENV });
    expect(() => new LambdaTrailConfigRule(stack, 'Rule', { reports: false, reportBucket: s3.Bucket.fromBucketName(stack, 'B', 'evidence') }))
      .toThrow(/^reports is false and reportBucket is given; expected reportBucket only with reports left unset or true/);
  });

  test('fails when the acknowledgements leave no room in the function\'s environment for the report bucket\'s name and prefix', () => {
    const entry = { resource: fnArn('batch'), rule: 'CLT21', reason: '' };
    // 4,000 bytes with the variable's name: within Lambda's 4 KB alone, not with the reports' variables.
    const reason = 'x'.repeat(4000 - 'LAMBDA_TRAIL_ACKNOWLEDGEMENTS'.length - JSON.stringify([entry]).length);
    const acknowledgements = [{ ...entry, reason }];
    expect(() => synth({ acknowledgements })).not.toThrow();
    const error = thrown({ acknowledgements, reports: true });
    expect([error.code, error.message]).toEqual(['InvalidAcknowledgements', expect.stringMatching(/^acknowledgements take 4136 bytes as the function's environment variable/)]);
  });
});

describe('acknowledgements', () => {
  const entry = { resource: fnArn('batch'), rule: 'CLT21', reason: 'Batch job, invoked by the scheduler only (RISK-88)' };
  const environmentOf = (template: Template) => (Object.values(template.findResources('AWS::Lambda::Function'))[0] as any).Properties.Environment;

  test('none: the function has no environment', () => {
    expect(environmentOf(synth())).toBeUndefined();
  });

  test('from the prop and from a file in the CLI\'s format, in the function\'s environment', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clt-rule-')), 'acknowledgements.json');
    const fromFile = { resource: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/sandbox', rule: 'CLT3', reason: 'Backout plan approved in CHG-1042' };
    fs.writeFileSync(file, JSON.stringify({ acknowledgements: [fromFile] }));
    const environment = environmentOf(synth({ acknowledgements: [entry], acknowledgementsFile: file }));
    expect(JSON.parse(environment.Variables.LAMBDA_TRAIL_ACKNOWLEDGEMENTS)).toEqual([entry, fromFile]);
  });

  test.each<[string, LambdaTrailConfigRuleProps, RegExp]>([
    ['an unknown rule id', { acknowledgements: [{ ...entry, rule: 'CTL21' }] }, /^acknowledgements: entry 0: "rule" is 'CTL21'; expected a rule id of this tool such as CLT3/],
    ['an empty resource', { acknowledgements: [{ ...entry, resource: '' }] }, /^acknowledgements: entry 0: "resource" is ""; expected a non-empty string/],
    ['a reason under 10 characters', { acknowledgements: [{ ...entry, reason: 'ok' }] }, /^acknowledgements: entry 0: "reason" is 'ok'; expected 10 characters or more that say why CLT21 does not apply to arn:aws:lambda:/],
    ['a file that does not exist', { acknowledgementsFile: '/nonexistent/acks.json' }, /^acknowledgementsFile is '\/nonexistent\/acks.json', which cannot be read \(ENOENT/],
    ['more than the function\'s environment holds', { acknowledgements: Array.from({ length: 40 }, (_, i) => ({ ...entry, resource: fnArn(`function-${i}`) })) }, /^acknowledgements take \d+ bytes as the function's environment variable LAMBDA_TRAIL_ACKNOWLEDGEMENTS; expected at most 4096/],
  ])('fails when given %s', (_name, props, message) => {
    const error = thrown(props);
    expect(error.code).toBe('InvalidAcknowledgements');
    expect(error.message).toMatch(message);
  });

  test.each([
    ['not JSON', '{ acknowledgements: ', /^acknowledgementsFile '.*' is not JSON/],
    ['no acknowledgements array', '{"acks": []}', /^acknowledgementsFile '.*': expected an object with an "acknowledgements" array \(or an array\)/],
  ])('fails when the file is %s', (_name, text, message) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clt-rule-')), 'acknowledgements.json');
    fs.writeFileSync(file, text);
    const error = thrown({ acknowledgementsFile: file });
    expect([error.code, error.message]).toEqual(['InvalidAcknowledgements', expect.stringMatching(message)]);
  });
});

test('LambdaTrailChecks pass on an app with the rule and a CompliantLambdaTrail: the rule\'s function is recorded', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-rule-checks-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Audit', { env: ENV });
  new CompliantLambdaTrail(stack, 'Trail');
  new LambdaTrailConfigRule(stack, 'Rule');
  Aspects.of(app).add(new LambdaTrailChecks());
  app.synth();
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'lambda-trail-checks.json'), 'utf8'));
  expect(report.status).toBe('compliant');
  expect(report.functions.map((f: any) => [f.path, f.status])).toEqual([['Audit/Rule/Function', 'recorded']]);
});

describe('organization', () => {
  const ORG = { organization: {} };
  const statementsOf = (template: Template) => (Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0] as any).Properties.PolicyDocument.Statement;

  test('an organization custom rule instead of the account\'s rule: the function, both change triggers and the period, scoped to trails and functions', () => {
    const template = synth({ ...ORG, frequency: Duration.hours(6) });
    template.resourceCountIs('AWS::Config::ConfigRule', 0);
    template.resourceCountIs('AWS::Config::OrganizationConfigRule', 1);
    template.hasResourceProperties('AWS::Config::OrganizationConfigRule', {
      OrganizationConfigRuleName: 'lambda-trail-config-rule',
      ExcludedAccounts: Match.absent(),
      OrganizationCustomRuleMetadata: {
        LambdaFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RuleFunction'), 'Arn'] },
        OrganizationConfigRuleTriggerTypes: ['ConfigurationItemChangeNotification', 'OversizedConfigurationItemChangeNotification', 'ScheduledNotification'],
        MaximumExecutionFrequency: 'Six_Hours',
        ResourceTypesScope: ['AWS::CloudTrail::Trail', 'AWS::Lambda::Function'],
      },
    });
  });

  test('configRuleName and excludedAccounts', () => {
    synth({ configRuleName: 'lambda-invocations-recorded', organization: { excludedAccounts: ['222222222222', '333333333333'] } })
      .hasResourceProperties('AWS::Config::OrganizationConfigRule', { OrganizationConfigRuleName: 'lambda-invocations-recorded', ExcludedAccounts: ['222222222222', '333333333333'] });
  });

  test('AWS Config may invoke the function for every account (no SourceAccount), before the organization rule is created', () => {
    const template = synth(ORG);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'config.amazonaws.com',
      SourceAccount: Match.absent(),
      PrincipalOrgID: Match.absent(),
    });
    const [permission] = Object.keys(template.findResources('AWS::Lambda::Permission'));
    template.hasResource('AWS::Config::OrganizationConfigRule', { DependsOn: Match.arrayWith([permission]) });
  });

  test('the function\'s role has a fixed name and may assume the member role of any account, and nothing else more than in one account', () => {
    const single = statementsOf(synth());
    const template = synth({ organization: { memberRoleName: 'CltMember', functionRoleName: 'CltFunction' } });
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'CltFunction' });
    const statements = statementsOf(template);
    expect(statements.filter((s: any) => s.Sid !== 'AssumeMemberRoles')).toEqual(single);
    expect(statements.find((s: any) => s.Sid === 'AssumeMemberRoles')).toEqual({
      Sid: 'AssumeMemberRoles',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/CltMember']] },
    });
    // By default one per region: the administrator stack is deployed in each region of the organization rule.
    synth(ORG).hasResourceProperties('AWS::IAM::Role', { RoleName: 'LambdaTrailConfigRuleFunction-us-east-1' });
  });

  test('the function learns the member role\'s name and its own account from its environment', () => {
    const template = synth(ORG);
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as any;
    expect(fn.Properties.Environment.Variables).toEqual({ LAMBDA_TRAIL_MEMBER_ROLE_NAME: 'LambdaTrailConfigRuleMember', LAMBDA_TRAIL_ADMINISTRATOR_ACCOUNT: '111111111111' });
  });

  test.each<[string, LambdaTrailConfigRuleProps, string]>([
    ['an excluded account that is not 12 digits', { organization: { excludedAccounts: ['222222222222', '12345'] } },
      'organization.excludedAccounts[1] is \'12345\'; expected a 12-digit AWS account id'],
    ['more than 1,000 excluded accounts', { organization: { excludedAccounts: Array.from({ length: 1001 }, (_, i) => String(100000000000 + i)) } },
      'organization.excludedAccounts has 1001 accounts; expected at most 1000 (AWS Config\'s limit on ExcludedAccounts)'],
    ['an excluded account twice', { organization: { excludedAccounts: ['222222222222', '222222222222'] } },
      'organization.excludedAccounts names 222222222222 more than once; expected each account once'],
    ['a member role name IAM rejects', { organization: { memberRoleName: 'member role' } },
      'organization.memberRoleName is \'member role\'; expected an IAM role name: 1 to 64 letters, digits or +=,.@_-'],
    ['a function role name over 64 characters', { organization: { functionRoleName: 'f'.repeat(65) } },
      `organization.functionRoleName is '${'f'.repeat(65)}'; expected an IAM role name: 1 to 64 letters, digits or +=,.@_-`],
    ['a rule name AWS Config rejects', { configRuleName: 'lambda trail', organization: {} },
      'configRuleName is \'lambda trail\' with organization; expected an organization rule name: 1 to 64 letters, digits, \'-\' or \'_\''],
  ])('fails when given %s', (_name, props, message) => {
    const error = thrown(props);
    expect([error.code, error.message]).toEqual(['InvalidConfigRuleOrganization', message]);
  });
});

describe('LambdaTrailConfigRuleMemberRole', () => {
  function member(props: LambdaTrailConfigRuleMemberRoleProps): Template {
    const stack = new Stack(new App(), 'Member', { env: { account: '222222222222', region: 'us-east-1' } });
    new LambdaTrailConfigRuleMemberRole(stack, 'MemberRole', props);
    return Template.fromStack(stack);
  }

  test('a role of a fixed name, trusted by the administrator account only when the caller is the rule function\'s role', () => {
    const template = member({ administratorAccount: '111111111111' });
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'LambdaTrailConfigRuleMember',
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
          Condition: { ArnLike: { 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:role/LambdaTrailConfigRuleFunction-*']] } } },
        }],
      },
      ManagedPolicyArns: Match.absent(),
    });
    member({ administratorAccount: '111111111111', roleName: 'CltMember', functionRoleName: 'CltFunction' }).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'CltMember',
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: { ArnLike: { 'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:role/CltFunction']] } } } })] },
    });
  });

  test('exactly the rule\'s read calls in one account and AWS Config\'s evaluation calls: the function\'s policy without its logs and the member roles', () => {
    const policies = Object.values(member({ administratorAccount: '111111111111' }).findResources('AWS::IAM::ManagedPolicy')) as any[];
    expect(policies).toHaveLength(1);
    const statements = policies[0].Properties.PolicyDocument.Statement;
    const functionStatements = (Object.values(synth({ organization: {} }).findResources('AWS::IAM::ManagedPolicy'))[0] as any).Properties.PolicyDocument.Statement;
    expect(statements).toEqual(functionStatements.filter((s: any) => s.Sid !== 'WriteOwnLogs' && s.Sid !== 'AssumeMemberRoles'));
    expect(statements.flatMap((s: any) => [s.Action].flat())).toEqual(expect.arrayContaining(['config:PutEvaluations', 'config:GetComplianceDetailsByConfigRule', 'lambda:ListFunctions']));
  });

  test.each<[string, LambdaTrailConfigRuleMemberRoleProps, string]>([
    ['an administrator account that is not 12 digits', { administratorAccount: '1111-2222-3333' }, 'administratorAccount is \'1111-2222-3333\'; expected a 12-digit AWS account id'],
    ['a role name IAM rejects', { administratorAccount: '111111111111', roleName: 'a/b' }, 'roleName is \'a/b\'; expected an IAM role name: 1 to 64 letters, digits or +=,.@_-'],
    ['a function role pattern IAM rejects', { administratorAccount: '111111111111', functionRoleName: 'role/*' },
      'functionRoleName is \'role/*\'; expected an IAM role name or a pattern of them: 1 to 64 letters, digits, +=,.@_- or the wildcards * and ?'],
  ])('fails when given %s', (_name, props, message) => {
    let error: LambdaTrailError | undefined;
    try {
      member(props);
    } catch (e) {
      error = e as LambdaTrailError;
    }
    expect([error?.code, error?.message]).toEqual(['InvalidConfigRuleOrganization', message]);
  });
});

import { App, CfnParameter, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ACCOUNT, ENV, escapeRegExp, isValidTrailName, logicalIdsOutsideMonitoring, newStack, resourceOf, synth, trailArnOf } from './util';
import { CompliantLambdaTrail, LambdaFunctionSelection } from '../../src';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';
const KEY_ID = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ORG_ID = 'o-abcdefghij';

/** Every statement of every policy document of `type` resources whose principal is CloudTrail. */
function cloudTrailStatements(template: Template, type: string, documentKey: string): any[] {
  return Object.values(template.findResources(type))
    .flatMap((resource: any) => resource.Properties[documentKey].Statement as any[])
    .filter(statement => statement.Principal?.Service === CLOUDTRAIL);
}

/** Every statement of the policies attached to a role: inline, AWS::IAM::Policy or customer managed. */
function roleStatements(template: Template, roleId: string): any[] {
  const resources = template.toJSON().Resources;
  const role = resources[roleId];
  const inline = (role.Properties.Policies ?? []).flatMap((policy: any) => policy.PolicyDocument.Statement);
  const attached = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy: any) => (policy.Properties.Roles ?? []).some((ref: any) => ref.Ref === roleId))
    .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
  const managed = (role.Properties.ManagedPolicyArns ?? [])
    .filter((arn: any) => arn.Ref && resources[arn.Ref]?.Type === 'AWS::IAM::ManagedPolicy')
    .flatMap((arn: any) => resources[arn.Ref].Properties.PolicyDocument.Statement);
  return [...inline, ...attached, ...managed];
}

/** Lifecycle rules of a bucket that delete log files (current or noncurrent versions). */
function expiringRules(bucket: any): any[] {
  return (bucket.Properties.LifecycleConfiguration?.Rules ?? []).filter((rule: any) =>
    rule.ExpirationInDays !== undefined || rule.ExpirationDate !== undefined
    || rule.NoncurrentVersionExpiration !== undefined || rule.NoncurrentVersionExpirationInDays !== undefined);
}

describe('CompliantLambdaTrail secure defaults', () => {
  let stack: Stack;
  let template: Template;
  let construct: CompliantLambdaTrail;
  let trailName: string;
  let trailArn: unknown;
  let keyId: string;
  let bucketId: string;
  let accessLogsBucketId: string;
  let logGroupId: string;

  beforeAll(() => {
    ({ stack, template } = synth(s => {
      construct = new CompliantLambdaTrail(s, 'Trail');
    }));
    trailName = resourceOf(template, 'AWS::CloudTrail::Trail', 'Trail').resource.Properties.TrailName;
    trailArn = trailArnOf(trailName);
    keyId = resourceOf(template, 'AWS::KMS::Key', 'TrailKey').logicalId;
    bucketId = resourceOf(template, 'AWS::S3::Bucket', 'TrailBucket').logicalId;
    accessLogsBucketId = resourceOf(template, 'AWS::S3::Bucket', 'TrailAccessLogsBucket').logicalId;
    logGroupId = resourceOf(template, 'AWS::Logs::LogGroup', 'TrailLogGroup').logicalId;
  });

  test('synthesizes without warnings or errors', () => {
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  describe('KMS key', () => {
    test('rotates', () => {
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    });

    test('lets CloudTrail encrypt only for trails of this account and only for this trail', () => {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([{
            Sid: Match.anyValue(),
            Effect: 'Allow',
            Principal: { Service: CLOUDTRAIL },
            Action: 'kms:GenerateDataKey*',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:SourceArn': trailArn },
              StringLike: {
                'kms:EncryptionContext:aws:cloudtrail:arn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:*:${ACCOUNT}:trail/*`]],
                },
              },
            },
          }]),
        },
      });
    });

    test('lets CloudTrail describe the key only for this trail', () => {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: CLOUDTRAIL },
            Action: 'kms:DescribeKey',
            Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
          })]),
        },
      });
    });

    test('lets the account principals decrypt log files of the account trails', () => {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:root`]] } },
            Action: Match.arrayWith(['kms:Decrypt']),
            Condition: {
              StringEquals: { 'kms:CallerAccount': ACCOUNT },
              StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': Match.anyValue() },
            },
          })]),
        },
      });
    });

    test('lets CloudWatch Logs of the region use it for log groups of the account', () => {
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
            Action: Match.arrayWith(['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*']),
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, `:${ACCOUNT}:log-group:*`]],
                },
              },
            },
          })]),
        },
      });
    });

    test('every key policy statement for CloudTrail is limited to this trail by aws:SourceArn', () => {
      const statements = cloudTrailStatements(template, 'AWS::KMS::Key', 'KeyPolicy');
      expect(statements.length).toBeGreaterThanOrEqual(2);
      for (const statement of statements) {
        expect(statement.Condition.StringEquals['aws:SourceArn']).toEqual(trailArn);
      }
    });

    test('is retained', () => {
      template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });
  });

  describe('log bucket', () => {
    test('is encrypted with the key (SSE-KMS)', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: Match.anyValue(),
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [Match.objectLike({
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
          })],
        },
      });
    });

    test.each([
      ['TrailBucket', () => bucketId],
      ['TrailAccessLogsBucket', () => accessLogsBucketId],
    ])('%s blocks all public access, is versioned, disables ACLs and is retained', (_name, logicalId) => {
      const bucket = template.toJSON().Resources[logicalId()];
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
      expect(bucket.Properties.AccessControl).toBeUndefined();
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.UpdateReplacePolicy).toBe('Retain');
    });

    test.each([
      ['TrailBucket', () => bucketId],
      ['TrailAccessLogsBucket', () => accessLogsBucketId],
    ])('%s denies requests without TLS', (_name, logicalId) => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId() },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          })]),
        },
      });
    });

    test('sends server access logs to the separate access-logs bucket', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: { DestinationBucketName: { Ref: accessLogsBucketId } },
      });
      expect(accessLogsBucketId).not.toBe(bucketId);
    });

    test('the access-logs bucket is encrypted', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: Match.absent(),
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } })],
        },
      });
    });

    test('keeps logs forever by default: no lifecycle rule deletes a log file', () => {
      const bucket = template.toJSON().Resources[bucketId];
      expect(expiringRules(bucket)).toEqual([]);
    });

    test('lets CloudTrail check the ACL of the bucket only for this trail', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: CLOUDTRAIL },
            Action: 's3:GetBucketAcl',
            Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
            Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
          })]),
        },
      });
    });

    test('lets CloudTrail write only AWSLogs/<account>/ and only for this trail', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: CLOUDTRAIL },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/AWSLogs/${ACCOUNT}/*`]] },
            Condition: { StringEquals: { 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
          })]),
        },
      });
    });

    test('every bucket policy statement for CloudTrail is limited to this trail by aws:SourceArn', () => {
      const statements = cloudTrailStatements(template, 'AWS::S3::BucketPolicy', 'PolicyDocument');
      expect(statements.length).toBeGreaterThanOrEqual(2);
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Condition.StringEquals['aws:SourceArn']).toEqual(trailArn);
      }
    });
  });

  describe('trail', () => {
    test('logs, validates log files, covers every region and global services, encrypts with the key', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        IsLogging: true,
        EnableLogFileValidation: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        KMSKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
        S3BucketName: { Ref: bucketId },
      });
    });

    test('is not an organization trail', () => {
      const trail = resourceOf(template, 'AWS::CloudTrail::Trail', 'Trail').resource;
      expect(trail.Properties.IsOrganizationTrail ?? false).toBe(false);
    });

    test('records management events and every Lambda data event with advanced selectors, and has no basic selectors', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        EventSelectors: Match.absent(),
        AdvancedEventSelectors: [
          { Name: Match.anyValue(), FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
          {
            Name: Match.anyValue(),
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] },
            ],
          },
        ],
      });
    });

    test('depends on the bucket policy, which CloudTrail checks when the trail is created', () => {
      const policyId = resourceOf(template, 'AWS::S3::BucketPolicy', 'TrailBucketPolicy').logicalId;
      template.hasResource('AWS::CloudTrail::Trail', { DependsOn: Match.arrayWith([policyId]) });
    });

    test('has no Insights by default', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { InsightSelectors: Match.absent() });
    });
  });

  describe('CloudWatch Logs', () => {
    test('delivers to a log group encrypted with the key that keeps events one year, and is retained', () => {
      template.hasResource('AWS::Logs::LogGroup', {
        Properties: { KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] }, RetentionInDays: 365 },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
        CloudWatchLogsRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailLogsRole'), 'Arn'] },
      });
    });

    test('the delivery role can be assumed by CloudTrail only', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: CLOUDTRAIL } }],
        },
      });
    });

    test('the delivery role may only create streams and put events in that log group', () => {
      const roleId = resourceOf(template, 'AWS::IAM::Role', 'TrailLogsRole').logicalId;
      expect(roleStatements(template, roleId)).toEqual([{
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
      }]);
    });
  });

  describe('trail name', () => {
    test('is valid per CloudTrail naming rules', () => {
      expect(isValidTrailName(trailName)).toBe(true);
    });

    test('is deterministic: the same in two synths', () => {
      const { template: again } = synth(s => new CompliantLambdaTrail(s, 'Trail'));
      expect(resourceOf(again, 'AWS::CloudTrail::Trail', 'Trail').resource.Properties.TrailName).toBe(trailName);
    });

    test('differs between trails of the same stack', () => {
      const { template: two } = synth(s => {
        new CompliantLambdaTrail(s, 'First');
        new CompliantLambdaTrail(s, 'Second');
      });
      const names = Object.values(two.findResources('AWS::CloudTrail::Trail')).map((r: any) => r.Properties.TrailName);
      expect(new Set(names).size).toBe(2);
    });

    test('is the name in the aws:SourceArn conditions and in the trailArn', () => {
      expect(typeof trailName).toBe('string');
      expect(stack.resolve(construct.trailArn)).toEqual(trailArn);
      expect(construct.trailName).toBe(trailName);
    });

    test.each([
      ['long ids', 'A'.repeat(200), 'B'.repeat(200)],
      ['ids with characters CloudTrail rejects', 'My_Trail.v2 (audit)', '--x--'],
      ['ids with dashes', 'Trail-', '-Audit-'],
    ])('is valid for %s', (_case, parentId, trailId) => {
      const app = new App();
      const parent = new Stack(app, 'Stack', { env: ENV });
      const trail = new CompliantLambdaTrail(new Construct(parent, parentId), trailId);
      const name = resourceOf(Template.fromStack(parent), 'AWS::CloudTrail::Trail', '').resource.Properties.TrailName;
      expect(name).toBe(trail.trailName);
      expect(isValidTrailName(name)).toBe(true);
    });
  });

  describe('exposed members', () => {
    test('trail is the CfnTrail', () => {
      expect(construct.trail).toBeInstanceOf(cloudtrail.CfnTrail);
      expect(construct.trail.node.id).toBe('Resource');
      expect(construct.node.defaultChild).toBe(construct.trail);
    });

    test('bucket, accessLogsBucket, encryptionKey, logGroup and logsRole are the created resources', () => {
      expect(stack.resolve(construct.bucket.bucketName)).toEqual({ Ref: bucketId });
      expect(stack.resolve(construct.accessLogsBucket!.bucketName)).toEqual({ Ref: accessLogsBucketId });
      expect(stack.resolve(construct.encryptionKey.keyArn)).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      expect(stack.resolve(construct.logGroup!.logGroupArn)).toEqual({ 'Fn::GetAtt': [logGroupId, 'Arn'] });
      expect(stack.resolve(construct.logsRole!.roleArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TrailLogsRole/), 'Arn'] });
    });

    test('functions defaults to all()', () => {
      expect(construct.functions.isAll).toBe(true);
    });
  });
});

describe('CompliantLambdaTrail in an app without feature flags', () => {
  // A plain `new App()` (an app created before `cdk init` set @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy,
  // or a test) must get the same secure log bucket, not a crash about ObjectOwnership and LogDeliveryWrite.
  test('synthesizes with ACLs disabled on both buckets and a bucket policy for S3 server access logging', () => {
    const stack = new Stack(new App(), 'TestStack', { env: ENV });
    new CompliantLambdaTrail(stack, 'Trail');
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::S3::Bucket', {
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      AccessControl: Match.absent(),
    }, 2);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
        })]),
      },
    });
  });
});

describe('CompliantLambdaTrail options', () => {
  describe('encryptionKey', () => {
    test('a key in the app gets the statements and encrypts the trail, bucket and log group; no key is created', () => {
      const { stack, template } = synth(s => {
        const key = new kms.Key(s, 'MyKey');
        new CompliantLambdaTrail(s, 'Trail', { encryptionKey: key });
      });
      const keyId = resourceOf(template, 'AWS::KMS::Key', 'MyKey').logicalId;
      expect(logicalIdsOutsideMonitoring(template, 'AWS::KMS::Key')).toEqual([keyId]);
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({ Principal: { Service: CLOUDTRAIL }, Action: 'kms:GenerateDataKey*' }),
            Match.objectLike({ Principal: { Service: CLOUDTRAIL }, Action: 'kms:DescribeKey' }),
            Match.objectLike({ Action: ['kms:Decrypt', 'kms:ReEncryptFrom'] }),
            Match.objectLike({ Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } }),
          ]),
        },
      });
      template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
      template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });

    describe('an imported key', () => {
      let stack: Stack;
      let construct: CompliantLambdaTrail;
      let template: Template;
      beforeAll(() => {
        ({ stack, template } = synth(s => {
          construct = new CompliantLambdaTrail(s, 'Trail', { encryptionKey: kms.Key.fromKeyArn(s, 'Imported', KEY_ID) });
        }));
      });

      test('encrypts the trail; no key is created', () => {
        expect(logicalIdsOutsideMonitoring(template, 'AWS::KMS::Key')).toEqual([]);
        template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: KEY_ID });
      });

      test('gets a warning that lists every key policy statement it needs', () => {
        for (const sid of ['AllowCloudTrailToEncryptLogsOfThisTrail', 'AllowCloudTrailToDescribeKey',
          'AllowAccountPrincipalsToDecryptLogFiles', 'AllowCloudWatchLogsToUseKeyForTrailLogGroup']) {
          Annotations.fromStack(stack).hasWarning('/TestStack/Trail',
            Match.stringLikeRegexp(`^\\[CLT42\\] Key policy statements to add by hand: encryptionKey is imported, so its key policy cannot be changed here[\\s\\S]*"Sid":"${sid}"`));
        }
        Annotations.fromStack(stack).hasWarning('/TestStack/Trail',
          Match.stringLikeRegexp(escapeRegExp('[ack: Annotation::CLT42]')));
      });

      test('the warning names this trail in aws:SourceArn and the CloudTrail principal, with no unresolved token', () => {
        const warning = Annotations.fromStack(stack).findWarning('/TestStack/Trail', Match.stringLikeRegexp('^\\[CLT42\\] '));
        expect(warning).toHaveLength(1);
        const message = warning[0].entry.data as string;
        expect(message).toContain(`trail/${construct.trailName}`);
        expect(message).toContain(`"Service":"${CLOUDTRAIL}"`);
        expect(message).not.toMatch(/\$\{Token\[/);
      });
    });
  });

  describe('bucket', () => {
    test('a bucket in the app gets the CloudTrail statements and receives the logs; no bucket is created', () => {
      const { stack, template } = synth(s => {
        const bucket = new s3.Bucket(s, 'MyBucket');
        const trail = new CompliantLambdaTrail(s, 'Trail', { bucket });
        expect(trail.bucket).toBe(bucket);
        expect(trail.accessLogsBucket).toBeUndefined();
      });
      const bucketId = resourceOf(template, 'AWS::S3::Bucket', 'MyBucket').logicalId;
      template.resourceCountIs('AWS::S3::Bucket', 1);
      template.hasResourceProperties('AWS::CloudTrail::Trail', { S3BucketName: { Ref: bucketId } });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Principal: { Service: CLOUDTRAIL }, Action: 's3:GetBucketAcl' }),
            Match.objectLike({
              Principal: { Service: CLOUDTRAIL },
              Action: 's3:PutObject',
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/AWSLogs/${ACCOUNT}/*`]] },
            }),
          ]),
        },
      });
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });

    describe('an imported bucket', () => {
      let stack: Stack;
      let template: Template;
      beforeAll(() => {
        ({ stack, template } = synth(s => {
          new CompliantLambdaTrail(s, 'Trail', { bucket: s3.Bucket.fromBucketName(s, 'Imported', 'my-log-bucket') });
        }));
      });

      test('receives the logs; no bucket is created', () => {
        template.resourceCountIs('AWS::S3::Bucket', 0);
        template.hasResourceProperties('AWS::CloudTrail::Trail', { S3BucketName: 'my-log-bucket' });
      });

      test('gets a warning that lists the bucket policy statements it needs', () => {
        for (const sid of ['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite']) {
          Annotations.fromStack(stack).hasWarning('/TestStack/Trail',
            Match.stringLikeRegexp(`^\\[CLT43\\] Bucket policy statements to add by hand: bucket is imported, so its bucket policy cannot be changed here[\\s\\S]*"Sid":"${sid}"`));
        }
        Annotations.fromStack(stack).hasWarning('/TestStack/Trail',
          Match.stringLikeRegexp(`my-log-bucket/AWSLogs/${ACCOUNT}/\\*[\\s\\S]*${escapeRegExp('[ack: Annotation::CLT43]')}`));
      });

      test('the warning names the CloudTrail principal, with no unresolved token', () => {
        const warning = Annotations.fromStack(stack).findWarning('/TestStack/Trail', Match.stringLikeRegexp('^\\[CLT43\\] '));
        expect(warning).toHaveLength(1);
        const message = warning[0].entry.data as string;
        expect(message).toContain(`"Service":"${CLOUDTRAIL}"`);
        expect(message).not.toMatch(/\$\{Token\[/);
      });
    });

    test('fails when bucket and lifecycleRules are both given', () => {
      const stack = newStack();
      expect(() => new CompliantLambdaTrail(stack, 'Trail', {
        bucket: new s3.Bucket(stack, 'MyBucket'),
        lifecycleRules: [{ expiration: Duration.days(400) }],
      })).toThrow(/bucket and lifecycleRules were both given; lifecycleRules configure the bucket this construct creates/);
    });

    test('fails when bucket and serverAccessLogsBucket are both given', () => {
      const stack = newStack();
      expect(() => new CompliantLambdaTrail(stack, 'Trail', {
        bucket: new s3.Bucket(stack, 'MyBucket'),
        serverAccessLogsBucket: new s3.Bucket(stack, 'MyAccessLogs'),
      })).toThrow(/bucket and serverAccessLogsBucket were both given/);
    });
  });

  describe('serverAccessLogsBucket', () => {
    test('receives the log bucket server access logs; no access-logs bucket is created', () => {
      const { template } = synth(s => {
        const accessLogs = new s3.Bucket(s, 'MyAccessLogs');
        const trail = new CompliantLambdaTrail(s, 'Trail', { serverAccessLogsBucket: accessLogs });
        expect(trail.accessLogsBucket).toBe(accessLogs);
      });
      const accessLogsId = resourceOf(template, 'AWS::S3::Bucket', 'MyAccessLogs').logicalId;
      template.resourceCountIs('AWS::S3::Bucket', 2);
      template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: { DestinationBucketName: { Ref: accessLogsId }, LogFilePrefix: 'cloudtrail-bucket/' },
      });
    });

    test('may have ACLs disabled in an app with @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', () => {
      const app = new App({ context: { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } });
      const stack = newStack('TestStack', app);
      const accessLogs = new s3.Bucket(stack, 'MyAccessLogs', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED });
      new CompliantLambdaTrail(stack, 'Trail', { serverAccessLogsBucket: accessLogs });
      Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' } })]) },
      });
    });
  });

  describe('lifecycleRules', () => {
    test('are applied to the log bucket', () => {
      const { template } = synth(s => new CompliantLambdaTrail(s, 'Trail', {
        lifecycleRules: [{ id: 'Archive', transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }] }],
      }));
      template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: Match.anyValue(),
        LifecycleConfiguration: {
          Rules: Match.arrayWith([Match.objectLike({ Id: 'Archive', Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }] })]),
        },
      });
    });

    test('an expiration of at least 365 days gets no warning', () => {
      const { stack } = synth(s => new CompliantLambdaTrail(s, 'Trail', { lifecycleRules: [{ id: 'Expire', expiration: Duration.days(365) }] }));
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });
  });

  describe('logGroup', () => {
    test('a log group of the user receives the events and the role may write only to it; no log group is created', () => {
      const { template } = synth(s => {
        const logGroup = new logs.LogGroup(s, 'MyLogs', { retention: logs.RetentionDays.TWO_YEARS });
        const trail = new CompliantLambdaTrail(s, 'Trail', { logGroup });
        expect(trail.logGroup).toBe(logGroup);
      });
      const logGroupId = resourceOf(template, 'AWS::Logs::LogGroup', 'MyLogs').logicalId;
      template.resourceCountIs('AWS::Logs::LogGroup', 1);
      template.hasResourceProperties('AWS::CloudTrail::Trail', { CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] } });
      const roleId = resourceOf(template, 'AWS::IAM::Role', 'TrailLogsRole').logicalId;
      expect(roleStatements(template, roleId)).toEqual([expect.objectContaining({ Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } })]);
    });

    test('fails when logGroup and logRetention are both given', () => {
      const stack = newStack();
      expect(() => new CompliantLambdaTrail(stack, 'Trail', {
        logGroup: new logs.LogGroup(stack, 'MyLogs'),
        logRetention: logs.RetentionDays.TWO_YEARS,
      })).toThrow(/logGroup and logRetention \(731 days\) were both given; logRetention configures the log group this construct creates/);
    });
  });

  describe('cloudWatchLogs: false', () => {
    let template: Template;
    let construct: CompliantLambdaTrail;
    beforeAll(() => {
      ({ template } = synth(s => {
        construct = new CompliantLambdaTrail(s, 'Trail', { cloudWatchLogs: false });
      }));
    });

    test('creates no log group and no role', () => {
      template.resourceCountIs('AWS::Logs::LogGroup', 0);
      template.resourceCountIs('AWS::IAM::Role', 0);
      template.resourceCountIs('AWS::IAM::Policy', 0);
      template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
      expect(construct.logGroup).toBeUndefined();
      expect(construct.logsRole).toBeUndefined();
    });

    test('sets no CloudWatch Logs properties on the trail', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        CloudWatchLogsLogGroupArn: Match.absent(),
        CloudWatchLogsRoleArn: Match.absent(),
      });
    });

    test('leaves the CloudWatch Logs statement out of the key policy', () => {
      const key = resourceOf(template, 'AWS::KMS::Key', 'TrailKey').resource;
      const sids = key.Properties.KeyPolicy.Statement.map((statement: any) => statement.Sid);
      expect(sids).toContain('AllowCloudTrailToEncryptLogsOfThisTrail');
      expect(sids).not.toContain('AllowCloudWatchLogsToUseKeyForTrailLogGroup');
    });

    test('fails when a logGroup is given too', () => {
      const stack = newStack();
      expect(() => new CompliantLambdaTrail(stack, 'Trail', { cloudWatchLogs: false, logGroup: new logs.LogGroup(stack, 'MyLogs') }))
        .toThrow(/cloudWatchLogs is false but logGroup was given; expected cloudWatchLogs true/);
    });

    test('fails when a logRetention is given too', () => {
      const stack = newStack();
      expect(() => new CompliantLambdaTrail(stack, 'Trail', { cloudWatchLogs: false, logRetention: logs.RetentionDays.ONE_YEAR }))
        .toThrow(/cloudWatchLogs is false but logRetention was given/);
    });
  });

  describe('logRetention', () => {
    test('sets the retention of the log group', () => {
      const { stack, template } = synth(s => new CompliantLambdaTrail(s, 'Trail', { logRetention: logs.RetentionDays.TEN_YEARS }));
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 3653 });
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });

    test('INFINITE keeps events forever, without a warning', () => {
      const { stack, template } = synth(s => new CompliantLambdaTrail(s, 'Trail', { logRetention: logs.RetentionDays.INFINITE }));
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.absent() });
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });
  });

  describe('organization trail', () => {
    let template: Template;
    beforeAll(() => {
      ({ template } = synth(s => new CompliantLambdaTrail(s, 'Trail', { organizationId: ORG_ID })));
    });

    test('organizationId makes it an organization trail', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: true });
    });

    test('lets CloudTrail write AWSLogs/<account>/ and AWSLogs/<org id>/', () => {
      const bucketId = resourceOf(template, 'AWS::S3::Bucket', 'TrailBucket').logicalId;
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Principal: { Service: CLOUDTRAIL },
            Action: 's3:PutObject',
            Resource: [
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/AWSLogs/${ACCOUNT}/*`]] },
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/AWSLogs/${ORG_ID}/*`]] },
            ],
          })]),
        },
      });
    });

    test('isOrganizationTrail: false with organizationId records only this account', () => {
      const { template: t } = synth(s => new CompliantLambdaTrail(s, 'Trail', { organizationId: ORG_ID, isOrganizationTrail: false }));
      t.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: false });
    });

    test('fails when isOrganizationTrail is true without organizationId', () => {
      expect(() => new CompliantLambdaTrail(newStack(), 'Trail', { isOrganizationTrail: true }))
        .toThrow(/isOrganizationTrail is true but organizationId was not given; expected the AWS Organizations id \(o- followed by 10 to 32 lowercase letters or digits\)/);
    });

    test.each(['o-ABCDEFGHIJ', 'o-short', 'abcdefghij', 'o-abcdefghij-'])('fails when organizationId is malformed (%s)', organizationId => {
      expect(() => new CompliantLambdaTrail(newStack(), 'Trail', { organizationId }))
        .toThrow(new RegExp(`organizationId '${escapeRegExp(organizationId)}' is not an AWS Organizations id; expected o- followed by 10 to 32 lowercase letters or digits`));
    });
  });

  test('snsTopic is notified, and its policy lets only this trail publish', () => {
    const { template } = synth(s => {
      new CompliantLambdaTrail(s, 'Trail', { snsTopic: new sns.Topic(s, 'Topic'), trailName: 'audit-trail' });
    });
    const topicId = resourceOf(template, 'AWS::SNS::Topic', 'Topic').logicalId;
    template.hasResourceProperties('AWS::CloudTrail::Trail', { SnsTopicName: { Ref: topicId } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: CLOUDTRAIL },
          Action: 'sns:Publish',
          Resource: { Ref: topicId },
          Condition: { StringEquals: { 'aws:SourceArn': trailArnOf('audit-trail') } },
        })]),
      },
    });
    const topicPolicyId = resourceOf(template, 'AWS::SNS::TopicPolicy', 'Topic').logicalId;
    template.hasResource('AWS::CloudTrail::Trail', { DependsOn: Match.arrayWith([topicPolicyId]) });
  });

  test('an imported snsTopic gets a warning that lists the topic policy statement it needs', () => {
    const { stack, template } = synth(s => {
      new CompliantLambdaTrail(s, 'Trail', {
        snsTopic: sns.Topic.fromTopicArn(s, 'Topic', `arn:aws:sns:us-east-1:${ACCOUNT}:deliveries`),
        trailName: 'audit-trail',
      });
    });
    expect(logicalIdsOutsideMonitoring(template, 'AWS::SNS::TopicPolicy')).toEqual([]);
    const warning = Annotations.fromStack(stack).findWarning('/TestStack/Trail', Match.stringLikeRegexp('^\\[CLT44\\] Topic policy statement to add by hand: snsTopic is imported'));
    expect(warning).toHaveLength(1);
    const message = warning[0].entry.data as string;
    expect(message).toContain('"Sid":"AllowCloudTrailToPublishDeliveryNotifications"');
    expect(message).toContain('trail/audit-trail');
    expect(message).not.toMatch(/\$\{Token\[/);
  });

  describe('s3KeyPrefix', () => {
    test('is set on the trail and in the bucket policy write resource', () => {
      const { template } = synth(s => new CompliantLambdaTrail(s, 'Trail', { s3KeyPrefix: 'audit/lambda', organizationId: ORG_ID }));
      const bucketId = resourceOf(template, 'AWS::S3::Bucket', 'TrailBucket').logicalId;
      template.hasResourceProperties('AWS::CloudTrail::Trail', { S3KeyPrefix: 'audit/lambda' });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: 's3:PutObject',
            Resource: [
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/audit/lambda/AWSLogs/${ACCOUNT}/*`]] },
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/audit/lambda/AWSLogs/${ORG_ID}/*`]] },
            ],
          })]),
        },
      });
    });

    test.each(['/audit', 'audit/', '', 'a'.repeat(201)])('fails when s3KeyPrefix is invalid (%p)', s3KeyPrefix => {
      expect(() => new CompliantLambdaTrail(newStack(), 'Trail', { s3KeyPrefix }))
        .toThrow(new RegExp(`s3KeyPrefix '${escapeRegExp(s3KeyPrefix)}' is not a valid prefix; expected 1 to 200 characters with no leading or trailing '/'`));
    });
  });

  test('insightTypes are recorded', () => {
    const { template } = synth(s => new CompliantLambdaTrail(s, 'Trail', {
      insightTypes: [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE],
    }));
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }],
    });
  });

  test('removalPolicy DESTROY deletes the key, both buckets and the log group', () => {
    const { template } = synth(s => new CompliantLambdaTrail(s, 'Trail', { removalPolicy: RemovalPolicy.DESTROY }));
    for (const type of ['AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup']) {
      // The alarm topic's key (Trail/Monitoring) holds no log: it keeps aws-cdk-lib's default.
      const resources = logicalIdsOutsideMonitoring(template, type).map(id => template.toJSON().Resources[id]);
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
      }
    }
  });

  describe('trailName', () => {
    test('is the trail name and the name in every aws:SourceArn condition', () => {
      const { template } = synth(s => new CompliantLambdaTrail(s, 'Trail', { trailName: 'my_audit.trail-1' }));
      template.hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'my_audit.trail-1' });
      const statements = [
        ...cloudTrailStatements(template, 'AWS::KMS::Key', 'KeyPolicy'),
        ...cloudTrailStatements(template, 'AWS::S3::BucketPolicy', 'PolicyDocument'),
      ];
      expect(statements).toHaveLength(4);
      for (const statement of statements) {
        expect(statement.Condition.StringEquals['aws:SourceArn']).toEqual(trailArnOf('my_audit.trail-1'));
      }
    });

    test.each([
      ['too short', 'ab', /it has 2 characters/],
      ['too long', 'a'.repeat(129), /it has 129 characters/],
      ['with a space', 'my trail', /characters other than letters, digits, periods, underscores and dashes/],
      ['with a slash', 'my/trail', /characters other than letters, digits, periods, underscores and dashes/],
      ['starting with a dash', '-trail', /does not start and end with a letter or digit/],
      ['ending with a period', 'trail.', /does not start and end with a letter or digit/],
      ['with adjacent dashes', 'my--trail', /adjacent periods, underscores or dashes/],
      ['with a dash next to an underscore', 'my-_trail', /adjacent periods, underscores or dashes/],
      ['formatted as an IP address', '192.168.5.4', /formatted as an IP address/],
    ])('fails when trailName is %s', (_case, trailName, problem) => {
      expect(() => new CompliantLambdaTrail(newStack(), 'Trail', { trailName }))
        .toThrow(new RegExp(`trailName '${escapeRegExp(trailName)}' breaks CloudTrail's naming rules`));
      expect(() => new CompliantLambdaTrail(newStack(), 'Trail', { trailName })).toThrow(problem);
      expect(() => new CompliantLambdaTrail(newStack(), 'Trail', { trailName }))
        .toThrow(/expected 3 to 128 letters, digits, periods, underscores or dashes/);
    });
  });
});

describe('CompliantLambdaTrail retention warnings', () => {
  const LOG_RETENTION_ID = 'CLT40';
  const LOG_EXPIRY_ID = 'CLT41';
  const AUDITS = escapeRegExp('audits expect at least one year (PCI DSS 10.7: one year');

  function shortRetentionStack(acknowledge?: (trail: CompliantLambdaTrail) => void): Stack {
    const stack = newStack();
    const trail = new CompliantLambdaTrail(stack, 'Trail', {
      logRetention: logs.RetentionDays.SIX_MONTHS,
      lifecycleRules: [{ id: 'Expire', expiration: Duration.days(90) }],
    });
    acknowledge?.(trail);
    return stack;
  }

  let stack: Stack;
  beforeAll(() => {
    stack = shortRetentionStack();
  });

  test('logRetention under one year warns with the retention audits expect and the acknowledgeable id', () => {
    Annotations.fromStack(stack).hasWarning('/TestStack/Trail', Match.stringLikeRegexp(
      `^\\[CLT40\\] CloudWatch Logs retention under one year: logRetention keeps CloudWatch Logs events 180 days; ${AUDITS}.*${escapeRegExp(`[ack: Annotation::${LOG_RETENTION_ID}]`)}$`));
  });

  test('a lifecycle expiration under 365 days warns with the rule, the days and the retention audits expect', () => {
    Annotations.fromStack(stack).hasWarning('/TestStack/Trail', Match.stringLikeRegexp(
      `^\\[CLT41\\] Log files expire within a year: lifecycleRules: rule Expire deletes log files after 90 days; ${AUDITS}.*${escapeRegExp(`[ack: Annotation::${LOG_EXPIRY_ID}]`)}$`));
  });

  test('a lifecycle expiration date warns', () => {
    const { stack: s } = synth(st => new CompliantLambdaTrail(st, 'Trail', {
      lifecycleRules: [{ id: 'Purge', expirationDate: new Date('2030-01-01T00:00:00Z') }],
    }));
    Annotations.fromStack(s).hasWarning('/TestStack/Trail', Match.stringLikeRegexp('^\\[CLT41\\] Log files expire within a year: lifecycleRules: rule Purge deletes log files on 2030-01-01'));
  });

  test('Validations.acknowledge on the construct silences both warnings', () => {
    const acknowledged = shortRetentionStack(trail => Validations.of(trail).acknowledge(
      { id: LOG_RETENTION_ID, reason: 'the bucket keeps the logs for a year' },
      { id: LOG_EXPIRY_ID, reason: 'logs are replicated to an archive account' },
    ));
    Annotations.fromStack(acknowledged).hasNoWarning('*', Match.anyValue());
  });

  test('acknowledging one warning leaves the other', () => {
    const acknowledged = shortRetentionStack(trail => Validations.of(trail).acknowledge({ id: LOG_RETENTION_ID, reason: 'metrics only' }));
    Annotations.fromStack(acknowledged).hasNoWarning('*', Match.stringLikeRegexp('^\\[CLT40\\]'));
    Annotations.fromStack(acknowledged).hasWarning('/TestStack/Trail', Match.stringLikeRegexp('^\\[CLT41\\]'));
  });

  test('the id printed in the warning acknowledges it too, also from an ancestor', () => {
    const acknowledged = shortRetentionStack(trail => Validations.of(Stack.of(trail)).acknowledge(
      { id: `Annotation::${LOG_RETENTION_ID}`, reason: 'metrics only' },
      { id: `Annotation::${LOG_EXPIRY_ID}`, reason: 'archived elsewhere' },
    ));
    Annotations.fromStack(acknowledged).hasNoWarning('*', Match.anyValue());
  });
});

describe('CompliantLambdaTrail with unresolved tokens', () => {
  let template: Template;
  beforeAll(() => {
    ({ template } = synth(s => {
      const trailName = new CfnParameter(s, 'TrailName').valueAsString;
      const organizationId = new CfnParameter(s, 'OrganizationId').valueAsString;
      const s3KeyPrefix = new CfnParameter(s, 'Prefix').valueAsString;
      const functionArn = new CfnParameter(s, 'FunctionArn').valueAsString;
      new CompliantLambdaTrail(s, 'Trail', {
        trailName, organizationId, s3KeyPrefix, functions: LambdaFunctionSelection.onlyArns([functionArn]),
      });
    }));
  });

  test('accepts a trailName token and uses it in the trail and the aws:SourceArn conditions', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: { Ref: 'TrailName' } });
    const statements = cloudTrailStatements(template, 'AWS::S3::BucketPolicy', 'PolicyDocument');
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      expect(statement.Condition.StringEquals['aws:SourceArn']).toEqual(trailArnOf({ Ref: 'TrailName' }));
    }
  });

  test('accepts organizationId and s3KeyPrefix tokens', () => {
    const bucketId = resourceOf(template, 'AWS::S3::Bucket', 'TrailBucket').logicalId;
    template.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: true, S3KeyPrefix: { Ref: 'Prefix' } });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 's3:PutObject',
          Resource: [
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/', { Ref: 'Prefix' }, `/AWSLogs/${ACCOUNT}/*`]] },
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/', { Ref: 'Prefix' }, '/AWSLogs/', { Ref: 'OrganizationId' }, '/*']] },
          ],
        })]),
      },
    });
  });

  test('accepts a function ARN token', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      AdvancedEventSelectors: Match.arrayWith([Match.objectLike({
        FieldSelectors: Match.arrayWith([Match.objectLike({ Field: 'resources.ARN', Equals: [{ Ref: 'FunctionArn' }] })]),
      })]),
    });
  });
});

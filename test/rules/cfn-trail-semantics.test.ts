// CloudFormation and CloudTrail semantics on hand-written L1s (CfnTrail, CfnEventDataStore, SAM's
// CfnFunction) and aws-cdk-lib L2s (Trail, Function, NestedStack): the same engine judges them as it
// judges included templates (test/rules/cfn-include-semantics.test.ts).
import { App, Aws, CfnCondition, CfnParameter, Fn, NestedStack, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sam from 'aws-cdk-lib/aws-sam';
import {
  ACCOUNT, cfnTrailCase, checkedApp, cloudTrailWriteStatements, compliantCfnTrail, findingsOf, lambdaSelector, MANAGEMENT_SELECTOR, messagesAt,
  newFunction, newStack, OTHER_ACCOUNT, readReport, REGION, tlsDenyStatement,
} from '../checks/helpers';

const TRAIL = '/Stack/Trail';

function named(stack: Stack, id: string, functionName: string): lambda.Function {
  return new lambda.Function(stack, id, {
    functionName,
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
}

function functions(stack: Stack): Record<string, any> {
  return Object.fromEntries(readReport(stack.node.root as App).functions.map((f: any) => [f.path.split('/').slice(1).join('/'), f]));
}

function undecidedRules(stack: Stack, at: string): string[] {
  return messagesAt(stack, at).map(m => /could not decide (CLT\d+)/.exec(m)?.[1]).filter((id): id is string => id !== undefined);
}

const arnOf = (name: string, account = ACCOUNT, region = REGION) => `arn:aws:lambda:${region}:${account}:function:${name}`;

describe('unknown is never recorded (L1)', () => {
  test('fails (CLT0 naming CLT7, never silence) when IsLogging is a parameter; the function is undecided (CLT21)', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      trail.isLogging = new CfnParameter(s, 'Logging', { type: 'String', allowedValues: ['true', 'false'] }).valueAsString as any;
      newFunction(s, 'F');
    });
    expect(undecidedRules(stack, TRAIL)).toEqual(['CLT7']);
    expect(findingsOf(stack)).toEqual(['/Stack/F CLT21 (warning)', `${TRAIL} CLT0 (warning)`]);
    expect(messagesAt(stack, '/Stack/F')).toEqual([expect.stringMatching(/whether it is logging \(IsLogging\) is not known/)]);
  });

  test('fails (CLT21) when the trail exists only under a parameter condition', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      trail.cfnOptions.condition = new CfnCondition(s, 'IsProd', { expression: Fn.conditionEquals(new CfnParameter(s, 'Env', { type: 'String' }).valueAsString, 'prod') });
      newFunction(s, 'F');
    });
    expect(findingsOf(stack)).toEqual(['/Stack/F CLT21 (warning)']);
    expect(functions(stack).F.status).toBe('unknown');
  });

  test('Compliance: a condition on the stack\'s known region is decided (the trail exists), and the function is recorded', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      trail.cfnOptions.condition = new CfnCondition(s, 'InHome', { expression: Fn.conditionEquals(Aws.REGION, REGION) });
      newFunction(s, 'F');
    });
    expect(findingsOf(stack)).toEqual([]);
    expect(functions(stack).F.status).toBe('recorded');
  });

  test('fails (CLT0 naming CLT3) when Fn::If with AWS::NoValue removes a field selector in one scenario', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      const isProd = new CfnCondition(s, 'IsProd', { expression: Fn.conditionEquals(new CfnParameter(s, 'Env', { type: 'String' }).valueAsString, 'prod') });
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector(Fn.conditionIf(isProd.logicalId, { Field: 'resources.ARN', Equals: [arnOf('orders')] }, Aws.NO_VALUE) as any)];
      named(s, 'Orders', 'orders');
      named(s, 'Payments', 'payments');
    });
    expect(undecidedRules(stack, TRAIL)).toEqual(['CLT3']);
    expect([functions(stack).Orders.status, functions(stack).Payments.status]).toEqual(['recorded', 'unknown']);
  });

  test('Fn::Sub (pseudo parameters, a Ref of a named function), Fn::Join and Fn::Select/Fn::Split name the functions they build', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      const orders = named(s, 'Orders', 'orders');
      const payments = named(s, 'Payments', 'payments');
      const refunds = named(s, 'Refunds', 'refunds');
      named(s, 'Other', 'other');
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({
        field: 'resources.ARN',
        equalTo: [
          Fn.sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}', { Name: orders.functionName }),
          Fn.join('', [`arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:function:`, payments.functionName]),
          Fn.select(1, Fn.split(',', `first,${refunds.functionArn}`)),
        ],
      })];
    });
    const f = functions(stack);
    expect([f.Orders.status, f.Payments.status, f.Refunds.status, f.Other.status]).toEqual(['recorded', 'recorded', 'recorded', 'outside-scope']);
  });

  test('generated names: a prefix condition uses <stack>-<logical id>-, a suffix condition is undecided (CLT21)', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      const orders = newFunction(s, 'Orders');
      newFunction(s, 'Payments');
      const ordersLogicalId = s.getLogicalId(orders.node.defaultChild as lambda.CfnFunction);
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR,
        lambdaSelector({ field: 'resources.ARN', startsWith: [Fn.sub(`arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${AWS::StackName}-${ordersLogicalId}`)] }),
        lambdaSelector({ field: 'resources.ARN', endsWith: ['-canary'] })];
    });
    const f = functions(stack);
    expect(f.Orders).toEqual(expect.objectContaining({ status: 'recorded', arn: expect.stringMatching(/function:Stack-Orders[0-9A-F]{8}-<generated suffix/) }));
    expect(f.Payments.status).toBe('unknown');
    expect(findingsOf(stack)).toEqual(['/Stack/Payments CLT21 (warning)', `${TRAIL} CLT3 (warning)`]);
  });
});

describe('generated names against exclusions (L1)', () => {
  test('NotStartsWith decides on the known <stack>-<logical id>- prefix; NotEndsWith on the unknown suffix is undecided (CLT21, never recorded)', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      newFunction(s, 'Orders');
      newFunction(s, 'Payments');
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR,
        lambdaSelector({ field: 'resources.ARN', notStartsWith: [Fn.sub('arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${AWS::StackName}-Payments')] }),
        lambdaSelector({ field: 'resources.ARN', notEndsWith: ['-canary'] }, { field: 'resources.ARN', startsWith: [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:Stack-Payments`] })];
    });
    const f = functions(stack);
    expect([f.Orders.status, f.Payments.status]).toEqual(['recorded', 'unknown']);
    expect(messagesAt(stack, '/Stack/Payments')).toEqual([expect.stringMatching(/\[CLT21\].*ARN is not fully known/)]);
  });
});

describe('env-agnostic stacks', () => {
  test('judged as deploying to one account and region, and the report says so (app-wide and per function)', () => {
    const app = checkedApp();
    const audit = new Stack(app, 'Audit');
    compliantCfnTrail(audit).trail.isMultiRegionTrail = false;
    newFunction(new Stack(app, 'Functions'), 'F');
    const report = readReport(app);
    expect(report.assumptions).toEqual([expect.stringMatching(/Env-agnostic stacks .* one and the same account and region/)]);
    expect(report.functions).toEqual([expect.objectContaining({
      path: 'Functions/F',
      status: 'recorded',
      assumptions: [expect.stringMatching(/env-agnostic stack: judged as deploying to the account and region of the app's other env-agnostic stacks/)],
    })]);
  });

  /** An env-agnostic stack with a compliant L1 trail whose Lambda selector has the given prefix (the bucket policy pins AWS::AccountId). */
  function agnostic(prefix: string, multiRegion: boolean): Stack {
    const app = checkedApp();
    const stack = new Stack(app, 'Stack');
    const { trail, bucket, bucketPolicy } = compliantCfnTrail(stack);
    trail.isMultiRegionTrail = multiRegion;
    trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'resources.ARN', startsWith: [prefix] })];
    bucketPolicy.policyDocument = {
      Version: '2012-10-17',
      Statement: [tlsDenyStatement(bucket), ...cloudTrailWriteStatements(bucket, { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } })],
    };
    newFunction(stack, 'F');
    return stack;
  }

  test('Compliance: an env-agnostic single-region trail whose prefix is built from AWS::Region and AWS::AccountId records every function it can see', () => {
    const stack = agnostic(Fn.sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:'), false);
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT8 (warning)`]);
    expect(functions(stack).F.status).toBe('recorded');
  });

  test('warns (CLT3) when an env-agnostic multi-region trail\'s prefix names one literal region: other regions are certainly left out', () => {
    expect(findingsOf(agnostic(`arn:aws:lambda:${REGION}:`, true))).toEqual(['/Stack/F CLT21 (warning)', `${TRAIL} CLT3 (warning)`]);
  });

  test('fails (CLT0 naming CLT1 and CLT3, CLT21) when an env-agnostic single-region trail\'s prefix names a literal region: it may or may not be the stack\'s', () => {
    const stack = agnostic(`arn:aws:lambda:${REGION}:`, false);
    expect(undecidedRules(stack, TRAIL)).toEqual(['CLT1', 'CLT3']);
    expect(findingsOf(stack)).toEqual(['/Stack/F CLT21 (warning)', `${TRAIL} CLT0 (warning)`, `${TRAIL} CLT0 (warning)`, `${TRAIL} CLT8 (warning)`]);
  });
});

describe('what records (L1 and L2)', () => {
  test('Compliance: a SAM function (sam.CfnFunction) is recorded; fails (CLT20) without a trail', () => {
    const recorded = cfnTrailCase((_setup, s) => {
      new sam.CfnFunction(s, 'Orders', { runtime: 'nodejs22.x', handler: 'index.handler', inlineCode: 'exports.handler = async () => {};' });
    });
    expect(functions(recorded).Orders.status).toBe('recorded');
    const app = checkedApp();
    const alone = newStack(app, 'Stack');
    new sam.CfnFunction(alone, 'Orders', { runtime: 'nodejs22.x', handler: 'index.handler', inlineCode: 'exports.handler = async () => {};' });
    expect(findingsOf(alone)).toEqual(['/Stack/Orders CLT20']);
  });

  test('Compliance: functions of a NestedStack are recorded by the parent\'s trail, and a trail in a NestedStack records the parent\'s functions', () => {
    const stack = cfnTrailCase((_setup, s) => {
      const nested = new NestedStack(s, 'Nested');
      named(nested, 'Worker', 'worker');
    });
    expect(findingsOf(stack)).toEqual([]);
    expect(functions(stack)['Nested/Worker'].status).toBe('recorded');

    const app = checkedApp();
    const parent = newStack(app, 'Stack');
    compliantCfnTrail(new NestedStack(parent, 'Audit'));
    newFunction(parent, 'F');
    expect(findingsOf(parent)).toEqual([]);
  });

  test('fails (CLT21) for a NestedStack function outside a cost-limited trail\'s scope', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'resources.ARN', equalTo: [arnOf('api')] })];
      const nested = new NestedStack(s, 'Nested');
      named(nested, 'Api', 'api');
      named(nested, 'Worker', 'worker');
    });
    expect(findingsOf(stack)).toEqual(['/Stack/Nested/Worker CLT21 (warning)', `${TRAIL} CLT3 (warning)`]);
  });

  test('Compliance: a CfnEventDataStore with Lambda data selectors records the function, and the report names it', () => {
    const app = checkedApp();
    const stack = newStack(app, 'Stack');
    new cloudtrail.CfnEventDataStore(stack, 'Lake', {
      name: 'audit-lake',
      advancedEventSelectors: [{ fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: ['AWS::Lambda::Function'] }] }],
    });
    newFunction(stack, 'F');
    expect(findingsOf(stack)).toEqual([]);
    expect(functions(stack).F.recordedBy).toEqual(['audit-lake']);
  });

  test('Compliance: a management-events CfnTrail beside a dedicated Lambda data-events CfnTrail: neither is faulted', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR];
      const data = compliantCfnTrail(new NestedStack(s, 'Data'), 'data-trail');
      data.trail.advancedEventSelectors = [lambdaSelector()];
      newFunction(s, 'F');
    });
    expect(findingsOf(stack)).toEqual([]);
    expect(functions(stack).F.recordedBy).toEqual(['data-trail']);
  });

  test('fails (CLT1 and CLT20) when the only Lambda selector leaves out Invoke; the function is CLT20, not CLT21', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'eventName', notEquals: ['Invoke'] })];
      newFunction(s, 'F');
    });
    expect(findingsOf(stack)).toEqual(['/Stack/F CLT20', `${TRAIL} CLT1`]);
  });

  test('Compliance: resources.ARN StartsWith arn:<partition>:lambda: (Fn::Sub) is every function: no CLT3', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'resources.ARN', startsWith: [Fn.sub('arn:${AWS::Partition}:lambda:')] })];
      newFunction(s, 'F');
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('warns (CLT3, no CLT2) when a condition on sessionCredentialFromConsole drops invocations', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'sessionCredentialFromConsole', notEquals: ['true'] })];
      newFunction(s, 'F');
    });
    expect(findingsOf(stack)).toEqual(['/Stack/F CLT21 (warning)', `${TRAIL} CLT3 (warning)`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/recorded only when sessionCredentialFromConsole NotEquals \[true\]; the invocations these conditions exclude are dropped/)]);
  });

  test('fails (CLT1) when the Lambda selector names only a function of another account (not an organization trail)', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, lambdaSelector({ field: 'resources.ARN', equalTo: [arnOf('orders', OTHER_ACCOUNT)] })];
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT1`]);
    expect(messagesAt(stack, TRAIL)).toEqual([expect.stringMatching(/name only functions it cannot record/)]);
  });

  test('L2 Trail: logAllLambdaDataEvents records every function; addLambdaEventSelector([fn]) limits the scope (CLT3, CLT21)', () => {
    const app = checkedApp();
    const all = newStack(app, 'All');
    new cloudtrail.Trail(all, 'Trail').logAllLambdaDataEvents();
    newFunction(all, 'F');
    expect(functions(all).F.status).toBe('recorded');
    expect(findingsOf(all)).not.toContain('/All/Trail CLT3 (warning)');

    const app2 = checkedApp();
    const some = newStack(app2, 'Some');
    const f1 = newFunction(some, 'F1');
    newFunction(some, 'F2');
    new cloudtrail.Trail(some, 'Trail').addLambdaEventSelector([f1]);
    expect([functions(some).F1.status, functions(some).F2.status]).toEqual(['recorded', 'outside-scope']);
    expect(findingsOf(some)).toEqual(expect.arrayContaining(['/Some/Trail CLT3 (warning)', '/Some/F2 CLT21 (warning)']));
  });
});

describe('selectors CloudTrail rejects, and management exclusions (L1)', () => {
  test('fails (CLT13) when a data selector has no resources.type', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [MANAGEMENT_SELECTOR, { name: 'Data events', fieldSelectors: [{ field: 'eventCategory', equalTo: ['Data'] }] }];
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT13`]);
  });

  test('fails (CLT13 and CLT4) when a management selector excludes s3.amazonaws.com', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [{ fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }, { field: 'eventSource', notEquals: ['s3.amazonaws.com'] }] }, lambdaSelector()];
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT13`, `${TRAIL} CLT4`]);
  });

  test('fails (CLT4 only) when a management selector excludes kms.amazonaws.com, unless another trail records every management event', () => {
    const kmsExcluded = { fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }, { field: 'eventSource', notEquals: ['kms.amazonaws.com'] }] };
    const alone = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = [kmsExcluded, lambdaSelector()];
    });
    expect(findingsOf(alone)).toEqual([`${TRAIL} CLT4`]);
    const beside = cfnTrailCase(({ trail }, s) => {
      trail.advancedEventSelectors = [kmsExcluded, lambdaSelector()];
      compliantCfnTrail(new NestedStack(s, 'Management'), 'management-trail').trail.advancedEventSelectors = [MANAGEMENT_SELECTOR];
    });
    expect(findingsOf(beside)).toEqual([]);
  });

  test('fails (CLT4) for a basic selector with ExcludeManagementEventSources', () => {
    const stack = cfnTrailCase(({ trail }) => {
      trail.advancedEventSelectors = undefined;
      trail.eventSelectors = [{
        readWriteType: 'All',
        includeManagementEvents: true,
        excludeManagementEventSources: ['rdsdata.amazonaws.com'],
        dataResources: [{ type: 'AWS::Lambda::Function', values: ['arn:aws:lambda'] }],
      }];
    });
    expect(findingsOf(stack)).toEqual([`${TRAIL} CLT4`]);
  });
});

describe('policies (L1 and L2)', () => {
  test('fails (CLT10) when the TLS deny leaves out some principals, some actions, or the objects', () => {
    const narrower = [
      (s: any) => ({ ...s, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }),
      (s: any) => ({ ...s, Action: ['s3:GetObject', 's3:PutObject'] }),
      (s: any) => ({ ...s, Resource: s.Resource[0] }),
    ];
    for (const narrow of narrower) {
      const stack = cfnTrailCase(({ bucket, bucketPolicy }) => {
        const [, ...rest] = (bucketPolicy.policyDocument as any).Statement;
        bucketPolicy.policyDocument = { Version: '2012-10-17', Statement: [narrow(tlsDenyStatement(bucket)), ...rest] };
      });
      expect(findingsOf(stack)).toEqual([`${TRAIL} CLT10`]);
    }
  });

  test('Compliance: an L2 bucket with enforceSSL and blockPublicAccess BLOCK_ALL', () => {
    const stack = cfnTrailCase(({ trail }, s) => {
      const bucket = new s3.Bucket(s, 'Logs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
      const cloudTrail = (actions: string[], resource: string) => new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions,
        resources: [resource],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      });
      bucket.addToResourcePolicy(cloudTrail(['s3:GetBucketAcl'], bucket.bucketArn));
      bucket.addToResourcePolicy(cloudTrail(['s3:PutObject'], bucket.arnForObjects(`AWSLogs/${ACCOUNT}/*`)));
      trail.s3BucketName = bucket.bucketName;
    });
    expect(findingsOf(stack)).toEqual([]);
  });

  test('warns (CLT11) when aws:SourceArn has a wildcard account; Compliance with wildcards in the region and trail name only', () => {
    const withSource = (sourceArn: string) => cfnTrailCase(({ bucket, bucketPolicy }) => {
      bucketPolicy.policyDocument = {
        Version: '2012-10-17',
        Statement: [tlsDenyStatement(bucket), {
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: bucket.attrArn,
          Condition: { StringLike: { 'aws:SourceArn': sourceArn } },
        }, {
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucket.attrArn}/AWSLogs/${ACCOUNT}/*`,
          Condition: { StringLike: { 'aws:SourceArn': sourceArn } },
        }],
      };
    });
    expect(findingsOf(withSource('arn:aws:cloudtrail:*:*:trail/*'))).toEqual([`${TRAIL} CLT11 (warning)`]);
    expect(findingsOf(withSource(`arn:aws:cloudtrail:*:${ACCOUNT}:trail/*`))).toEqual([]);
    expect(findingsOf(withSource(`arn:*:cloudtrail:*:${ACCOUNT}:trail/*`))).toEqual([`${TRAIL} CLT11 (warning)`]);
  });

  test('env-agnostic stack: one literal account pins it (CloudTrail refuses a trail its bucket policy does not let write); two accounts do not; whether CloudTrail may write is undecided (CLT0 naming CLT14)', () => {
    const agnostic = (accounts: string[]) => {
      const app = checkedApp();
      const stack = new Stack(app, 'Stack');
      const { bucket, bucketPolicy } = compliantCfnTrail(stack);
      bucketPolicy.policyDocument = {
        Version: '2012-10-17',
        Statement: [tlsDenyStatement(bucket), ...cloudTrailWriteStatements(bucket, { StringEquals: { 'aws:SourceAccount': accounts } })],
      };
      return stack;
    };
    // The stack's account is not known, so whether it is the one the policy names is not either.
    const pinned = agnostic([ACCOUNT]);
    expect(findingsOf(pinned)).toEqual([`${TRAIL} CLT0 (warning)`]);
    expect(undecidedRules(pinned, TRAIL)).toEqual(['CLT14']);
    expect(messagesAt(pinned, TRAIL)).toEqual([expect.stringMatching(/whether this request meets StringEquals aws:SourceAccount \[111111111111\] is not known/)]);
    const two = agnostic([ACCOUNT, OTHER_ACCOUNT]);
    expect(findingsOf(two)).toEqual([`${TRAIL} CLT0 (warning)`, `${TRAIL} CLT11 (warning)`]);
    expect(undecidedRules(two, TRAIL)).toEqual(['CLT14']);
  });
});

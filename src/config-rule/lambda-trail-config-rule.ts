import * as fs from 'fs';
import * as path from 'path';
import { Aws, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  ADMINISTRATOR_ACCOUNT_ENV, checkExcludedAccounts, checkOrganizationRuleName, checkRoleName, DEFAULT_FUNCTION_ROLE_PREFIX, DEFAULT_MEMBER_ROLE_NAME,
  DEFAULT_ORGANIZATION_RULE_NAME, MEMBER_ROLE_NAME_ENV,
} from './config-rule-organization';
import { configRuleStatements } from './config-rule-permissions';
import {
  MAX_BUCKET_NAME_LENGTH, REPORT_BUCKET_ENV, REPORT_PREFIX_ENV, ReportDestination, reportDestinationOf, reportEnvironment, reportWriteStatements,
} from './config-rule-reports';
import { acknowledgeConfigRuleFunctionFindings, acknowledgeConfigRulePolicyWildcards, acknowledgeOrganizationInvokePermission } from './config-rule-validator-acknowledgements';
import { AcknowledgementFileEntry, parseAcknowledgementEntries } from '../engine/acknowledgement-entries';
import { LambdaTrailError } from '../errors';
import { MIN_REASON_LENGTH } from '../rules/acknowledgement-reason';
import { denyGrantsExceptForAwsResourcesStatement } from '../trail/secure-defaults';

/**
 * One acknowledgement of a finding of the rule, in the format of the `lambda-trail` CLI's
 * `--acknowledgements` file: the resource's ARN, the rule id and why it does not apply.
 */
export interface LambdaTrailConfigRuleAcknowledgement {
  /** The ARN of the function or trail, e.g. `arn:aws:lambda:us-east-1:111111111111:function:batch-job`. */
  readonly resource: string;
  /** The rule id, e.g. `CLT21`. */
  readonly rule: string;
  /** Why the finding does not apply, in 10 characters or more. It is shown in the evaluation's annotation. */
  readonly reason: string;
}

/**
 * The organization rule of `LambdaTrailConfigRule`, for the management or a delegated-administrator
 * account: AWS Config creates the rule in every account of the organization (but the excluded ones),
 * and the function judges each member with the role `LambdaTrailConfigRuleMemberRole` creates there.
 */
export interface LambdaTrailConfigRuleOrganizationOptions {
  /**
   * Accounts AWS Config does not create the rule in: 12-digit account ids, at most 1,000 (AWS Config's limit).
   *
   * @default - none: every account of the organization, this one included
   */
  readonly excludedAccounts?: string[];

  /**
   * The name of the role the function assumes in each member account: the `roleName` of
   * `LambdaTrailConfigRuleMemberRole` there.
   *
   * @default 'LambdaTrailConfigRuleMember' - the member construct's default
   */
  readonly memberRoleName?: string;

  /**
   * The name of the function's role. The member roles trust this account on the condition that the
   * caller is a role of this name (`aws:PrincipalArn`), so the name is fixed: a member stack can be
   * deployed before or after this one, and a replaced role is trusted again. It must match the member
   * role's `functionRoleName` pattern.
   *
   * @default - 'LambdaTrailConfigRuleFunction-' and the stack's region (an organization rule is
   * regional: one stack per region, each with its own role), which the member role's default pattern
   * 'LambdaTrailConfigRuleFunction-*' matches
   */
  readonly functionRoleName?: string;
}

/** Options of `LambdaTrailConfigRule`. */
export interface LambdaTrailConfigRuleProps {
  /**
   * How often the rule judges the whole account and region, besides the changes of trails and
   * functions that trigger it: one of the periods AWS Config accepts, 1, 3, 6, 12 or 24 hours.
   *
   * @default Duration.hours(24) - once a day: changes of trails and functions are judged when they
   * happen; the periodic run catches what no configuration change shows (a trail stopped, a bucket
   * policy changed, a function of a resource type AWS Config does not record)
   */
  readonly frequency?: Duration;

  /**
   * The name of the AWS Config rule, or with `organization` of the organization rule.
   *
   * AWS Config names the rule it creates in each member account after it, with a suffix of its own.
   * 1 to 64 characters (the periodic runs read the rule's results by its name, which
   * GetComplianceDetailsByConfigRule takes up to 64 characters); with `organization`, letters, digits, '-' or '_'.
   *
   * @default - a name CloudFormation generates; with `organization`, 'lambda-trail-config-rule'
   * (CloudFormation requires an organization rule's name)
   */
  readonly configRuleName?: string;

  /**
   * Deploy the rule for the whole organization (`AWS::Config::OrganizationConfigRule`) from the
   * management or a delegated-administrator account, instead of this account alone. Every member
   * account needs `LambdaTrailConfigRuleMemberRole` (README, "Organization").
   *
   * @default - the rule judges this account and region only (`AWS::Config::ConfigRule`)
   */
  readonly organization?: LambdaTrailConfigRuleOrganizationOptions;

  /**
   * Findings that do not apply, shown with their reason in the evaluation's annotation (a finding
   * acknowledged on a function or trail makes it COMPLIANT). Checked at synth.
   *
   * @default - none
   */
  readonly acknowledgements?: LambdaTrailConfigRuleAcknowledgement[];

  /**
   * A JSON file in the format of the `lambda-trail` CLI's `--acknowledgements` file, read at synth:
   * the same file can serve `lambda-trail audit` and the rule. Its entries come after `acknowledgements`.
   *
   * @default - none
   */
  readonly acknowledgementsFile?: string;

  /**
   * How long the rule's function keeps its logs (one line per run: what it sent to AWS Config).
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Write the full JSON report of each run that judges the account (the document
   * `lambda-trail audit --format json` prints, described by docs/report.schema.json) to S3, as
   * evidence: `<reportPrefix><account>/<region>/<time>-<messageType>.json`, the time of the run in
   * ISO 8601 basic format (`20261207T080000.123Z`). The function writes it after it has sent the
   * evaluations; a write that fails fails the run (Lambda's Errors metric), the evaluations stay sent.
   *
   * @default - false, unless `reportBucket` is given: no reports, AWS Config keeps the evaluations
   */
  readonly reports?: boolean;

  /**
   * The bucket the run reports go to. Giving it turns `reports` on; the function gets
   * `s3:PutObject` on `reportPrefix` only, and `kms:GenerateDataKey` on the bucket's
   * `encryptionKey` when the bucket has one (a bucket imported without its key, encrypted with
   * SSE-KMS, needs that permission added to the function's role by its owner).
   *
   * @default - with `reports: true`, a new bucket: SSE-KMS with a new key with rotation, versioned,
   * Block Public Access on, TLS only, server access logs to a second new bucket, retained when the
   * stack is deleted (it holds audit evidence)
   */
  readonly reportBucket?: s3.IBucket;

  /**
   * The key prefix of the run reports in the bucket: a literal that ends with `/`.
   *
   * @default 'lambda-trail-reports/'
   */
  readonly reportPrefix?: string;
}

/** The periods AWS Config runs a rule at (MaximumExecutionFrequency), by their length in hours. */
const FREQUENCIES: ReadonlyMap<number, string> = new Map([
  [1, 'One_Hour'],
  [3, 'Three_Hours'],
  [6, 'Six_Hours'],
  [12, 'Twelve_Hours'],
  [24, 'TwentyFour_Hours'],
]);

/** Where the build puts the bundled handler (scripts/bundle-config-rule-handler.ts), from src/ and lib/ alike. */
const HANDLER_ASSET = path.join(__dirname, '..', '..', 'assets', 'config-rule-handler');

/** The environment variable the handler reads the acknowledgements from (cli/src/config-rule/handler.ts). */
const ACKNOWLEDGEMENTS_ENV = 'LAMBDA_TRAIL_ACKNOWLEDGEMENTS';

/** What the rule checks, and the resource types it evaluates (besides the account itself). */
const RULE_DESCRIPTION = 'cdk-compliant-lambda-trail: CloudTrail records every Lambda invocation (data events, read and write) and management events; per function, per trail of the region and for the account';
const RESOURCE_TYPES = ['AWS::CloudTrail::Trail', 'AWS::Lambda::Function'] as const;

/** Lambda's limit on a function's environment variables, all together (4 KB). */
const MAX_ENVIRONMENT_BYTES = 4096;

/**
 * The compliance engine as an AWS Config custom rule (Lambda-backed) for the account and region of
 * its stack: on every change of a trail or function, and periodically, its function reads the
 * region's trails (shadow trails included, read in their home regions), event data stores and
 * functions with the same reader as `lambda-trail audit`, judges them with the same engine, and
 * reports to AWS Config one evaluation per function, per trail of the region and for the account.
 *
 * @example
 * new LambdaTrailConfigRule(stack, 'LambdaTrailRule');
 */
export class LambdaTrailConfigRule extends Construct {
  /** The AWS Config rule of this account (absent with `organization`: see `organizationConfigRule`). */
  public readonly configRule?: config.CfnConfigRule;
  /** The organization rule (with `organization` only). */
  public readonly organizationConfigRule?: config.CfnOrganizationConfigRule;
  /** The rule's name, or with `organization` the organization rule's (generated by CloudFormation unless `configRuleName` is given). */
  public readonly configRuleName: string;
  /** The function AWS Config invokes. */
  public readonly function: lambda.IFunction;
  /** The function's role: the audit's read calls, `config:PutEvaluations`, and with reports `s3:PutObject` on their prefix. */
  public readonly role: iam.IRole;
  /** The function's log group. */
  public readonly logGroup: logs.LogGroup;
  /** The bucket of the run reports (the one given or created), when reports are on. */
  public readonly reportBucket?: s3.IBucket;
  /** The key prefix of the run reports, when reports are on. */
  public readonly reportPrefix?: string;

  constructor(scope: Construct, id: string, props: LambdaTrailConfigRuleProps = {}) {
    super(scope, id);
    const frequency = frequencyOf(this, props.frequency ?? Duration.hours(24));
    const organization = organizationOf(this, props);
    const reports = reportDestinationOf(this, props);
    this.reportBucket = reports?.bucket;
    this.reportPrefix = reports?.prefix;
    const acknowledgements = acknowledgementsOf(this, props, organization, reports);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: this.createLogKey(),
      // Stateful: the rule's history of runs outlives the rule, as the trail's logs do.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const { role, policy } = this.createRole(organization, reports);
    this.role = role;
    const { fn, cfn } = this.createFunction(role, acknowledgements, organization, reports);
    // The policy is a resource of its own: the function must not run before it is attached.
    cfn.node.addDependency(policy);
    this.function = fn;
    const permission = new lambda.CfnPermission(this, 'ConfigInvokePermission', {
      action: 'lambda:InvokeFunction',
      functionName: fn.functionArn,
      principal: 'config.amazonaws.com',
      // One account: only AWS Config on behalf of this account may invoke it (AWS Config Developer
      // Guide: restrict the function's resource-based policy with the source account). An
      // organization rule is invoked by AWS Config on behalf of each member, and a Lambda permission
      // can name one source account only; its PrincipalOrgID condition applies to IAM principals, not
      // to a service, so it would deny AWS Config. The residual risk (README, "Organization"): any
      // account's AWS Config may invoke the function; the handler then judges that account only if
      // it can assume the member role there, and reports only to that account's AWS Config.
      sourceAccount: organization ? undefined : Stack.of(this).account,
    });

    if (organization) {
      acknowledgeOrganizationInvokePermission(permission);
      this.organizationConfigRule = new config.CfnOrganizationConfigRule(this, 'Resource', {
        organizationConfigRuleName: organization.ruleName,
        excludedAccounts: organization.excludedAccounts.length ? organization.excludedAccounts : undefined,
        organizationCustomRuleMetadata: {
          description: RULE_DESCRIPTION,
          lambdaFunctionArn: fn.functionArn,
          organizationConfigRuleTriggerTypes: ['ConfigurationItemChangeNotification', 'OversizedConfigurationItemChangeNotification', 'ScheduledNotification'],
          maximumExecutionFrequency: frequency,
          resourceTypesScope: [...RESOURCE_TYPES],
        },
      });
      // AWS Config checks when it creates the rule in each member that it may invoke the function.
      this.organizationConfigRule.node.addDependency(permission);
      this.configRuleName = this.organizationConfigRule.ref;
      return;
    }

    if (props.configRuleName !== undefined) checkRuleName(this, props.configRuleName);
    this.configRule = new config.CfnConfigRule(this, 'Resource', {
      configRuleName: props.configRuleName,
      description: RULE_DESCRIPTION,
      scope: { complianceResourceTypes: [...RESOURCE_TYPES] },
      source: {
        owner: 'CUSTOM_LAMBDA',
        sourceIdentifier: fn.functionArn,
        sourceDetails: [
          { eventSource: 'aws.config', messageType: 'ConfigurationItemChangeNotification' },
          { eventSource: 'aws.config', messageType: 'OversizedConfigurationItemChangeNotification' },
          { eventSource: 'aws.config', messageType: 'ScheduledNotification', maximumExecutionFrequency: frequency },
        ],
      },
    });
    // AWS Config checks at creation that it may invoke the function.
    this.configRule.node.addDependency(permission);
    this.configRuleName = this.configRule.ref;
  }

  /**
   * The log group's key, with rotation: CloudWatch Logs may use it for this account's log groups in
   * the stack's region (the log group's own ARN would make a dependency cycle with the key).
   */
  private createLogKey(): kms.Key {
    const stack = Stack.of(this);
    const key = new kms.Key(this, 'LogKey', {
      enableKeyRotation: true,
      description: 'LambdaTrailConfigRule: encrypts the rule function\'s log group',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(denyGrantsExceptForAwsResourcesStatement());
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsToUseKeyForLogGroup',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${Aws.REGION}:${stack.account}:log-group:*` } },
    }));
    return key;
  }

  /**
   * The function's role: exactly the read calls of `lambda-trail audit` in one account
   * (docs/iam/lambda-trail-audit-policy.json without the organization's ListAccounts and AssumeRole),
   * `config:PutEvaluations`, `config:GetComplianceDetailsByConfigRule` and `config:ListDiscoveredResources`, and writing its own logs.
   */
  private createRole(organization: Organization | undefined, reports: ReportDestination | undefined): { role: iam.Role; policy: iam.ManagedPolicy } {
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      // Organization mode: a fixed name, which the member roles' trust condition names (aws:PrincipalArn).
      roleName: organization?.functionRoleName,
      description: organization
        ? 'LambdaTrailConfigRule (organization): reads trails, event data stores, functions, buckets and keys of its account and, through the member role, of each member; puts AWS Config evaluations'
        : 'LambdaTrailConfigRule: reads trails, event data stores, functions, buckets and keys of its account; puts AWS Config evaluations',
    });
    const stack = Stack.of(this);
    const partition = stack.partition;
    // A customer managed policy, not an inline one (cdk-nag IAMNoInlinePolicy), as the trail's logs role has.
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'LambdaTrailConfigRule: the read calls of lambda-trail audit in one account, and AWS Config evaluations',
      roles: [role],
      statements: [
        ...configRuleStatements(partition),
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${this.logGroup.logGroupArn}:*`],
        }),
        // Organization mode: the member role of every account, and nothing else, by its fixed name.
        ...(organization ? [new iam.PolicyStatement({
          sid: 'AssumeMemberRoles',
          actions: ['sts:AssumeRole'],
          resources: [`arn:${partition}:iam::*:role/${organization.memberRoleName}`],
        })] : []),
        ...(reports ? reportWriteStatements(reports) : []),
      ],
    });
    acknowledgeConfigRulePolicyWildcards(policy, this.logGroup, organization?.memberRoleName, reports && reports.bucket.arnForObjects(`${reports.prefix}*`));
    return { role, policy };
  }

  /**
   * The function: the pre-bundled handler. 512 MB: a run peaks at 176 MiB on an account of 2,000
   * functions, its report written (docs/benchmarks.md, Config rule benchmark), and Lambda gives CPU in
   * proportion to memory, which the engine's judging uses. 5 minutes: a run is a few seconds of round
   * trips, but the SDK's adaptive retry backs off for throttled calls on a busy account.
   */
  private createFunction(
    role: iam.Role, acknowledgements: readonly AcknowledgementFileEntry[],
    organization: Organization | undefined, reports: ReportDestination | undefined,
  ): { fn: lambda.IFunction; cfn: lambda.CfnFunction } {
    const variables: Record<string, string> = {
      ...(acknowledgements.length ? { [ACKNOWLEDGEMENTS_ENV]: JSON.stringify(acknowledgements) } : {}),
      ...(organization ? { [MEMBER_ROLE_NAME_ENV]: organization.memberRoleName, [ADMINISTRATOR_ACCOUNT_ENV]: Stack.of(this).account } : {}),
      ...(reports ? reportEnvironment(reports) : {}),
    };
    // The npm package ships the bundle; a checkout that was not built has none, and aws-cdk-lib's
    // asset staging says so ('npx projen bundle:config-rule' builds it).
    // The L1, so that the function does not wait on its role with a DependsOn that its Role GetAtt
    // already makes (aws-cdk-lib's Function adds one: cfn-lint W3005); it waits on the policy instead.
    const code = lambda.Code.fromAsset(HANDLER_ASSET);
    const bound = code.bind(this);
    const cfn = new lambda.CfnFunction(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X.name,
      handler: 'index.handler',
      code: { s3Bucket: bound.s3Location!.bucketName, s3Key: bound.s3Location!.objectKey },
      role: role.roleArn,
      memorySize: 512,
      timeout: Duration.minutes(5).toSeconds(),
      loggingConfig: { logGroup: this.logGroup.logGroupName },
      description: 'LambdaTrailConfigRule: judges the trails and functions of its account and region for AWS Config',
      environment: Object.keys(variables).length ? { variables } : undefined,
    });
    code.bindToResource(cfn);
    const fn = lambda.Function.fromFunctionAttributes(this, 'FunctionRef', { functionArn: cfn.attrArn, sameEnvironment: true });
    acknowledgeConfigRuleFunctionFindings(cfn, Object.keys(variables).length > 0);
    return { fn, cfn };
  }
}

/** The organization options, checked and with their defaults. */
interface Organization {
  readonly ruleName: string;
  readonly excludedAccounts: string[];
  readonly memberRoleName: string;
  readonly functionRoleName: string;
}

function organizationOf(scope: Construct, props: LambdaTrailConfigRuleProps): Organization | undefined {
  const options = props.organization;
  if (!options) return undefined;
  const organization: Organization = {
    ruleName: props.configRuleName ?? DEFAULT_ORGANIZATION_RULE_NAME,
    excludedAccounts: [...(options.excludedAccounts ?? [])],
    memberRoleName: options.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME,
    functionRoleName: options.functionRoleName ?? `${DEFAULT_FUNCTION_ROLE_PREFIX}${Stack.of(scope).region}`,
  };
  checkOrganizationRuleName(scope, organization.ruleName);
  checkExcludedAccounts(scope, organization.excludedAccounts);
  checkRoleName(scope, 'organization.memberRoleName', organization.memberRoleName);
  checkRoleName(scope, 'organization.functionRoleName', organization.functionRoleName);
  return organization;
}

/**
 * A single-account rule's name: AWS Config takes 1 to 128 characters, not only spaces, but
 * GetComplianceDetailsByConfigRule, which every periodic run calls with the rule's name, takes 64 at most.
 */
function checkRuleName(scope: Construct, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (name.length < 1 || name.length > 64 || !/\S/.test(name)) {
    throw new LambdaTrailError('InvalidConfigRuleName', `configRuleName is '${name}' (${name.length} characters); expected 1 to 64 characters, not only spaces (the periodic runs read the rule's results with config:GetComplianceDetailsByConfigRule, which takes names of 64 characters at most)`, scope);
  }
}

/** AWS Config's name of the period, or a LambdaTrailError naming the prop, the value and what is expected. */
function frequencyOf(scope: Construct, frequency: Duration): string {
  const expected = 'expected Duration.hours(1), (3), (6), (12) or (24), the periods AWS Config runs a rule at';
  if (Token.isUnresolved(frequency.toMinutes({ integral: false }))) {
    throw new LambdaTrailError('InvalidFrequency', `frequency is a token; ${expected}`, scope);
  }
  const hours = frequency.toMinutes({ integral: false }) / 60;
  const name = FREQUENCIES.get(hours);
  if (!name) throw new LambdaTrailError('InvalidFrequency', `frequency is ${frequency.toHumanString()}; ${expected}`, scope);
  return name;
}

/** The acknowledgements of both props, checked: a malformed one is a LambdaTrailError at synth. */
function acknowledgementsOf(
  scope: Construct, props: LambdaTrailConfigRuleProps, organization: Organization | undefined, reports: ReportDestination | undefined,
): AcknowledgementFileEntry[] {
  const fromProp = readEntries(scope, 'acknowledgements', props.acknowledgements ?? []);
  let fromFile: AcknowledgementFileEntry[] = [];
  if (props.acknowledgementsFile !== undefined) {
    const file = props.acknowledgementsFile;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new LambdaTrailError('InvalidAcknowledgements', `acknowledgementsFile is '${file}', which cannot be read (${(error as Error).message}); expected a JSON file in the format of lambda-trail's --acknowledgements`, scope);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new LambdaTrailError('InvalidAcknowledgements', `acknowledgementsFile '${file}' is not JSON (${(error as Error).message}); expected the format of lambda-trail's --acknowledgements`, scope);
    }
    fromFile = readEntries(scope, `acknowledgementsFile '${file}'`, parsed);
  }
  const all = [...fromProp, ...fromFile];
  // The organization's variables share the limit (the account id at most 12 digits once deployed), and
  // so do the reports' (the bucket's name counts at its longest, as it may be a token here).
  const organizationBytes = organization
    ? MEMBER_ROLE_NAME_ENV.length + organization.memberRoleName.length + ADMINISTRATOR_ACCOUNT_ENV.length + 12
    : 0;
  const reportBytes = reports ? REPORT_BUCKET_ENV.length + MAX_BUCKET_NAME_LENGTH + REPORT_PREFIX_ENV.length + Buffer.byteLength(reports.prefix, 'utf8') : 0;
  const bytes = Buffer.byteLength(JSON.stringify(all), 'utf8') + ACKNOWLEDGEMENTS_ENV.length + organizationBytes + reportBytes;
  if (all.length && bytes > MAX_ENVIRONMENT_BYTES) {
    throw new LambdaTrailError('InvalidAcknowledgements', `acknowledgements take ${bytes} bytes as the function's environment variable ${ACKNOWLEDGEMENTS_ENV}; expected at most ${MAX_ENVIRONMENT_BYTES} (Lambda's limit on a function's environment): acknowledge fewer resources or shorten the reasons`, scope);
  }
  return all;
}

function readEntries(scope: Construct, source: string, value: unknown): AcknowledgementFileEntry[] {
  const read = parseAcknowledgementEntries(value);
  if ('problem' in read) throw new LambdaTrailError('InvalidAcknowledgements', `${source}: ${read.problem}`, scope);
  read.entries.forEach((entry, i) => {
    if (entry.reason.trim().length < MIN_REASON_LENGTH) {
      throw new LambdaTrailError('InvalidAcknowledgements', `${source}: entry ${i}: "reason" is '${entry.reason}'; expected ${MIN_REASON_LENGTH} characters or more that say why ${entry.rule} does not apply to ${entry.resource} (an auditor reads it in the annotation)`, scope);
    }
  });
  return read.entries;
}

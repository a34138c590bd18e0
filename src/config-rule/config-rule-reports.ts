// Where LambdaTrailConfigRule's function writes the JSON report of each run (evidence for auditors):
// the bucket it creates when none is given, the prefix, and the only permissions the function gets
// on them. The handler reads the bucket and prefix from the environment variables named here
// (cli/src/config-rule/report-writer.ts).
import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeReportAccessLogsBucketFindings, acknowledgeReportBucketFindings } from './config-rule-validator-acknowledgements';
import { LambdaTrailError } from '../errors';
import { ABORT_INCOMPLETE_UPLOADS_RULE, denyGrantsExceptForAwsResourcesStatement, secureBucketProps } from '../trail/secure-defaults';

/** The environment variable that names the reports' bucket (cli/src/config-rule/report-writer.ts). */
export const REPORT_BUCKET_ENV = 'LAMBDA_TRAIL_REPORT_BUCKET';
/** The environment variable that holds the reports' key prefix. */
export const REPORT_PREFIX_ENV = 'LAMBDA_TRAIL_REPORT_PREFIX';
/** The reports' key prefix when none is given. */
export const DEFAULT_REPORT_PREFIX = 'lambda-trail-reports/';
/** The longest a bucket name can be: what the environment must leave room for. */
export const MAX_BUCKET_NAME_LENGTH = 63;

const S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY = '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy';

/** The reports' destination, once decided. */
export interface ReportDestination {
  readonly bucket: s3.IBucket;
  readonly prefix: string;
  /** The key the function encrypts with (the created bucket's, or the given bucket's when it is known). */
  readonly key?: kms.IKey;
}

/** What the props say about reports. */
export interface ReportOptions {
  readonly reports?: boolean;
  readonly reportBucket?: s3.IBucket;
  readonly reportPrefix?: string;
}

/** The destination the options ask for (a new bucket unless one is given), or undefined when reports are off. */
export function reportDestinationOf(scope: Construct, options: ReportOptions): ReportDestination | undefined {
  if (options.reports === false && options.reportBucket) {
    throw new LambdaTrailError('InvalidReportOptions', 'reports is false and reportBucket is given; expected reportBucket only with reports left unset or true (reportBucket alone turns reports on)', scope);
  }
  if (!options.reports && !options.reportBucket) {
    if (options.reportPrefix !== undefined) {
      throw new LambdaTrailError('InvalidReportOptions', `reportPrefix is '${options.reportPrefix}' and reports are off; expected reportPrefix only with reports: true or a reportBucket`, scope);
    }
    return undefined;
  }
  const prefix = checkedPrefix(scope, options.reportPrefix ?? DEFAULT_REPORT_PREFIX);
  if (options.reportBucket) return { bucket: options.reportBucket, prefix, key: options.reportBucket.encryptionKey };
  const { bucket, key } = createReportBucket(scope);
  return { bucket, prefix, key };
}

/**
 * Only `s3:PutObject` on the reports' prefix, and `kms:GenerateDataKey` on the bucket's key (what
 * S3 asks of the writer of an SSE-KMS object in one part): the function can neither read nor delete
 * a report, nor write anywhere else.
 */
export function reportWriteStatements(destination: ReportDestination): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ sid: 'WriteRunReports', actions: ['s3:PutObject'], resources: [destination.bucket.arnForObjects(`${destination.prefix}*`)] }),
    ...(destination.key ? [new iam.PolicyStatement({ sid: 'EncryptRunReports', actions: ['kms:GenerateDataKey'], resources: [destination.key.keyArn] })] : []),
  ];
}

/** The function's environment for the reports. */
export function reportEnvironment(destination: ReportDestination): Record<string, string> {
  return { [REPORT_BUCKET_ENV]: destination.bucket.bucketName, [REPORT_PREFIX_ENV]: destination.prefix };
}

function checkedPrefix(scope: Construct, prefix: string): string {
  const expected = 'expected a literal S3 key prefix that ends with \'/\' and does not start with it, of letters, digits and ! - _ . * \' ( ) /, such as \'lambda-trail-reports/\'';
  if (Token.isUnresolved(prefix)) throw new LambdaTrailError('InvalidReportOptions', `reportPrefix is a token; ${expected}`, scope);
  if (!/^([A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]*\/)?$/.test(prefix) || prefix.includes('//') || prefix.length > 512) {
    throw new LambdaTrailError('InvalidReportOptions', `reportPrefix is '${prefix}'; ${expected}`, scope);
  }
  return prefix;
}

/**
 * The bucket the construct creates for the reports: SSE-KMS with its own rotated key (readers of the
 * evidence get decrypt on this key without any right on the logs' key), versioned, Block Public
 * Access, TLS only, server access logs to a bucket of their own, and retained: it holds audit evidence.
 */
function createReportBucket(scope: Construct): { bucket: s3.Bucket; key: kms.Key } {
  scope.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
  const key = new kms.Key(scope, 'ReportKey', {
    enableKeyRotation: true,
    description: 'LambdaTrailConfigRule: encrypts the JSON reports of the rule\'s runs',
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(denyGrantsExceptForAwsResourcesStatement());
  const accessLogs = new s3.Bucket(scope, 'ReportAccessLogsBucket', {
    ...secureBucketProps(),
    encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules: [ABORT_INCOMPLETE_UPLOADS_RULE],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledgeReportAccessLogsBucketFindings(accessLogs);
  const bucket = new s3.Bucket(scope, 'ReportBucket', {
    ...secureBucketProps(),
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'report-bucket/',
    lifecycleRules: [ABORT_INCOMPLETE_UPLOADS_RULE],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledgeReportBucketFindings(bucket);
  return { bucket, key };
}

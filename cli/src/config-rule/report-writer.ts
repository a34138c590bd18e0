// The JSON report of a run, written to S3 as evidence when LambdaTrailConfigRule has `reports` on:
// the construct names the bucket and prefix in the function's environment. Written after the
// evaluations were sent, so that a failed write never keeps AWS Config from its results; it then
// fails the run, so that Lambda's Errors metric and the rule's status show it.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Report } from 'cdk-compliant-lambda-trail/engine';
import { apiFailure } from '../errors';
import { reportJson } from '../output/report-json';

/** The environment variable that names the bucket (set by LambdaTrailConfigRule). */
export const REPORT_BUCKET_ENV = 'LAMBDA_TRAIL_REPORT_BUCKET';
/** The environment variable that holds the key prefix, e.g. `lambda-trail-reports/`. */
export const REPORT_PREFIX_ENV = 'LAMBDA_TRAIL_REPORT_PREFIX';

/** Where a run's report goes. */
export interface ReportTarget {
  readonly bucket: string;
  readonly prefix: string;
}

/** The report's bucket and prefix from the function's environment, or undefined when reports are off. */
export function reportTargetOf(env: NodeJS.ProcessEnv): ReportTarget | undefined {
  const bucket = env[REPORT_BUCKET_ENV];
  if (!bucket) return undefined;
  return { bucket, prefix: env[REPORT_PREFIX_ENV] ?? '' };
}

/**
 * `<prefix><account>/<region>/<time>-<messageType>.json`: sorted by account, region, then time. The
 * time is the run's, in ISO 8601 basic format (`20261207T080000.123Z`): no `:`, which some file
 * systems refuse when the evidence is downloaded.
 */
export function reportKey(target: ReportTarget, account: string, region: string, at: Date, messageType: string): string {
  const time = at.toISOString().replace(/[-:]/g, '');
  return `${target.prefix}${account}/${region}/${time}-${messageType}.json`;
}

/** Writes the report; throws, saying what was already sent, when S3 refuses it. */
export async function writeReport(s3: S3Client, target: ReportTarget, key: string, report: Report, sent: string): Promise<void> {
  try {
    await s3.send(new PutObjectCommand({
      Bucket: target.bucket,
      Key: key,
      Body: reportJson(report),
      ContentType: 'application/json',
    }));
  } catch (error) {
    throw new Error(`${apiFailure('s3:PutObject', error)}: the run's report was not written to s3://${target.bucket}/${key}; ${sent}`);
  }
}

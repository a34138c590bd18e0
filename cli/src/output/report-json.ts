// The report as one JSON document (docs/report.schema.json): what `--format json` prints and what
// LambdaTrailConfigRule's runs write to S3, byte for byte the same.
import type { Report } from 'cdk-compliant-lambda-trail/engine';

/** The report serialized as `lambda-trail audit --format json` prints it: indented by two spaces, with a final newline. */
export function reportJson(report: Report): string {
  return `${JSON.stringify(report, undefined, 2)}\n`;
}

// The warnings the trail constructs give about their own options, with ids in the rules' scheme
// (the rules are CLT0-CLT21 and CLT30-CLT31; these are CLT40-CLT45). Each is data, as a rule is:
// the message starts with `[CLT4x]` like the rules' messages, and acknowledging the id removes it.
// Data only, without aws-cdk-lib: the engine (and the CLI) reads it; add-construct-warning.ts adds them.
import { ControlMapping, LAMBDA_CONTROL, LOG_PROTECTION, NIST_AU11 } from '../rules/controls';

/**
 * Metadata a construct records for each of its warnings, acknowledged or not, so the checks can list
 * them in the report (aws-cdk-lib removes an acknowledged warning's annotation).
 */
export const CONSTRUCT_WARNING_METADATA = 'cdk-compliant-lambda-trail:warning';

/** The data of that metadata: the warning's id, its detail (the report's `detail`), and its message as annotated. */
export interface ConstructWarningMetadata {
  readonly id: string;
  readonly detail: string;
  readonly message: string;
}

/** A warning a trail construct gives about its own options. */
export interface ConstructWarning {
  /** Stable id: `Validations.of(construct).acknowledge({ id, reason })` removes the warning. */
  readonly id: string;
  readonly title: string;
  /** Why it matters, for the report and the docs. */
  readonly explanation: string;
  readonly fix: string;
  /** The controls it serves. */
  readonly controls: ControlMapping[];
}

export const SHORT_LOG_RETENTION: ConstructWarning = {
  id: 'CLT40',
  title: 'CloudWatch Logs retention under one year',
  explanation: 'The trail\'s CloudWatch Logs group keeps events for less than the year audits expect; metric filters and alarms still work, and the S3 log files are not affected.',
  fix: 'Set logRetention to logs.RetentionDays.ONE_YEAR or longer, or acknowledge CLT40 with the reason (for example: the group serves alarms only and the S3 log files are kept).',
  controls: [NIST_AU11, ...LOG_PROTECTION],
};

export const LOG_EXPIRY: ConstructWarning = {
  id: 'CLT41',
  title: 'Log files expire within a year',
  explanation: 'A lifecycle rule of the log bucket deletes CloudTrail log files before the year audits expect; nothing that holds audit logs is deleted by default, so this rule was added on purpose.',
  fix: 'Expire log files after at least 365 days, or not at all, or acknowledge CLT41 with the reason (for example: the log files are replicated to an archive that keeps them).',
  controls: [NIST_AU11, ...LOG_PROTECTION],
};

export const IMPORTED_KEY_POLICY: ConstructWarning = {
  id: 'CLT42',
  title: 'Key policy statements to add by hand',
  explanation: 'CloudTrail encrypts log files only with a key whose policy allows it (the trail fails to create otherwise), and CloudWatch Logs and the account\'s readers need statements too; a key imported into the app cannot be given them by this construct.',
  fix: 'Add the statements listed below to the key policy where the key is defined, then acknowledge CLT42 with a reason that says where they were added.',
  controls: LOG_PROTECTION,
};

export const IMPORTED_BUCKET_POLICY: ConstructWarning = {
  id: 'CLT43',
  title: 'Bucket policy statements to add by hand',
  explanation: 'CloudTrail delivers log files only to a bucket whose policy lets it check the bucket ACL and write under AWSLogs/; a bucket imported into the app cannot be given those statements by this construct.',
  fix: 'Add the statements listed below to the bucket policy where the bucket is defined, then acknowledge CLT43 with a reason that says where they were added.',
  controls: LOG_PROTECTION,
};

export const IMPORTED_TOPIC_POLICY: ConstructWarning = {
  id: 'CLT44',
  title: 'Topic policy statement to add by hand',
  explanation: 'CloudTrail publishes delivery notifications only to a topic whose policy allows it; a topic imported into the app cannot be given that statement by this construct.',
  fix: 'Add the statement listed below to the topic policy where the topic is defined, then acknowledge CLT44 with a reason that says where it was added.',
  controls: LOG_PROTECTION,
};

export const LIMITED_SELECTION_ON_COMPLIANT_TRAIL: ConstructWarning = {
  id: 'CLT45',
  title: 'CompliantLambdaTrail limits Lambda data events',
  explanation: 'CompliantLambdaTrail stands for the control\'s implementation plan: every current and future function. Recording only some functions is the control\'s backout plan, which CostLimitedLambdaTrail makes a deliberate, visible choice; the checks also report the trail\'s limited scope as CLT3.',
  fix: 'Use CostLimitedLambdaTrail with the same scope, id and functions (an in-place change that keeps every logical ID), or leave functions out to record every function, or acknowledge CLT45 with the reason.',
  controls: [LAMBDA_CONTROL],
};

/** Every construct warning, in id order; a test pins the ids. */
export const CONSTRUCT_WARNINGS: readonly ConstructWarning[] = [
  SHORT_LOG_RETENTION, LOG_EXPIRY, IMPORTED_KEY_POLICY, IMPORTED_BUCKET_POLICY, IMPORTED_TOPIC_POLICY,
  LIMITED_SELECTION_ON_COMPLIANT_TRAIL,
];

import { LOG_PROTECTION, NIST_AU10 } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT6: log file integrity validation must be on. */
export const logFileValidation: TrailRule = {
  id: 'CLT6',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Log file validation is off',
  explanation: 'Log file validation writes signed digest files, so an auditor can prove that no log file was changed or deleted after delivery.',
  fix: 'Set EnableLogFileValidation to true.',
  liveFix: 'aws cloudtrail update-trail --name TRAIL_ARN --enable-log-file-validation',
  controls: [...LOG_PROTECTION, NIST_AU10],
  undecided: 'When EnableLogFileValidation is a value known only at deployment (a parameter, an import, a condition): CLT0 naming CLT6.',
  check({ trail }) {
    if (trail.logFileValidation === false) return 'EnableLogFileValidation is not true';
    if (trail.logFileValidation === undefined) return new Undecided(`EnableLogFileValidation is ${NOT_KNOWN}`);
    return undefined;
  },
};

import { LOG_PROTECTION, NIST_AU10 } from './controls';
import { FindingLevel, TrailRule } from './rule';

/** CLT6: log file integrity validation must be on. */
export const logFileValidation: TrailRule = {
  id: 'CLT6',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Log file validation is off',
  explanation: 'Log file validation writes signed digest files, so an auditor can prove that no log file was changed or deleted after delivery.',
  fix: 'Set EnableLogFileValidation to true.',
  controls: [...LOG_PROTECTION, NIST_AU10],
  check({ trail }) {
    return trail.logFileValidation === false ? 'EnableLogFileValidation is not true' : undefined;
  },
};

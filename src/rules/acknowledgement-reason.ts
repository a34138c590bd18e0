import { LAMBDA_CONTROL } from './controls';
import { FindingLevel, RuleInfo } from './rule';

/** Reasons shorter than this are not accepted: an auditor needs to read why. */
export const MIN_REASON_LENGTH = 10;

/** CLT30: an acknowledgement whose reason is too short to be accepted. */
export const acknowledgementReason: RuleInfo = {
  id: 'CLT30',
  level: FindingLevel.ERROR,
  title: 'An acknowledgement\'s reason is under 10 characters',
  explanation: 'An acknowledgement is evidence for an auditor: it must say why the finding does not apply or who accepted the risk. A reason under 10 characters is not accepted, so the finding it acknowledges stays open.',
  fix: 'Write a reason an auditor can check, e.g. \'Backout plan approved in CHG-1042 until cost alarms exist\'.',
  liveFix: 'Write a reason an auditor can check in the acknowledgements file entry, e.g. \'Backout plan approved in CHG-1042 until cost alarms exist\'.',
  controls: [LAMBDA_CONTROL],
  undecided: 'Nothing: an acknowledgement\'s reason is known at synth.',
};

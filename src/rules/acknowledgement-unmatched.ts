import { LAMBDA_CONTROL } from './controls';
import { FindingLevel, RuleInfo } from './rule';

/** CLT31: an acknowledgement that matches no finding. */
export const acknowledgementUnmatched: RuleInfo = {
  id: 'CLT31',
  level: FindingLevel.WARNING,
  title: 'An acknowledgement matches no finding',
  explanation: 'An acknowledgement of a rule id that no finding on the construct (or below it) has is either a typo (CTL5 for CLT5), on the wrong construct, or left over after the finding was fixed. A typo leaves the finding it meant open.',
  fix: 'Correct the id or the construct it is made on, or remove the acknowledgement if the finding is gone.',
  liveFix: 'Correct the rule id or the resource ARN of the acknowledgements file entry, or remove the entry if the finding is gone.',
  controls: [LAMBDA_CONTROL],
  undecided: 'Nothing: it compares the ids acknowledged with the findings reported.',
};

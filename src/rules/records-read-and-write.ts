import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { lambdaRecording } from '../model/lambda-scope';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT2: Lambda data events must be recorded read and write. */
export const recordsReadAndWrite: TrailRule = {
  id: 'CLT2',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Lambda data events are read-only or write-only',
  explanation: 'The control requires Lambda data events with both Read and Write checked. Invoke is a write event (readOnly false), so a read-only selector records no invocation at all. Only readOnly (advanced) and ReadWriteType (basic) make a selector read-only or write-only; conditions on other fields (eventName, who invoked) limit which events are recorded, which CLT1 and CLT3 report.',
  fix: 'Remove the readOnly field selector (advanced) or set ReadWriteType to All (basic) on the Lambda data event selector.',
  liveFix: 'lambda-trail remediate --trail TRAIL_ARN --all replaces the read-only or write-only Lambda selector with one that records both, and keeps every other selector: read its plan, then run it again with --apply.',
  controls: EVENT_LOGGING,
  undecided: 'When readOnly or ReadWriteType, or the selectors themselves, are not known before deployment (a parameter, an import, a condition): CLT0 naming CLT2.',
  check({ trail }) {
    const { write, readOnly } = lambdaRecording(trail);
    if (write === true && readOnly === true) return undefined;
    // No Lambda data event at all is CLT1's finding.
    if (write === false && readOnly === false) return undefined;
    if (write === true && readOnly === false) return 'Lambda data events are recorded write-only (read-only events are left out)';
    if (readOnly === true && write === false) return 'Lambda data events are recorded read-only, so no invocation (a write event) is recorded';
    return new Undecided(`whether Lambda data events are recorded read and write depends on values ${NOT_KNOWN}`);
  },
};

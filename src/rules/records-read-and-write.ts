import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule } from './rule';
import { lambdaRecording } from '../model/lambda-scope';

/** CLT2: Lambda data events must be recorded read and write. */
export const recordsReadAndWrite: TrailRule = {
  id: 'CLT2',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Lambda data events are read-only or write-only',
  explanation: 'The control requires Lambda data events with both Read and Write checked. Invoke is a write event (readOnly false), so a read-only selector records no invocation at all.',
  fix: 'Remove the readOnly field selector (advanced) or set ReadWriteType to All (basic) on the Lambda data event selector.',
  controls: EVENT_LOGGING,
  check({ trail }) {
    const recording = lambdaRecording(trail);
    // Invoke is a write event; whether every invocation is recorded is CLT1's and coverage's concern.
    const write = recording.some;
    if (write === true && recording.readOnly === false) return 'Lambda data events are recorded write-only (read-only events are left out)';
    if (recording.readOnly === true && write === false) return 'Lambda data events are recorded read-only, so no invocation (a write event) is recorded';
    return undefined;
  },
};

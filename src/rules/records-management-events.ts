import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule } from './rule';
import { managementEvent, recordsEvent } from '../model/event-matcher';

/** CLT4: management events must be recorded, read and write. */
export const recordsManagementEvents: TrailRule = {
  id: 'CLT4',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Management events are not recorded, or not both read and write',
  explanation: 'The control requires management events as well as data events: they record who created, changed or deleted functions and their permissions. With advanced selectors, management events are recorded only if a selector with eventCategory Management exists.',
  fix: 'Add an advanced event selector with only eventCategory Equals Management (or a basic selector with IncludeManagementEvents true and ReadWriteType All).',
  controls: EVENT_LOGGING,
  check({ trail }) {
    const read = recordsEvent(trail, managementEvent(true));
    const write = recordsEvent(trail, managementEvent(false));
    if (read === false && write === false) return 'management events are not recorded';
    if (read === false) return 'read-only management events are not recorded';
    if (write === false) return 'write management events are not recorded';
    return undefined;
  },
};

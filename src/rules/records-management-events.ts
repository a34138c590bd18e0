import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
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
  check({ trail, elsewhere }) {
    const read = recordsEvent(trail, managementEvent(true));
    const write = recordsEvent(trail, managementEvent(false));
    if (read === true && write === true) return undefined;
    if (read === undefined || write === undefined) return new Undecided('the event selectors are not known before deployment');
    if (elsewhere.management === true) return undefined;
    const what = read === false && write === false ? 'management events are not recorded'
      : read === false ? 'read-only management events are not recorded' : 'write management events are not recorded';
    if (elsewhere.management === undefined) return new Undecided(`${what}, and whether another trail of its account and regions records them depends on values not known before deployment`);
    return `${what}, and no other logging trail of its account and regions records them`;
  },
};

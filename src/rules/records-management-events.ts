import { EVENT_LOGGING } from './controls';
import { FindingLevel, TrailRule, Undecided } from './rule';
import { effectiveSelectors, FieldRange, managementEvent, recordsEvent } from '../model/event-matcher';
import { describeFieldSelector, TrailModel } from '../model/trail-model';
import { NOT_KNOWN } from '../model/unknown-value';

/** CLT4: management events must be recorded, read and write, from every source. */
export const recordsManagementEvents: TrailRule = {
  id: 'CLT4',
  level: FindingLevel.ERROR,
  appliesTo: 'trail',
  title: 'Management events are not recorded, or not both read and write',
  explanation: 'The control requires management events as well as data events: they record who created, changed or deleted functions and their permissions. With advanced selectors, management events are recorded only if a selector with eventCategory Management exists. Excluding event sources (basic ExcludeManagementEventSources, advanced eventSource NotEquals kms.amazonaws.com or rdsdata.amazonaws.com) leaves management events unrecorded too: AWS Config\'s multi-region-cloudtrail-enabled rule is NON_COMPLIANT when ExcludeManagementEventSources is not empty or management events are excluded. A trail is not faulted when the other logging trails of the same account and regions record them all, one of them alone or together with this trail, condition by condition (one records read-only events, another write events).',
  fix: 'Add an advanced event selector with only eventCategory Equals Management (or a basic selector with IncludeManagementEvents true, ReadWriteType All and no ExcludeManagementEventSources).',
  liveFix: 'lambda-trail remediate --trail TRAIL_ARN adds a management events selector, read and write, when no other logging trail of the account and regions records them. Sources left out (ExcludeManagementEventSources, eventSource NotEquals) it keeps: remove them with aws cloudtrail put-event-selectors --trail-name TRAIL_ARN.',
  controls: EVENT_LOGGING,
  undecided: 'When the selectors or values in them are not known before deployment (a parameter, an import, a condition), or whether another logging trail of the account records management events depends on such values: CLT0 naming CLT4.',
  check({ trail, elsewhere }) {
    const read = recordsEvent(trail, managementEvent(true));
    const write = recordsEvent(trail, managementEvent(false));
    if (read === true && write === true) return undefined;
    if (elsewhere.management === true) return undefined;
    if (read === undefined || write === undefined) {
      return new Undecided(trail.selectorsUnknown ? `the event selectors are ${NOT_KNOWN}` : `whether every management event is recorded depends on values ${NOT_KNOWN}`);
    }
    const what = gap(trail);
    if (elsewhere.management === undefined) return new Undecided(`${what}, and whether the other trails of its account and regions record them depends on values ${NOT_KNOWN}`);
    return `${what}, and the other logging trails of its account and regions do not record them, alone or together with it`;
  },
};

/** What of the management events the trail leaves out, for people. */
function gap(trail: TrailModel): string {
  const readSome = recordsEvent(trail, managementEvent(true, FieldRange.SOME));
  const writeSome = recordsEvent(trail, managementEvent(false, FieldRange.SOME));
  if (readSome === false && writeSome === false) return 'management events are not recorded';
  if (readSome === false) return 'read-only management events are not recorded';
  if (writeSome === false) return 'write management events are not recorded';
  const conditions = effectiveSelectors(trail)
    .filter(s => s.fieldSelectors.some(f => f.field === 'eventCategory' && (f.operators.Equals ?? []).includes('Management')))
    .flatMap(s => s.fieldSelectors.filter(f => f.field !== 'eventCategory' && f.field !== 'readOnly'))
    .map(describeFieldSelector);
  return `not every management event is recorded${conditions.length ? ` (${[...new Set(conditions)].join('; ')})` : ''}`;
}

// The monitoring's filter patterns, run by the test evaluator of CloudWatch Logs' JSON filter syntax
// (filter-pattern.ts, itself checked against the CloudWatch Logs guide's examples) on CloudTrail records
// as CloudTrail writes them to CloudWatch Logs: one record per log event, in the fields of CloudTrail's
// record contents (test/fixtures/cloudtrail-records/; the Invoke records have the shape of a published
// Lambda data event: resources[0].ARN is the unqualified function ARN, the version is in
// additionalEventData). moto's FilterLogEvents ignores JSON patterns, so it cannot judge them.
import * as fs from 'fs';
import * as path from 'path';
import { matchesFilterPattern } from './filter-pattern';
import { CIS_CLOUDTRAIL_CHANGES_PATTERN, invokeRecordPattern, TRAIL_RECORDING_CHANGES_PATTERN } from '../../src/trail/monitoring-patterns';

const RECORDS = path.join(__dirname, '..', 'fixtures', 'cloudtrail-records');
const PROBE = 'arn:aws:lambda:us-east-1:111111111111:function:Audit-TrailMonitoringProbe1A2B3C4D-AbCdEfGh1234';

/** The records a pattern matches, by file name. */
function matched(pattern: string): string[] {
  return fs.readdirSync(RECORDS).filter(f => f.endsWith('.json')).sort()
    .filter(f => matchesFilterPattern(pattern, fs.readFileSync(path.join(RECORDS, f), 'utf8')))
    .map(f => f.replace(/\.json$/, ''));
}

test('the CIS filter (CloudWatch.5) matches StopLogging, StartLogging, DeleteTrail and an UpdateTrail that was refused, nothing else', () => {
  expect(matched(CIS_CLOUDTRAIL_CHANGES_PATTERN)).toEqual(['delete-trail', 'start-logging', 'stop-logging', 'update-trail-access-denied']);
});

test('the recording-changes filter matches PutEventSelectors and PutInsightSelectors, not the reads GetEventSelectors and DescribeTrails', () => {
  expect(matched(TRAIL_RECORDING_CHANGES_PATTERN)).toEqual(['put-event-selectors', 'put-insight-selectors']);
});

test('the canary filter matches the probe\'s Invoke records (by ARN or by name in the request), not another function\'s nor one whose name starts with the probe\'s', () => {
  expect(matched(invokeRecordPattern(PROBE))).toEqual(['invoke-probe-by-name', 'invoke-probe']);
});

test('the same call to another service does not match the recording-changes filter', () => {
  const record = JSON.parse(fs.readFileSync(path.join(RECORDS, 'put-event-selectors.json'), 'utf8'));
  expect(matchesFilterPattern(TRAIL_RECORDING_CHANGES_PATTERN, JSON.stringify({ ...record, eventSource: 'example.amazonaws.com' }))).toBe(false);
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { combineAcknowledgements, FileAcknowledgements, readAcknowledgementsFile } from '../../src/acknowledgements-file';

const subject = (p: string) => ({ stackId: 's', logicalId: 'l', path: p, account: '111111111111', region: 'us-east-1' });
const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/audit';

test('an ARN names one resource exactly', () => {
  const acks = new FileAcknowledgements([{ resource: TRAIL, rule: 'CLT3', reason: 'Backout plan CHG-1042' }]);
  expect(acks.find(subject(TRAIL), 'CLT3')?.reason).toBe('Backout plan CHG-1042');
  expect(acks.find(subject(TRAIL), 'CLT8')).toBeUndefined();
  expect(acks.find(subject(`${TRAIL}-2`), 'CLT3')).toBeUndefined();
  expect(acks.find(subject(`${TRAIL}/x`), 'CLT3')).toBeUndefined();
});

test('a template path covers the resources under it; the nearest wins', () => {
  const acks = new FileAcknowledgements([
    { resource: 'Prod', rule: 'CLT9', reason: 'CloudWatch Logs are not used in Prod' },
    { resource: 'Prod/Audit/Trail', rule: 'CLT9', reason: 'This trail ships logs to the SIEM instead' },
  ]);
  expect(acks.find(subject('Prod/Audit/Trail'), 'CLT9')?.path).toBe('Prod/Audit/Trail');
  expect(acks.find(subject('Prod/Other/Trail'), 'CLT9')?.path).toBe('Prod');
  expect(acks.find(subject('Production/Trail'), 'CLT9')).toBeUndefined();
  expect(acks.all()).toHaveLength(2);
});

test('the file\'s and the cloud assembly\'s acknowledgements together: the nearest of either wins', () => {
  const file = new FileAcknowledgements([{ resource: 'Prod', rule: 'CLT9', reason: 'CloudWatch Logs are not used in Prod' }]);
  const assembly = new FileAcknowledgements([{ resource: 'Prod/Audit/Trail', rule: 'CLT9', reason: 'Acknowledged in the app with a reason' }]);
  const both = combineAcknowledgements([file, assembly]);
  expect(both.find(subject('Prod/Audit/Trail'), 'CLT9')?.reason).toBe('Acknowledged in the app with a reason');
  expect(both.find(subject('Prod/X'), 'CLT9')?.reason).toBe('CloudWatch Logs are not used in Prod');
  expect(both.all()).toHaveLength(2);
});

test('the file is an object with an acknowledgements array, or that array alone (both documented)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trail-acks-'));
  const entries = [{ resource: TRAIL, rule: 'CLT3', reason: 'Backout plan approved in CHG-1042' }];
  fs.writeFileSync(path.join(dir, 'object.json'), JSON.stringify({ acknowledgements: entries }));
  fs.writeFileSync(path.join(dir, 'array.json'), JSON.stringify(entries));
  expect(readAcknowledgementsFile(path.join(dir, 'object.json'))).toEqual(entries);
  expect(readAcknowledgementsFile(path.join(dir, 'array.json'))).toEqual(entries);
});

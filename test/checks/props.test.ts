import { LambdaTrailChecks } from '../../src';

describe('LambdaTrailChecksProps', () => {
  test('accepts no props, external trails and a report file name', () => {
    expect(() => new LambdaTrailChecks()).not.toThrow();
    expect(() => new LambdaTrailChecks({
      reportFileName: 'audit-evidence.json',
      externalTrails: [{ name: 'org', organizationTrail: true }, { name: 'eu', account: '222222222222', multiRegion: false, region: 'eu-west-1' }],
    })).not.toThrow();
  });

  test('fails when an external single-region trail has no region', () => {
    expect(() => new LambdaTrailChecks({ externalTrails: [{ name: 'eu', account: '222222222222', multiRegion: false }] }))
      .toThrow('externalTrails[0] (eu): multiRegion is false but region was not given; expected the region the trail records');
  });

  test('fails when an external trail that is not an organization trail has no account', () => {
    expect(() => new LambdaTrailChecks({ externalTrails: [{ name: 'acct', organizationTrail: false }] }))
      .toThrow('externalTrails[0] (acct): organizationTrail is false but account was not given; expected the 12-digit account the trail records');
  });

  test('fails when an external trail account is not 12 digits', () => {
    expect(() => new LambdaTrailChecks({ externalTrails: [{ name: 'ok', organizationTrail: true }, { name: 'bad', account: '1234' }] }))
      .toThrow("externalTrails[1] (bad): account '1234' is not an AWS account id; expected 12 digits");
  });

  test.each(['../outside.json', 'report', 'sub/report.json'])('fails when reportFileName is %s', reportFileName => {
    expect(() => new LambdaTrailChecks({ reportFileName }))
      .toThrow(`reportFileName '${reportFileName}' is not a plain JSON file name; expected letters, digits, '.', '_' or '-' ending in .json`);
  });
});

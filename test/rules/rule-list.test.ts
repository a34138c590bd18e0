import { CHECKS_OWN_RULES, DELIVERY_RULES, FUNCTION_RULES, RULES, TRAIL_RULES } from '../../src/rules/rule-list';

describe('RULES', () => {
  test('pins the rule ids and levels', () => {
    expect(RULES.map(r => `${r.id} ${r.level}`)).toEqual([
      'CLT0 warning',
      'CLT1 error',
      'CLT2 error',
      'CLT3 warning',
      'CLT4 error',
      'CLT5 error',
      'CLT6 error',
      'CLT7 error',
      'CLT8 warning',
      'CLT9 warning',
      'CLT10 error',
      'CLT11 warning',
      'CLT12 error',
      'CLT13 error',
      'CLT14 error',
      'CLT20 error',
      'CLT21 warning',
      'CLT30 error',
      'CLT31 warning',
    ]);
  });

  test.each(RULES.map(r => [r.id, r]))('%s has a title, an explanation, a fix and at least one control', (_id, r) => {
    expect(r.title.trim().length).toBeGreaterThan(10);
    expect(r.explanation.trim().length).toBeGreaterThan(20);
    expect(r.fix.trim().length).toBeGreaterThan(10);
    expect(r.controls.length).toBeGreaterThan(0);
    for (const control of r.controls) {
      expect(control.framework).toMatch(/^[A-Za-z0-9-]+$/);
      expect(control.id.trim()).not.toEqual('');
      expect(control.title.trim()).not.toEqual('');
    }
  });

  test.each(RULES.map(r => [r.id, r]))('%s has a fix for a live account that is not its fix for an app', (_id, r) => {
    expect(r.liveFix?.trim().length).toBeGreaterThan(10);
    expect(r.liveFix).not.toEqual(r.fix);
    // A live account has no construct, no template and nothing "before deployment".
    expect(r.liveFix).not.toMatch(/LambdaTrailChecksProps|Validations|before deployment|at synth|replace CostLimitedLambdaTrail/);
  });

  test('ids are unique', () => {
    expect(new Set(RULES.map(r => r.id)).size).toEqual(RULES.length);
  });

  test('CLT20 and CLT21 apply to functions, CLT1 to CLT14 to trails; CLT0, CLT30 and CLT31 are the checks\' own', () => {
    expect(FUNCTION_RULES.map(r => r.id)).toEqual(['CLT20', 'CLT21']);
    expect(TRAIL_RULES.map(r => r.id)).toEqual(RULES.map(r => r.id).filter(id => !['CLT0', 'CLT20', 'CLT21', 'CLT30', 'CLT31'].includes(id)));
    expect(Object.keys(CHECKS_OWN_RULES)).toEqual(['CLT0', 'CLT30', 'CLT31']);
  });

  test('CLT12 (the key) and CLT14 (the bucket) are the rules whose findings stop delivery', () => {
    expect(DELIVERY_RULES.map(r => r.id)).toEqual(['CLT12', 'CLT14']);
  });
});

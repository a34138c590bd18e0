import { FUNCTION_RULES, RULES, TRAIL_RULES } from '../../src/rules/rule-list';

describe('RULES', () => {
  test('pins the rule ids and levels', () => {
    expect(RULES.map(r => `${r.id} ${r.level}`)).toEqual([
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
      'CLT20 error',
      'CLT21 warning',
    ]);
  });

  test.each(RULES.map(r => [r.id, r]))('%s has a title, an explanation, a fix and at least one control', (_id, r) => {
    expect(r.title.trim().length).toBeGreaterThan(10);
    expect(r.explanation.trim().length).toBeGreaterThan(20);
    expect(r.fix.trim().length).toBeGreaterThan(10);
    expect(r.controls.length).toBeGreaterThan(0);
    for (const control of r.controls) expect(control.trim()).not.toEqual('');
  });

  test('ids are unique', () => {
    expect(new Set(RULES.map(r => r.id)).size).toEqual(RULES.length);
  });

  test('CLT20 and CLT21 apply to functions, every other rule to trails', () => {
    expect(FUNCTION_RULES.map(r => r.id)).toEqual(['CLT20', 'CLT21']);
    expect(TRAIL_RULES.map(r => r.id)).toEqual(RULES.map(r => r.id).filter(id => id !== 'CLT20' && id !== 'CLT21'));
  });
});

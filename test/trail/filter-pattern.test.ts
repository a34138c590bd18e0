// The test evaluator of CloudWatch Logs JSON filter patterns (filter-pattern.ts), against the examples of
// the Amazon CloudWatch Logs User Guide, "Filter and pattern syntax" (JSON metric filter examples,
// compound conditions, special considerations, numeric comparisons, OR pattern matching): each pattern
// the guide says matches its example event matches, each it says does not, does not.
import { matchesFilterPattern } from './filter-pattern';

const GUIDE_EVENT = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
  SomeObject: null,
  ThisFlag: true,
});

const COMPOUND_EVENT = JSON.stringify({
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [{ id: 2, email: 'John.Doe@example.com' }, { id: 3, email: 'Jane.Doe@example.com' }],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
});

describe('the guide\'s JSON metric filter examples', () => {
  test.each([
    '{ $.eventType = "UpdateTrail" }',
    '{ $.sourceIPAddress != 123.123.* }',
    '{ $.arrayKey[0] = "value" }',
    '{ $.objectList[1].id = 2 }',
    '{ $.SomeObject IS NULL }',
    '{ $.SomeOtherObject NOT EXISTS }',
    '{ $.ThisFlag IS TRUE }',
  ])('%s matches', pattern => {
    expect(matchesFilterPattern(pattern, GUIDE_EVENT)).toBe(true);
  });

  test.each([
    '{ $.eventType = "CreateTrail" }',
    '{ $.sourceIPAddress != 111.111.* }',
    '{ $.arrayKey[1] = "value" }',
    '{ $.objectList[0].id = 2 }',
    '{ $.eventType IS NULL }',
    '{ $.SomeObject NOT EXISTS }',
    '{ $.ThisFlag IS FALSE }',
  ])('%s, a changed copy, does not match', pattern => {
    expect(matchesFilterPattern(pattern, GUIDE_EVENT)).toBe(false);
  });

  test('wildcards: *Event matches PutEvent, Event* matches EventId, Ev*ent only the string Ev*ent', () => {
    expect(matchesFilterPattern('{ $.a = *Event }', '{"a":"PutEvent"}')).toBe(true);
    expect(matchesFilterPattern('{ $.a = Event* }', '{"a":"EventId"}')).toBe(true);
    expect(matchesFilterPattern('{ $.a = "Ev*ent" }', '{"a":"Event"}')).toBe(false);
    expect(matchesFilterPattern('{ $.a = "Ev*ent" }', '{"a":"Ev*ent"}')).toBe(true);
  });
});

describe('the guide\'s compound conditions', () => {
  test.each([
    ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
    ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', true],
    ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', false],
  ])('%s: %s', (pattern, expected) => {
    expect(matchesFilterPattern(pattern, COMPOUND_EVENT)).toBe(expected);
  });
});

test('a selector that points to an array matches neither = nor != (the guide\'s special considerations)', () => {
  const event = JSON.stringify({ users: [1, 2, 3] });
  expect(matchesFilterPattern('{$.users = 1}', event)).toBe(false);
  expect(matchesFilterPattern('{$.users != 1}', event)).toBe(false);
});

test.each([
  ['{ $.latency >= 500 }', true],
  ['{ $.numbers[0] < 10e3 }', true],
  ['{ $.numbers[0] < 10e-3 }', false],
  ['{ $.processes[4].averageRuntime <= 55.5 }', true],
  ['{ $.errorCode = 400 }', true],
  ['{ $.errorCode != 500 }', true],
  ['{ $.latency > +1000 }', false],
])('the guide\'s numeric comparison %s on an event of its fields: %s', (pattern, expected) => {
  const event = JSON.stringify({ latency: 500, numbers: [7], processes: [{}, {}, {}, {}, { averageRuntime: 55.5 }], errorCode: 400 });
  expect(matchesFilterPattern(pattern, event)).toBe(expected);
});

test('the guide\'s OR example: {$.foo = bar || $.foo = baz } matches both events', () => {
  for (const foo of ['bar', 'baz']) {
    expect(matchesFilterPattern('{$.foo = bar}', JSON.stringify({ foo }))).toBe(foo === 'bar');
    expect(matchesFilterPattern('{$.foo = bar || $.foo = baz }', JSON.stringify({ foo }))).toBe(true);
  }
});

test('fails when the pattern is not one (no braces, a dangling operator)', () => {
  expect(() => matchesFilterPattern('$.a = b', '{}')).toThrow(/not in braces/);
  expect(() => matchesFilterPattern('{ $.a = }', '{}')).toThrow(/unexpected end of pattern/);
  expect(() => matchesFilterPattern('{ ($.a = b }', '{}')).toThrow(/unexpected end of pattern|expected '\)'/);
});

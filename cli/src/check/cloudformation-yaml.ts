// CloudFormation YAML: the short forms of intrinsic functions (`!Ref`, `!Sub`, `!GetAtt a.b`, ...)
// read as the JSON forms (`{ "Ref": ... }`), so a YAML template means what its JSON twin means.
import { parse, ScalarTag, CollectionTag } from 'yaml';

const FUNCTIONS = [
  'Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform',
  'And', 'Equals', 'If', 'Not', 'Or', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll',
  'Length', 'ToJsonString',
];

function fullName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** `!GetAtt Resource.Attribute` is a scalar; its long form takes the two parts. */
function getAttOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

const TAGS: (ScalarTag | CollectionTag)[] = [];
for (const name of [...FUNCTIONS, 'Ref', 'Condition', 'GetAtt']) {
  const key = fullName(name);
  const wrap = (value: unknown) => ({ [key]: name === 'GetAtt' ? getAttOf(value) : value });
  TAGS.push({ tag: `!${name}`, resolve: (value: string) => wrap(value) } as ScalarTag);
  TAGS.push({ tag: `!${name}`, collection: 'seq', resolve: (value: any) => wrap(value.toJSON()) } as unknown as CollectionTag);
  TAGS.push({ tag: `!${name}`, collection: 'map', resolve: (value: any) => wrap(value.toJSON()) } as unknown as CollectionTag);
}

/** Parses a CloudFormation template written in YAML (short-form intrinsic functions included). */
export function parseCloudFormationYaml(text: string): unknown {
  // YAML 1.1 would read `on`/`yes` as booleans and `2010-09-09` as a date; CloudFormation reads YAML 1.1 scalars
  // as strings unless they are plainly booleans or numbers, so the core schema (YAML 1.2) matches it better.
  return parse(text, { customTags: TAGS, schema: 'core', maxAliasCount: 1000, uniqueKeys: true });
}

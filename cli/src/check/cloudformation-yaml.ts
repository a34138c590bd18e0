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

/**
 * The booleans of YAML 1.1 that YAML 1.2's core schema reads as strings: `yes`, `no`, `on` and `off`,
 * in lower case, capitalized or upper case (YAML 1.1, "Boolean Language-Independent Type"). CloudFormation
 * reads them as booleans (`IsLogging: off` is false), as the YAML 1.1 parsers SnakeYAML and PyYAML do;
 * like them, and unlike the full YAML 1.1 list, the single letters `y` and `n` stay strings.
 */
const YAML_1_1_BOOLEANS: ScalarTag[] = [
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:[Yy]es|YES|[Oo]n|ON)$/, resolve: () => true },
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:[Nn]o|NO|[Oo]ff|OFF)$/, resolve: () => false },
];

/** Parses a CloudFormation template written in YAML (short-form intrinsic functions included). */
export function parseCloudFormationYaml(text: string): unknown {
  // The core schema (YAML 1.2) with YAML 1.1's booleans: CloudFormation reads `2010-09-09` as a string,
  // not as YAML 1.1's date, but `off` and `yes` as YAML 1.1's booleans.
  return parse(text, { customTags: [...YAML_1_1_BOOLEANS, ...TAGS], schema: 'core', maxAliasCount: 1000, uniqueKeys: true });
}

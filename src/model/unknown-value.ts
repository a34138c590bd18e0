// The one representation of a value not known at synth time (or not readable from the AWS APIs): a
// marker embedded in a string, so that partly known strings (an ARN whose account is a parameter)
// keep their known prefix and suffix for StartsWith and EndsWith conditions. Equal markers stand for
// the same unknown value.

const OPEN = '\u0001';
const CLOSE = '\u0002';

/** A marker that stands for a value not known at synth time; equal markers stand for the same value. */
export function unknownValue(description: string): string {
  return `${OPEN}${description}${CLOSE}`;
}

/** True when the string contains a value not known at synth time. */
export function hasUnknown(value: string): boolean {
  return value.includes(OPEN);
}

/** The part of the string before its first unknown value. */
export function knownPrefix(value: string): string {
  const i = value.indexOf(OPEN);
  return i < 0 ? value : value.slice(0, i);
}

/** The part of the string after its last unknown value. */
export function knownSuffix(value: string): string {
  const i = value.lastIndexOf(CLOSE);
  return i < 0 ? value : value.slice(i + 1);
}

/** A value for people: unknown markers become `<description>`. */
export function printable(value: string): string {
  return value.split(OPEN).map((part, i) => (i === 0 ? part : `<${part.replace(CLOSE, '>')}`)).join('');
}

/** The descriptions of the unknown values in a JSON value (strings, arrays, objects), each once. */
export function unknownsIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    for (const part of value.split(OPEN).slice(1)) found.add(part.slice(0, part.indexOf(CLOSE)));
  } else if (Array.isArray(value)) {
    for (const item of value) unknownsIn(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) unknownsIn(item, found);
  }
  return found;
}

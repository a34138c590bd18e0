/** A count with its noun, singular or plural: `1 region`, `2 regions`, `0 functions`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

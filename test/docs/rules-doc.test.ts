import * as fs from 'fs';
import * as path from 'path';
import { appliesToOf, definingFiles, renderRulesDoc, RULES_DOC } from '../../scripts/rules-doc';
import { describeControl } from '../../src/rules/controls';
import { RULES } from '../../src/rules/rule-list';
import { CONSTRUCT_WARNINGS } from '../../src/trail/construct-warnings';

const file = path.join(__dirname, '..', '..', RULES_DOC);

describe('docs/RULES.md', () => {
  test('is what scripts/rules-doc.ts renders from the rules (regenerate: npx ts-node --project test/tsconfig.json scripts/rules-doc.ts)', () => {
    expect(fs.readFileSync(file, 'utf8')).toEqual(renderRulesDoc());
  });

  test('has a summary row and a section with explanation, fix and controls for every rule', () => {
    const doc = renderRulesDoc();
    for (const rule of RULES) {
      expect(doc).toContain(`| ${rule.level} | ${appliesToOf(rule)} |`);
      expect(doc).toContain(`## ${rule.id}: ${rule.title}`);
      expect(doc).toContain(rule.explanation);
      expect(doc).toContain(rule.fix);
      for (const control of rule.controls) expect(doc).toContain(`- ${describeControl(control)}`);
    }
  });

  test('each rule\'s section names the file that defines it, found from the files\' exports', () => {
    const doc = renderRulesDoc();
    for (const rule of RULES) {
      const section = doc.slice(doc.indexOf(`## ${rule.id}: `), doc.indexOf('### Why', doc.indexOf(`## ${rule.id}: `)));
      const source = /\*\*Source:\*\* \[`(src\/rules\/[a-z-]+\.ts)`\]\(\.\.\/\1\)/.exec(section)?.[1];
      expect(source).toBeDefined();
      expect(fs.readFileSync(path.join(__dirname, '..', '..', source!), 'utf8')).toContain(`id: '${rule.id}',`);
    }
    expect(doc).toContain('They are defined in [`src/trail/construct-warnings.ts`](../src/trail/construct-warnings.ts).');
  });

  test('fails when a rule is defined by no file, or a file defines two rules', () => {
    expect(() => definingFiles('src/rules', [{ ...RULES[0] }])).toThrow(/no file of src\/rules exports 1 of them/);
    expect(() => definingFiles('src/trail', CONSTRUCT_WARNINGS.slice(0, 2), true)).toThrow('src/trail/construct-warnings.ts exports 2 of them; one file defines one');
  });

  test('summary links point at the rule sections', () => {
    const doc = renderRulesDoc();
    const headings = new Set([...doc.matchAll(/^## (.+)$/gm)].map(m => m[1].toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')));
    const links = [...doc.matchAll(/\]\(#([^)]+)\)/g)].map(m => m[1]);
    expect(links).toHaveLength(RULES.length);
    for (const link of links) expect(headings).toContain(link);
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { appliesToOf, renderRulesDoc, RULES_DOC } from '../../scripts/rules-doc';
import { describeControl } from '../../src/rules/controls';
import { RULES } from '../../src/rules/rule-list';

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

  test('summary links point at the rule sections', () => {
    const doc = renderRulesDoc();
    const headings = new Set([...doc.matchAll(/^## (.+)$/gm)].map(m => m[1].toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')));
    const links = [...doc.matchAll(/\]\(#([^)]+)\)/g)].map(m => m[1]);
    expect(links).toHaveLength(RULES.length);
    for (const link of links) expect(headings).toContain(link);
  });
});

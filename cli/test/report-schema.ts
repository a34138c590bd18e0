import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** Validates a report against the library's docs/report.schema.json (what --format json promises). */
export function expectValidReport(report: unknown): void {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'report.schema.json'), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  validate(report);
  expect(validate.errors ?? []).toEqual([]);
}

// Validates SARIF logs against the OASIS SARIF 2.1.0 schema that @microsoft/jest-sarif ships. The schema is
// draft-04; Ajv 8 reads it once its top-level `id` is renamed `$id` (no other draft-04-only keyword is used).
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';

const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validate: ReturnType<Ajv['compile']> | undefined;

export function sarifSchemaErrors(log: unknown): string[] {
  if (!validate) {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    schema.$id = schema.id;
    delete schema.id;
    delete schema.$schema;
    // unicodeRegExp off: the schema's `language` pattern has a stray ] that only non-unicode regular expressions accept.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
    ajv.addFormat('uri-reference', /^\S*$/);
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
    validate = ajv.compile(schema);
  }
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

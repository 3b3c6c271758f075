// The rule pages (docs/rules/MEMxxx.md) ship with the package beside dist/, so SARIF output can carry each rule's
// help text. Until a page exists the rule's one-line summary stands in.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RuleDoc {
  markdown: string;
  /** The first paragraph after the title: SARIF's fullDescription. */
  firstParagraph?: string;
}

/** dist/cli.js -> docs/rules; server/src/cli/*.ts (tests run from source) -> docs/rules. */
const CANDIDATE_DIRECTORIES = [join(__dirname, '..', 'docs', 'rules'), join(__dirname, '..', '..', '..', 'docs', 'rules')];

let directory: string | null | undefined;

export function ruleDocsDirectory(): string | undefined {
  if (directory === undefined) directory = CANDIDATE_DIRECTORIES.find((d) => existsSync(d)) ?? null;
  return directory ?? undefined;
}

export function loadRuleDoc(code: string, docsDirectory = ruleDocsDirectory()): RuleDoc | undefined {
  if (!docsDirectory) return undefined;
  let markdown: string;
  try {
    markdown = readFileSync(join(docsDirectory, `${code}.md`), 'utf8');
  } catch {
    return undefined;
  }
  return { markdown, firstParagraph: firstParagraph(markdown) };
}

function firstParagraph(markdown: string): string | undefined {
  const paragraphs = markdown.split(/\r?\n\s*\r?\n/).map((p) => p.trim());
  for (const p of paragraphs) {
    if (p.length === 0 || p.startsWith('#') || p.startsWith('```') || p.startsWith('|') || p.startsWith('<')) continue;
    return p.replace(/\s*\r?\n\s*/g, ' ');
  }
  return undefined;
}

#!/usr/bin/env node
// Lint Cypher with Neo4j's own linter (@neo4j-cypher/language-support, lintCypherQuery).
//
// usage: node tools/lint_cypher.mjs [--schema schema.json] [--cypher-version "CYPHER 5"] [--strict] FILE...
//
//   FILE.cypher  one statement; its header lines `// param NAME[:int]: text (example: VALUE)`
//                declare the parameters (an undeclared $parameter is an error)
//   FILE.json    a list of statements [{"name", "text", "parameters"}] or
//                {"schema": {...}, "statements": [...]} (python -m kg.neo4j_lint writes one)
//   --schema     a JSON DbSchema (labels, relationshipTypes, propertyKeys): unknown labels,
//                types and properties are reported as warnings
//   --strict     warnings fail too
//
// Prints FILE[#name]:LINE:COLUMN: error|warning: message, then a summary line.
// Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage error or a broken linter.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const require = createRequire(import.meta.url);
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function usage(message) {
  if (message) console.error(`lint_cypher: ${message}`);
  console.error('usage: node tools/lint_cypher.mjs [--schema schema.json] [--cypher-version "CYPHER 5"] [--strict] FILE.cypher|FILE.json ...');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { schema: {}, version: 'CYPHER 5', strict: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--schema') options.schema = JSON.parse(readFileSync(argv[++i] ?? usage('--schema needs a file'), 'utf8'));
    else if (arg === '--cypher-version') options.version = argv[++i] ?? usage('--cypher-version needs a value');
    else if (arg === '--strict') options.strict = true;
    else if (arg === '-h' || arg === '--help') usage();
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else options.files.push(arg);
  }
  if (options.files.length === 0) usage('no files to lint');
  return options;
}

// `// param NAME[:int]: description (example: VALUE)` -> { NAME: VALUE }
export function headerParameters(text) {
  const parameters = {};
  const pattern = /^\s*\/\/\s*param\s+([A-Za-z_][A-Za-z0-9_]*)(?::(str|int))?\s*:.*\(example:\s*(.*?)\)\s*$/;
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (!match) continue;
    const [, name, type, example] = match;
    if (type === 'int') parameters[name] = Number.parseInt(example, 10);
    else if (/^(\[|\{|null$|true$|false$)/.test(example)) parameters[name] = JSON.parse(example);
    else parameters[name] = example;
  }
  return parameters;
}

function statementsOf(file) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const data = JSON.parse(text);
    const list = Array.isArray(data) ? data : data.statements;
    if (!Array.isArray(list)) usage(`${file}: expected a list of statements or {"statements": [...]}`);
    return {
      schema: Array.isArray(data) ? {} : data.schema ?? {},
      statements: list.map((s, i) => ({ where: `${file}#${s.name ?? i + 1}`, text: s.text, parameters: s.parameters ?? {} })),
    };
  }
  return { schema: {}, statements: [{ where: file, text, parameters: headerParameters(text) }] };
}

function lint(text, schema) {
  return lintCypherQuery(text, schema).diagnostics;
}

function selfTest(version) {
  // A linter that reports nothing on a broken statement would let everything through.
  const broken = lint('MATCH (n RETURN n', { defaultLanguage: version });
  const undeclared = lint('MATCH (n) WHERE n.uri = $missing RETURN n', { defaultLanguage: version });
  if (!broken.some((d) => d.severity === 1) || !undeclared.some((d) => d.severity === 1)) {
    console.error('lint_cypher: the linter reported no error on a broken statement; is @neo4j-cypher/language-support installed and working?');
    process.exit(2);
  }
}

// The package's "exports" hide its package.json: find it above the resolved entry point.
function packageVersion() {
  let dir = dirname(require.resolve('@neo4j-cypher/language-support'));
  while (dir !== dirname(dir)) {
    try {
      const data = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (data.name === '@neo4j-cypher/language-support') return data.version;
    } catch {
      // no package.json here
    }
    dir = dirname(dir);
  }
  return 'unknown version';
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  selfTest(options.version);
  let errors = 0;
  let warnings = 0;
  let count = 0;
  for (const file of options.files) {
    const { schema: fileSchema, statements } = statementsOf(file);
    for (const statement of statements) {
      count++;
      if (!statement.text || !statement.text.trim()) {
        console.log(`${statement.where}:1:1: error: empty statement`);
        errors++;
        continue;
      }
      const schema = {
        ...options.schema,
        ...fileSchema,
        parameters: { ...(options.schema.parameters ?? {}), ...(fileSchema.parameters ?? {}), ...statement.parameters },
        defaultLanguage: options.version,
      };
      for (const d of lint(statement.text, schema)) {
        const severity = SEVERITY[d.severity] ?? 'error';
        if (severity === 'error') errors++;
        else if (severity === 'warning') warnings++;
        const { line, character } = d.range.start;
        console.log(`${statement.where}:${line + 1}:${character + 1}: ${severity}: ${d.message}`);
      }
    }
  }
  const version = packageVersion();
  console.log(`linted ${count} Cypher statement${count === 1 ? '' : 's'} (${options.version}, @neo4j-cypher/language-support ${version}): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  process.exit(errors > 0 || (options.strict && warnings > 0) ? 1 : 0);
}

main();

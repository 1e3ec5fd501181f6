#!/usr/bin/env node
// Prints the CHANGELOG.md section of a release, for the release workflow's notes:
//   node scripts/release-notes.mjs v1.2.3 [CHANGELOG.md]
// Fails (exit 1, a message on stderr) when the tag is not vX.Y.Z, when package.json says another
// version, or when the changelog has no non-empty `## [X.Y.Z]` section: a release never ships
// with notes that were not written for it.
import { readFileSync } from 'node:fs';

function fail(message) {
  process.stderr.write(`release-notes: ${message}\n`);
  process.exit(1);
}

const [tag, changelogPath = 'CHANGELOG.md'] = process.argv.slice(2);
const match = /^v(\d+\.\d+\.\d+)$/.exec(tag ?? '');
if (!match) fail(`the tag must be vX.Y.Z (got ${JSON.stringify(tag ?? '')})`);
const version = match[1];
const packageVersion = JSON.parse(readFileSync('package.json', 'utf8')).version;
if (packageVersion !== version) fail(`package.json has version ${packageVersion}, the tag ${tag}: bump package.json first`);

const lines = readFileSync(changelogPath, 'utf8').split('\n');
const heading = (line) => /^## /.test(line);
const start = lines.findIndex((line) => heading(line) && (line.startsWith(`## [${version}]`) || line.startsWith(`## ${version} `) || line === `## ${version}`));
if (start < 0) fail(`${changelogPath} has no section "## [${version}]"`);
const end = lines.findIndex((line, index) => index > start && heading(line));
const notes = lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
if (notes === '') fail(`the section of ${version} in ${changelogPath} is empty`);
process.stdout.write(`${notes}\n`);

// The release workflow's notes: scripts/release-notes.mjs run as the workflow runs it, in a
// folder of the test's own with a package.json and a CHANGELOG.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const script = resolve('scripts/release-notes.mjs');
const changelog = ['# Changelog', '', '## [Unreleased]', '', '- next', '', '## [1.2.0] - 2026-11-28', '', '### Added', '- `setup-github`', '', '## [1.1.0] - 2026-10-01', '', '- older', ''].join('\n');

describe('release notes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'release-notes-'));
    writeFileSync(join(dir, 'CHANGELOG.md'), changelog);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const notes = (tag: string, version: string) => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version }));
    const run = spawnSync(process.execPath, [script, tag], { cwd: dir, encoding: 'utf8' });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('prints the section of the tagged version, and nothing of the others', () => {
    expect(notes('v1.2.0', '1.2.0')).toEqual({ code: 0, stdout: '### Added\n- `setup-github`\n', stderr: '' });
  });

  it.each([
    ['1.2.0', '1.2.0', 'release-notes: the tag must be vX.Y.Z (got "1.2.0")\n'],
    ['v1.2.0', '1.1.0', 'release-notes: package.json has version 1.1.0, the tag v1.2.0: bump package.json first\n'],
    ['v1.3.0', '1.3.0', 'release-notes: CHANGELOG.md has no section "## [1.3.0]"\n'],
  ])('refuses tag %s with package.json %s', (tag, version, stderr) => {
    expect(notes(tag, version)).toEqual({ code: 1, stdout: '', stderr });
  });
});

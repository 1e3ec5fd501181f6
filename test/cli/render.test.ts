// `azswarm render` as users run it: a real process of bin/azswarm.js on the built code.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin/azswarm.js');

function azswarm(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const required = ['--name', 'team-swarm', '--location', 'westeurope', '--allowed-ssh-cidr', '203.0.113.7/32'];

describe('azswarm render', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'azswarm-render-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes parameters, cloud-init, a key pair and known_hosts, with private files 0600 and no secret printed', () => {
    const out = join(folder, 'generated');
    const run = azswarm(['render', '--out', out, ...required, '--masters', '3', '--agents', '4', '--file-share']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${join(out, 'parameters.json')} (600)`);
    expect(run.stdout).toContain(`--parameters @${join(out, 'parameters.json')}`);
    expect(Object.fromEntries(
      ['parameters.json', 'cloud-init/master.yml', 'cloud-init/agent.yml', 'id_ed25519', 'id_ed25519.pub', 'known_hosts'].map((file) => [file, mode(join(out, file))]),
    )).toEqual({
      'parameters.json': '600',
      'cloud-init/master.yml': '600',
      'cloud-init/agent.yml': '600',
      id_ed25519: '600',
      'id_ed25519.pub': '644',
      known_hosts: '644',
    });

    const parameters = JSON.parse(readFileSync(join(out, 'parameters.json'), 'utf8'));
    const publicKey = readFileSync(join(out, 'id_ed25519.pub'), 'utf8').trim();
    expect(parameters.parameters.adminPublicKey.value).toBe(publicKey);
    expect(parameters.parameters.masterCount.value).toBe(3);
    expect(parameters.parameters.masterCloudInit.value).toBe(readFileSync(join(out, 'cloud-init/master.yml'), 'utf8'));
    // The private key is OpenSSH's own format and belongs to the public key written beside it.
    expect(execFileSync('ssh-keygen', ['-y', '-f', join(out, 'id_ed25519')], { encoding: 'utf8' }).split(' ')[1]).toBe(publicKey.split(' ')[1]);

    const master = parse(readFileSync(join(out, 'cloud-init/master.yml'), 'utf8'));
    // Both pinned host keys, for a pattern of the masters' names: the FQDNs come from the deployment.
    const pinned = [master.ssh_keys.ed25519_public as string, master.ssh_keys.rsa_public as string];
    expect(readFileSync(join(out, 'known_hosts'), 'utf8')).toBe(pinned.map((key) => `team-swarm-master?-* ${key.split(' ').slice(0, 2).join(' ')}\n`).join(''));
    expect(readFileSync(join(out, 'known_hosts'), 'utf8')).not.toMatch(/cloudapp|westeurope/);
    const helperKeys = (master.write_files as { path: string; content: string }[]).filter((file) => file.path.endsWith('.key')).map((file) => file.content.trim());
    // The helper keys and the long body lines of the private keys.
    const keyLines = (key: string) => key.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----'));
    const secrets = [...helperKeys, ...keyLines(readFileSync(join(out, 'id_ed25519'), 'utf8')), ...keyLines(String(master.ssh_keys.ed25519_private)), ...keyLines(String(master.ssh_keys.rsa_private))];
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
    execFileSync('cloud-init', ['schema', '-c', join(out, 'cloud-init/master.yml')]);
  });

  it('uses a given public key file, writes no key pair, and reports JSON', () => {
    const out = join(folder, 'own-key');
    const keyFile = join(folder, 'own.pub');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'own', '-f', join(folder, 'own')]);
    const run = azswarm(['render', '--out', out, ...required, '--ssh-public-key', keyFile, '--json']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document).toMatchObject({ ok: true, command: 'render', result: { keyGenerated: false, dnsPrefix: 'team-swarm' } });
    expect(document.result.files.map((file: { path: string }) => file.path).sort()).toEqual(
      ['cloud-init/agent.yml', 'cloud-init/master.yml', 'known_hosts', 'parameters.json'].map((file) => join(out, file)),
    );
    expect(existsSync(join(out, 'id_ed25519'))).toBe(false);
    const parameters = JSON.parse(readFileSync(join(out, 'parameters.json'), 'utf8'));
    expect(parameters.parameters.adminPublicKey.value).toBe(readFileSync(keyFile, 'utf8').trim());
  });

  it('reuses the key pair of a previous render of the same folder', () => {
    const out = join(folder, 'generated');
    const before = readFileSync(join(out, 'id_ed25519'), 'utf8');
    const run = azswarm(['render', '--out', out, ...required]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('using the key pair already in');
    expect(readFileSync(join(out, 'id_ed25519'), 'utf8')).toBe(before);
  });

  it('never overwrites a private key whose public half is missing', () => {
    const out = join(folder, 'lone-key');
    mkdirSync(out);
    writeFileSync(join(out, 'id_ed25519'), 'precious');
    const run = azswarm(['render', '--out', out, ...required]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: ${join(out, 'id_ed25519')} exists without its .pub\nhint: move it away, or give --ssh-public-key\n`);
    expect(readFileSync(join(out, 'id_ed25519'), 'utf8')).toBe('precious');
  });

  it('lists every bad setting, exits 2 and writes nothing', () => {
    const out = join(folder, 'bad');
    const privateKey = join(folder, 'own');
    const run = azswarm(['render', '--out', out, '--name', 'rg.', '--masters', '2', '--agents', '-1', '--allowed-ssh-cidr', '10.0.0.1/8', '--ssh-public-key', privateKey]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: invalid settings:\n');
    for (const setting of ['name', 'masters', 'agents', 'allowed-ssh-cidr', 'ssh-public-key']) {
      expect(run.stderr).toMatch(new RegExp(`^  - ${setting}: `, 'm'));
    }
    expect(run.stderr).toContain('ssh-public-key: must be a public key, not a private key');
    expect(run.stderr).not.toContain(readFileSync(privateKey, 'utf8').split('\n')[1]);
    expect(existsSync(out)).toBe(false);
  });

  it('names an unreadable key file among the other problems', () => {
    const run = azswarm(['render', '--out', join(folder, 'bad'), ...required, '--masters', '4', '--ssh-public-key', join(folder, 'missing.pub')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`ssh-public-key: must be a public key line or a readable file (ENOENT) (got "${join(folder, 'missing.pub')}")`);
    expect(run.stderr).toContain('  - masters: must be 1, 3 or 5');
  });

  it('exits 2 with a clear message on an unknown flag or command', () => {
    expect(azswarm(['render', '--out', join(folder, 'x'), '--agnets', '3'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: unknown flag --agnets for render (did you mean --agents?)\nhint: see: azswarm render --help\n',
    });
    expect(azswarm(['rendr'])).toMatchObject({ code: 2, stderr: 'error: unknown command "rendr" (did you mean render?)\nhint: see: azswarm --help\n' });
  });
});

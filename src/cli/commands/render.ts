// `azswarm render --out DIR`: the original's `make keys` + `make params` for people who deploy
// by hand with `az deployment group create`. Validates everything first; writes nothing when
// a setting is wrong. Files holding secrets are written 0600 and never printed.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../../core/errors.js';
import { generateSshKeyPair, knownHostsLine, type SshKeyPair } from '../../render/keys.js';
import { masterHostPublicKeys } from '../../render/cluster-secret.js';
import { generateClusterSecrets, masterHostPattern, renderDeploymentParameters, secretValues } from '../../render/parameters.js';
import { UsageError } from '../args.js';
import type { CommandContext, CommandDefinition } from '../command.js';
import { clusterSettingFlags, clusterSettingsFromFlags } from '../settings-flags.js';

const secretMode = 0o600;
const publicMode = 0o644;

interface OutputFile {
  path: string;
  text: string;
  mode: number;
}

const render: CommandDefinition = {
  name: 'render',
  summary: 'write ARM parameters, cloud-init files, an SSH key pair and known_hosts for a manual Azure deployment',
  description: [
    'Writes DIR/parameters.json, DIR/cloud-init/{master,agent}.yml and DIR/known_hosts; without',
    '--ssh-public-key it reuses DIR/id_ed25519.pub or generates DIR/id_ed25519 (+ .pub). Then:',
    '  az deployment group create -g RG --template-file arm/cluster.json --parameters @DIR/parameters.json',
  ].join('\n'),
  flags: [{ name: 'out', kind: 'string', valueName: 'DIR', summary: 'folder to write into (created when absent)' }, ...clusterSettingFlags],
  run: runRender,
};

export const renderCommands: readonly CommandDefinition[] = [render];

async function runRender(context: CommandContext): Promise<unknown> {
  if (context.provider === 'lab') throw new UsageError('render writes files for an Azure deployment; --provider lab has none', 'render');
  const out = context.flags.string('out');
  if (out === undefined) throw new UsageError('render needs --out DIR', 'render');

  const adminKey = await adminKeyFor(context, out);
  if (adminKey.generated !== undefined) context.reporter.secret(adminKey.generated.privateKey);
  const settings = await clusterSettingsFromFlags(context, 'azure', adminKey.publicKey);
  const secrets = generateClusterSecrets(settings.name);
  for (const value of secretValues(secrets)) context.reporter.secret(value);

  const parameters = renderDeploymentParameters(settings, secrets);
  const cloudInit = (name: string) => String(parameters.parameters[`${name}CloudInit`].value);
  const hostPattern = masterHostPattern(settings);
  const files: OutputFile[] = [
    { path: 'parameters.json', text: `${JSON.stringify(parameters, null, 2)}\n`, mode: secretMode },
    { path: 'cloud-init/master.yml', text: cloudInit('master'), mode: secretMode },
    { path: 'cloud-init/agent.yml', text: cloudInit('agent'), mode: secretMode },
    { path: 'known_hosts', text: masterHostPublicKeys(secrets).map((key) => knownHostsLine([hostPattern], key)).join(''), mode: publicMode },
    ...(adminKey.generated === undefined
      ? []
      : [
          { path: 'id_ed25519', text: adminKey.generated.privateKey, mode: secretMode },
          { path: 'id_ed25519.pub', text: `${adminKey.generated.publicKey}\n`, mode: publicMode },
        ]),
  ];
  await context.reporter.phase(`write ${files.length} files to ${out}`, () => writeFiles(out, files));

  for (const file of files) context.out(`wrote ${join(out, file.path)} (${file.mode.toString(8)})`);
  context.out(
    `next: az deployment group create --resource-group ${settings.name} --template-file arm/cluster.json --parameters @${join(out, 'parameters.json')}`,
  );
  return {
    out,
    files: files.map((file) => ({ path: join(out, file.path), mode: file.mode.toString(8) })),
    resourceGroup: settings.name,
    dnsPrefix: settings.dnsPrefix,
    masterHostPattern: hostPattern,
    keyGenerated: adminKey.generated !== undefined,
  };
}

/** The admin key: --ssh-public-key, else the one a previous render left in DIR, else a new pair. */
async function adminKeyFor(context: CommandContext, out: string): Promise<{ publicKey?: string; generated?: SshKeyPair }> {
  if (context.flags.has('ssh-public-key')) return {};
  const previous = await readFile(join(out, 'id_ed25519.pub'), 'utf8').catch(() => undefined);
  if (previous !== undefined) {
    context.reporter.info(`using the key pair already in ${out} (id_ed25519)`);
    return { publicKey: previous };
  }
  if (await readFile(join(out, 'id_ed25519')).then(() => true, () => false)) {
    throw new ToolkitError(`${join(out, 'id_ed25519')} exists without its .pub`, 'render-key-exists', 'move it away, or give --ssh-public-key');
  }
  const generated = generateSshKeyPair('azswarm-admin');
  return { publicKey: generated.publicKey, generated };
}

async function writeFiles(out: string, files: readonly OutputFile[]): Promise<void> {
  await mkdir(join(out, 'cloud-init'), { recursive: true, mode: 0o700 });
  for (const file of files) {
    const target = join(out, file.path);
    // Write beside the target and rename: the file never exists with a looser mode or half-written.
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, file.text, { mode: file.mode });
    await chmod(temporary, file.mode);
    await rename(temporary, target);
  }
}

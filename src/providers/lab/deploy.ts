// Creation of a lab as ordered steps, one status line each: network, lab daemon, masters,
// agents, swarm ready. Each step records what it creates in the state file before the next
// one starts, so that a failure (or a killed command) can always be cleaned up.
import { mkdir } from 'node:fs/promises';
import type { ClusterSettings } from '../../core/settings.js';
import type { Reporter } from '../../core/reporter.js';
import { generateClusterSecrets, type ClusterSecrets } from '../../render/parameters.js';
import { generateSshKeyPair } from '../../render/keys.js';
import { labImageStore } from './images.js';
import { startLabDaemon } from './daemon/client.js';
import { agentNode, masterNode } from './lab-nodes.js';
import { launchNode } from './cluster.js';
import { masters, publishNodesToDaemon, saveState, secretNames, type LabContext } from './lab-context.js';
import { createLabNetwork } from './host/network.js';
import { claimLab } from './lab-claims.js';
import { labDir, labFiles, listLabNames, readLabState, writeSecret, type LabState } from './state.js';
import { waitForSwarmReady } from './swarm-ready.js';
import { labBootMode, type LabBootMode } from './host/boot-mode.js';
import { ensureNodeImage } from './host/node-image.js';

/** Longest wait for a fresh cluster to be Ready (the target is far below: ~10 s for 1+3). */
const swarmReadyTimeoutMs = 180_000;

/**
 * What a new lab may take instead of generating it. Secrets chosen elsewhere: a lab that plays
 * an Azure deployment presents the master host key that deployment's cloud-config carries.
 */
export interface LabDeployOptions {
  presetSecrets?: Partial<ClusterSecrets>;
}

async function createSecrets(dir: string, name: string, preset: Partial<ClusterSecrets> = {}): Promise<void> {
  const operator = generateSshKeyPair(`azswarm-lab@${name}`);
  const { helperSecret, masterHostKey } = { ...generateClusterSecrets(name), ...preset };
  await writeSecret(dir, secretNames.operatorKey, operator.privateKey);
  await writeSecret(dir, secretNames.operatorPublicKey, `${operator.publicKey}\n`);
  await writeSecret(dir, secretNames.hostKey, masterHostKey.privateKey);
  await writeSecret(dir, secretNames.hostPublicKey, `${masterHostKey.publicKey}\n`);
  await writeSecret(dir, secretNames.helperSecret, `${helperSecret}\n`);
}

/** Subnet octets of the other labs under this root, so that labs coexist. */
async function takenOctets(except: string): Promise<Set<number>> {
  const taken = new Set<number>();
  for (const name of await listLabNames()) {
    if (name === except) continue;
    const octet = (await readLabState(labDir(name)).catch(() => undefined))?.network?.octet;
    if (octet !== undefined) taken.add(octet);
  }
  return taken;
}

async function stepNetwork(settings: ClusterSettings, dir: string, options: LabDeployOptions, boot: LabBootMode): Promise<LabContext> {
  // before any machine-wide object: a sweep from another lab root then knows whose they are
  await claimLab(settings.name, dir);
  await mkdir(labFiles.nodes(dir), { recursive: true, mode: 0o700 });
  await createSecrets(dir, settings.name, options.presetSecrets);
  const state: LabState = {
    version: 1, name: settings.name, createdAt: new Date().toISOString(), masterCount: settings.masterCount,
    adminUsername: settings.adminUsername, sshPublicKey: settings.sshPublicKey, nodes: [], nextInstanceId: 0,
    ...(boot === 'systemd' ? { boot } : {}),
  };
  const context: LabContext = { dir, state };
  await saveState(context);
  state.network = await createLabNetwork(await takenOctets(settings.name));
  await saveState(context);
  await claimLab(settings.name, dir, state.network.bridge);
  return context;
}

/** The nodes' names and addresses, known before anything boots (the daemon serves them all). */
async function planNodes(context: LabContext, settings: ClusterSettings, reporter: Reporter): Promise<void> {
  const { state } = context;
  const network = state.network!;
  for (let index = 0; index < settings.masterCount; index++) state.nodes.push(masterNode(context.dir, network, index));
  for (let i = 0; i < settings.agentCount; i++) state.nodes.push(agentNode(context.dir, state, network, state.nextInstanceId++));
  await saveState(context);
  await publishNodesToDaemon(context);
  // built once per machine (cached): each node's fresh disk then starts with a copy of the store
  await labImageStore();
  if (state.boot === 'systemd') {
    const image = await reporter.phase('node image: systemd, cloud-init, dockerd, sshd', () => ensureNodeImage((line) => reporter.info(line)));
    state.nodeImage = image.rootfs;
    await saveState(context);
  }
}

async function stepDaemon(context: LabContext): Promise<void> {
  await startLabDaemon(context.dir, async (record) => {
    context.state.daemon = record;
    await saveState(context);
  });
}

/**
 * Like Promise.all, but a failure is thrown only once every piece of work has settled, so that
 * the clean-up that follows a failed deploy never runs while another step is still creating.
 */
async function allSettledOrThrow(work: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

function stepBoot(context: LabContext, role: 'master' | 'agent'): Promise<void> {
  return allSettledOrThrow(context.state.nodes.filter((node) => node.role === role).map((node) => launchNode(context, node)));
}

/** Runs the creation steps; the caller destroys the lab when one fails. */
export async function deployLab(settings: ClusterSettings, reporter: Reporter, options: LabDeployOptions = {}): Promise<LabContext> {
  const boot = labBootMode();
  const dir = labDir(settings.name);
  const context = await reporter.phase(`network: bridge and subnet for lab ${settings.name}`, () => stepNetwork(settings, dir, options, boot));
  await planNodes(context, settings, reporter);
  // The daemon, the masters and the agents start side by side: joins order themselves through
  // the helpers, and the agents' watchers retry until the metadata service answers.
  await allSettledOrThrow([
    reporter.phase('lab daemon: metadata, scheduled events, load balancer, monitor', () => stepDaemon(context)),
    reporter.phase(`masters: booting ${settings.masterCount}`, () => stepBoot(context, 'master')),
    reporter.phase(`agents: booting ${settings.agentCount}`, () => stepBoot(context, 'agent')),
  ]);
  const expected = context.state.nodes;
  await reporter.phase(`swarm ready: ${expected.length} nodes`, () => waitForSwarmReady(masters(context.state), expected, swarmReadyTimeoutMs));
  return context;
}

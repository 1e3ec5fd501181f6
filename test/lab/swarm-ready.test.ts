// A swarm that is not Ready in time: the error names the nodes and quotes the end of their join
// logs and of the first master's helper log, copied out of the lab (a failed deploy removes it),
// so that a CI log alone tells a stuck join from a swarm that never formed.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../../src/core/errors.js';
import { writeLabState, labDir, type LabNodeState, type LabState } from '../../src/providers/lab/state.js';
import { waitForSwarmReady } from '../../src/providers/lab/swarm-ready.js';
import { useTemporaryLabRoot } from './lab-support.js';

function node(lab: string, name: string, role: 'master' | 'agent'): LabNodeState {
  return { name, role, instanceId: '0', address: '10.0.0.1', shortId: 'x', dir: join(labDir(lab), 'nodes', name), power: 'running' } as LabNodeState;
}

async function writeUnitLog(owner: LabNodeState, unit: string, lines: string[]): Promise<void> {
  await mkdir(join(owner.dir, 'log'), { recursive: true });
  await writeFile(join(owner.dir, 'log', `${unit}.log`), `${lines.join('\n')}\n`);
}

it('a timeout quotes the join logs of the nodes not Ready and the helper log, and keeps them', async () => {
  const root = await useTemporaryLabRoot();
  try {
    const lab = 'readyquote';
    const master = node(lab, 'master0', 'master');
    const agent = node(lab, 'agents000000', 'agent');
    await mkdir(labDir(lab), { recursive: true });
    await writeLabState(labDir(lab), { version: 1, name: lab, nodes: [master, agent] } as unknown as LabState);
    const joinLines = Array.from({ length: 12 }, (_, index) => `join: no worker token yet (master0: 503 busy) #${index}`);
    await writeUnitLog(agent, 'swarm-join.service', joinLines);
    await writeUnitLog(agent, 'docker', ['level=info msg="Starting up"', 'level=error msg="containerd did not start"']);
    await writeUnitLog(master, 'swarm-helper.service', ['helper: listening on 10.0.0.1:8400', 'helper: swarm view: DockerError(0, "socket")']);

    // No master has a docker socket here: nothing is ever Ready.
    const error = await waitForSwarmReady([master], [master, agent], 300).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolkitError);
    const message = (error as ToolkitError).message;
    expect(message).toMatch(/^swarm not ready after 0 s: master0, agents000000 not Ready\n/);
    expect(message).toContain(`agents000000 swarm-join.service, last lines:\n${joinLines.slice(-8).join('\n')}\n`);
    expect(message).not.toContain(joinLines[3]);
    expect(message).toContain('agents000000 dockerd, last lines:\nlevel=info msg="Starting up"\nlevel=error msg="containerd did not start"\n');
    expect(message).not.toContain('master0 dockerd');
    expect(message).toContain('master0 swarm-helper.service, last lines:\nhelper: listening on 10.0.0.1:8400\nhelper: swarm view: DockerError(0, "socket")');
    expect(message).toContain('master0 swarm-join.service, last lines:\n(no log: master0 has no swarm-join.service log yet');

    const kept = /the nodes' logs are kept in (\S+)/.exec((error as ToolkitError).hint ?? '')?.[1];
    expect(kept).toBe(join(root, '.failed-boots'));
    await rm(labDir(lab), { recursive: true });
    const copies = await readdir(kept!);
    const agentCopy = copies.find((name) => name.startsWith(`${lab}-agents000000-`));
    expect(await readFile(join(kept!, agentCopy!, 'swarm-join.service.log'), 'utf8')).toContain(joinLines[11]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

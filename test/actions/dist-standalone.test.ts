// On a runner an action is its repository's checkout: dist/ without node_modules beside or above
// it. Every bundle (and each chunk it loads on demand) must run from such a copy; inside this
// repository node_modules would hide a module the bundler left outside (it did: `open`).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArmServer } from '../support/arm-server/server.js';
import { runAction } from './run-action.js';

const actions = ['deploy-cluster', 'rollout', 'scale', 'teardown'];

describe('the bundles outside the repository', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dist-standalone-'));
    for (const name of actions) cpSync(join('actions', name, 'dist'), join(dir, name), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(actions)('%s loads and checks its inputs', async (name) => {
    const run = await runAction(name, { inputs: {}, dist: join(dir, name) });
    expect(run.stdout).not.toContain('ERR_MODULE_NOT_FOUND');
    expect(run.stdout).toContain('resource-group: is required');
    expect(run.exitCode).toBe(1);
  });

  it('teardown signs in and calls Resource Manager from the copy (the chunks loaded on demand)', async () => {
    const server = await startArmServer();
    try {
      const run = await runAction('teardown', {
        dist: join(dir, 'teardown'),
        inputs: {
          'resource-group': 'swarm-standalone', 'subscription-id': '00000000-0000-0000-0000-00000000000a', 'tenant-id': '00000000-0000-0000-0000-00000000000b',
          'client-id': '00000000-0000-0000-0000-00000000000c', 'client-secret': server.identity.clientSecret, 'arm-endpoint': server.url,
        },
        env: { NODE_EXTRA_CA_CERTS: server.certificate.certPath, AZURE_AUTHORITY_HOST: server.url },
      });
      expect(run.stdout).toContain('resource group swarm-standalone does not exist: nothing to delete');
      expect(run.exitCode).toBe(0);
    } finally {
      await server.close();
    }
  });
});

// The cluster commands' argument rules and failure exits, run through the CLI's own main().
import { cli } from '../cli/run-cli.js';

describe('cluster commands in the CLI', () => {
  it('lists every Makefile target name as a command', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    for (const name of [
      'deploy-cluster', 'view-deployment', 'deploy-monitor', 'deploy-replicated-service', 'deploy-global-service',
      'scale-service', 'deploy-stack', 'list-agents', 'scale-agents', 'stop-agents', 'start-agents', 'reimage-agents',
      'chaos-monkey', 'list-endpoints', 'env', 'destroy-cluster', 'demo',
    ]) {
      expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it('exits 2 naming the argument when a count is not a number in range', async () => {
    expect(await cli('scale-agents', 'seven')).toMatchObject({ code: 2, stderr: expect.stringContaining('N: must be a whole number from 0 to 100 (got "seven")') });
    expect(await cli('scale-service', '1001')).toMatchObject({ code: 2, stderr: expect.stringContaining('N: must be a whole number from 0 to 1000') });
    expect(await cli('scale-agents')).toMatchObject({ code: 2, stderr: expect.stringContaining('scale-agents needs N') });
    expect(await cli('deploy-replicated-service', '--replicas', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('replicas: must be a whole number from 1 to 1000') });
  });

  it('exits 2 on contradictory or misplaced flags, before touching any cluster', async () => {
    expect(await cli('reimage-agents', '--serial', '--parallel')).toMatchObject({ code: 2, stderr: expect.stringContaining('not both') });
    expect(await cli('demo', '--provider', 'azure')).toMatchObject({ code: 2, stderr: expect.stringContaining('demo runs on the lab') });
    expect(await cli('list-agents', '--provider', 'azure')).toMatchObject({ code: 2, stderr: expect.stringContaining('name: is required with --provider azure') });
    expect(await cli('list-agents', '--name', 'Not_A_Lab')).toMatchObject({ code: 2, stderr: expect.stringContaining('name: must be a lab name') });
  });

  it('exits 1 with a JSON error when the cluster does not exist', async () => {
    const { code, stdout } = await cli('list-endpoints', '--name', 'absentlab', '--json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'cluster-not-found' } });
  });

  it('destroys an absent lab successfully, saying there was none', async () => {
    expect(await cli('destroy-cluster', '--name', 'absentlab')).toMatchObject({ code: 0, stdout: 'no lab absentlab: nothing to destroy\n' });
  });
});

// The lab's ignored settings, as the CLI reports them: a warning per flag given, none otherwise.
import type { CommandDefinition } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands/index.js';
import { main } from '../../src/cli/main.js';
import { clusterSettingFlags, clusterSettingsFromFlags } from '../../src/cli/settings-flags.js';
import { generateSshKeyPair } from '../../src/render/keys.js';

const key = generateSshKeyPair('settings-flags-test');

// A command of the test's own (no real command has its name) that only reads the settings.
const probe: CommandDefinition = {
  name: 'probe-settings',
  summary: 'read the cluster settings of the flags',
  flags: clusterSettingFlags,
  run: async (context) => {
    const settings = await clusterSettingsFromFlags(context, context.provider ?? 'lab', key.publicKey);
    return { agents: settings.agentCount };
  },
};

async function run(argv: string[]) {
  const err: string[] = [];
  const code = await main(argv, { stdout: { write: () => undefined }, stderr: { write: (text: string) => err.push(text) } }, [...commands, probe]);
  return { code, stderr: err.join('') };
}

describe('settings the lab ignores', () => {
  it('warns about each one given, naming its flag', async () => {
    const { code, stderr } = await run(['probe-settings', '--provider', 'lab', '--name', 'warned', '--location', 'westeurope', '--agent-size', 'Standard_B2s']);
    expect(code).toBe(0);
    expect(stderr).toContain('--location is ignored by the lab (it takes the default)');
    expect(stderr).toContain('--agent-size is ignored by the lab (it takes the default)');
    expect(stderr).not.toContain('--agents is ignored');
  });

  it('says nothing when none is given', async () => {
    const { code, stderr } = await run(['probe-settings', '--provider', 'lab', '--name', 'quiet', '--agents', '1']);
    expect(code).toBe(0);
    expect(stderr).not.toContain('ignored by the lab');
  });
});

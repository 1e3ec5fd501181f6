// Clouds and sign-in modes: the pure rules, then the client-secret token flow against the
// stand-in (OIDC and the Azure CLI run in the action tests, which control the process env).
import { resolveCloud } from '../../src/providers/azure/clouds.js';
import { environmentVariableNames } from '../../src/providers/azure/connection.js';
import { createCredential } from '../../src/providers/azure/credentials.js';
import type { ArmServer } from '../support/arm-server/server.js';
import { recordingReporter, startTrustedArmServer } from './azure-fixture.js';

describe('clouds', () => {
  it('maps each environment to its Resource Manager, authority and scope', () => {
    expect(resolveCloud('AzureUSGovernment')).toMatchObject({
      armEndpoint: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us',
      scopes: ['https://management.usgovcloudapi.net/.default'], knownAuthority: true,
    });
    expect(resolveCloud('AzureChinaCloud').armEndpoint).toBe('https://management.chinacloudapi.cn');
    expect(resolveCloud('AzureCloud', { armEndpoint: 'https://arm.example.test/' }).armEndpoint).toBe('https://arm.example.test');
  });

  it('names the setting and the rule for a bad environment or endpoint', () => {
    expect(() => resolveCloud('AzureGermanCloud')).toThrow('environment: must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud (any case) (got "AzureGermanCloud")');
    expect(resolveCloud('azurechinacloud').environment).toBe('AzureChinaCloud');
    expect(() => resolveCloud('AzureCloud', { armEndpoint: 'http://127.0.0.1:1' })).toThrow('arm-endpoint: must use https (Azure never sends tokens over plain http)');
    expect(() => resolveCloud('AzureCloud', { armEndpoint: 'management' })).toThrow('arm-endpoint: must be an absolute https:// URL');
  });
});

describe('sign-in modes', () => {
  let server: ArmServer;
  beforeAll(async () => {
    server = await startTrustedArmServer();
  });
  afterAll(() => server.close());
  const cloud = () => resolveCloud('AzureUSGovernment', { armEndpoint: server.url, authorityHost: server.url });
  const ids = { tenantId: '00000000-0000-0000-0000-000000000001', clientId: '00000000-0000-0000-0000-000000000002' };

  it('client-secret asks the authority for the cloud\'s scope; a wrong secret is refused', async () => {
    const good = createCredential({ auth: 'client-secret', ...ids, clientSecret: server.identity.clientSecret }, cloud(), recordingReporter());
    expect((await good.credential.getToken(cloud().scopes))?.token).toMatch(/^test-access-token-/);
    const request = server.log.filter((entry) => entry.path.endsWith('/token')).at(-1)!;
    expect(new URLSearchParams(String(request.body)).get('scope')).toBe('https://management.usgovcloudapi.net/.default');
    const bad = createCredential({ auth: 'client-secret', ...ids, clientSecret: 'wrong' }, cloud(), recordingReporter());
    await expect(bad.credential.getToken(cloud().scopes)).rejects.toThrow(/AADSTS7000215/);
  });

  it('auth modes name what they miss', () => {
    expect(() => createCredential({ auth: 'client-secret', ...ids }, cloud(), recordingReporter())).toThrow('client-secret: is required with auth client-secret');
    expect(() => createCredential({ auth: 'oidc', clientId: ids.clientId, githubIdToken: async () => 'x' }, cloud(), recordingReporter())).toThrow('tenant-id: is required with auth oidc');
    // All at once, named as the CLI's environment variables when the connection comes from them.
    expect(() => createCredential({ auth: 'client-secret', names: environmentVariableNames }, cloud(), recordingReporter())).toThrow(
      'invalid settings:\n  - AZURE_TENANT_ID: is required with auth client-secret\n  - AZURE_CLIENT_ID: is required with auth client-secret\n  - AZURE_CLIENT_SECRET: is required with auth client-secret',
    );
  });

  it('asks GitHub for an ID token of the configured audience (default api://AzureADTokenExchange)', async () => {
    const audiences: string[] = [];
    const githubIdToken = async (audience: string) => {
      audiences.push(audience);
      return 'not-a-jwt';
    };
    for (const audience of [undefined, 'api://AzureADTokenExchangeUSGov']) {
      const { credential } = createCredential({ auth: 'oidc', ...ids, githubIdToken, ...(audience ? { audience } : {}) }, cloud(), recordingReporter());
      await credential.getToken(cloud().scopes).catch(() => undefined);
    }
    // (the credential may retry a refused assertion: each audience is asked once or more, in order)
    expect([...new Set(audiences)]).toEqual(['api://AzureADTokenExchange', 'api://AzureADTokenExchangeUSGov']);
  });
});

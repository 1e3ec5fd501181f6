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
      scopes: ['https://management.usgovcloudapi.net/.default'],
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
    const bad = createCredential({ auth: 'client-secret', ...ids, clientSecret: 'a-wrong-secret' }, cloud(), recordingReporter());
    const refusal = await bad.credential.getToken(cloud().scopes).then(() => new Error('no error'), (caught: Error) => caught);
    expect(refusal.message).toBe(
      `client-secret: Microsoft Entra ID refused the client-secret sign-in of app ${ids.clientId} in tenant ${ids.tenantId}: AADSTS7000215: Invalid client secret or assertion provided. (invalid_client)`,
    );
    expect(refusal).toMatchObject({ code: 'azure-sign-in', hint: 'check tenant-id, client-id and client-secret' });
    expect(JSON.stringify({ ...refusal, message: refusal.message })).not.toContain('a-wrong-secret');
  });

  it('POSTs straight to the token endpoint (no metadata read) and keeps a token for every client until 5 minutes before it expires', async () => {
    const before = server.log.length;
    const { credential } = createCredential({ auth: 'client-secret', ...ids, clientSecret: server.identity.clientSecret }, cloud(), recordingReporter());
    const [first, second] = await Promise.all([credential.getToken(cloud().scopes), credential.getToken(cloud().scopes)]);
    const third = await credential.getToken(cloud().scopes);
    expect(new Set([first?.token, second?.token, third?.token]).size).toBe(1);
    expect(server.log.slice(before).map((entry) => `${entry.method} ${entry.path}`)).toEqual([`POST /${ids.tenantId}/oauth2/v2.0/token`]);
    expect(first!.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('asks again for a token that expires within 5 minutes', async () => {
    const shortLived = await startTrustedArmServer({ tokenLifetimeSeconds: 60 });
    try {
      const here = resolveCloud('AzureCloud', { armEndpoint: shortLived.url, authorityHost: shortLived.url });
      const { credential } = createCredential({ auth: 'client-secret', ...ids, clientSecret: shortLived.identity.clientSecret }, here, recordingReporter());
      const tokens = [(await credential.getToken(here.scopes))?.token, (await credential.getToken(here.scopes))?.token];
      expect(tokens[0]).not.toBe(tokens[1]);
      expect(shortLived.log.filter((entry) => entry.path.endsWith('/token'))).toHaveLength(2);
    } finally {
      await shortLived.close();
    }
  });

  it('an OIDC sign-in sends the GitHub ID token as the client assertion; a refused one names client-id and the federated credential', async () => {
    const runner = { url: `${server.url}/github/id-token`, token: server.identity.runnerRequestToken };
    const githubIdToken = async (audience: string) => {
      const reply = await fetch(`${runner.url}?audience=${encodeURIComponent(audience)}`, { headers: { authorization: `Bearer ${runner.token}` } });
      return ((await reply.json()) as { value: string }).value;
    };
    const { credential } = createCredential({ auth: 'oidc', ...ids, githubIdToken }, cloud(), recordingReporter());
    expect((await credential.getToken(cloud().scopes))?.token).toMatch(/^test-access-token-/);
    const post = server.log.filter((entry) => entry.path.endsWith('/token')).at(-1)!;
    const form = new URLSearchParams(String(post.body));
    expect(form.get('client_assertion')).toBe(server.identity.idTokens.at(-1));
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('client_secret')).toBeNull();
    const refused = createCredential({ auth: 'oidc', ...ids, githubIdToken: async () => 'not-a-jwt' }, cloud(), recordingReporter());
    await expect(refused.credential.getToken(cloud().scopes)).rejects.toMatchObject({
      message: expect.stringMatching(/^client-id: Microsoft Entra ID refused the oidc sign-in of app .*AADSTS7000215/),
      hint: expect.stringContaining('needs a federated credential for this workflow\'s subject'),
    });
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

// The CLI reads Azure's settings from the environment: for a file's tests, this points them at
// a fresh HTTPS ARM stand-in (a real client-secret sign-in) and restores the environment after.
import type { ArmServer } from '../support/arm-server/server.js';
import { startTrustedArmServer, subscriptionId } from '../azure/azure-fixture.js';

/** Registers the file's hooks; the returned function gives the running stand-in. */
export function useArmStandInForCli(): () => ArmServer {
  let server: ArmServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    server = await startTrustedArmServer({ polls: 1, retryAfterSeconds: 0 });
    Object.assign(process.env, {
      AZURE_SUBSCRIPTION_ID: subscriptionId, AZURE_TENANT_ID: 'tenant-1', AZURE_CLIENT_ID: 'client-1',
      AZURE_CLIENT_SECRET: server.identity.clientSecret, AZURE_ARM_ENDPOINT: server.url, AZURE_AUTHORITY_HOST: server.url,
    });
  });
  afterAll(async () => {
    process.env = saved;
    await server.close();
  });
  return () => server;
}

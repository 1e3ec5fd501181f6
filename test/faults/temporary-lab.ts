// The lab root of a fault test file that makes one lab: a fresh temporary root before its tests,
// and after them the lab destroyed and the root removed (also when a test failed half-way).
import { rm } from 'node:fs/promises';
import { silentReporter } from '../../src/core/reporter.js';
import { providerFor } from '../../src/providers/index.js';
import { useTemporaryLabRoot } from '../lab/lab-support.js';

/** Registers the file's beforeAll/afterAll; `destroyTimeoutMs` bounds the afterAll (a big lab takes longer). */
export function useTemporaryLab(lab: string, destroyTimeoutMs: number): void {
  let root: string | undefined;
  beforeAll(async () => {
    root = await useTemporaryLabRoot();
  });
  afterAll(async () => {
    await providerFor('lab').destroy(lab, silentReporter);
    if (root) await rm(root, { recursive: true, force: true });
  }, destroyTimeoutMs);
}

import { embeddedAssets } from '../assets.generated.js';
import { ToolkitError } from './errors.js';

/**
 * Text of a file from cloud-init/, stacks/ or test-service/, embedded at build time so that bundles are
 * self-contained. `name` is the path from the repository root, e.g. `cloud-init/swarm-node.py`.
 */
export function asset(name: string): string {
  const text = embeddedAssets[name];
  if (text === undefined) throw new ToolkitError(`asset ${name} is not embedded (run npm run build)`, 'asset-missing');
  return text;
}

export function assetNames(prefix: string): string[] {
  return Object.keys(embeddedAssets).filter((name) => name.startsWith(prefix));
}

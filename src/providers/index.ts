// The one place that maps a provider kind to its implementation.
import type { ProviderKind } from '../core/settings.js';
import { LabProvider } from './lab/provider.js';
import type { ClusterProvider } from './provider.js';

export function createProvider(kind: ProviderKind): ClusterProvider {
  switch (kind) {
    case 'lab':
      return new LabProvider();
    case 'azure':
      throw new Error('the azure provider is added by the Azure engineer');
  }
}

// The settings of one cluster, as every entry point (CLI flags, action inputs) produces them
// after parsing and validation (see validate.ts). Types only: the rules live in validate.ts.

export type ProviderKind = 'azure' | 'lab';
export type MasterCount = 1 | 3 | 5;

export interface ClusterSettings {
  provider: ProviderKind;
  /** The Azure resource group, or the lab's name. */
  name: string;
  /** DNS label prefix: `<prefix>-master0`, `<prefix>-agents-lb`. */
  dnsPrefix: string;
  /** Azure region; absent means the resource group's location. Ignored by the lab. */
  location?: string;
  masterCount: MasterCount;
  agentCount: number;
  minAgentCount: number;
  maxAgentCount: number;
  autoscale: boolean;
  masterSize: string;
  agentSize: string;
  adminUsername: string;
  /** OpenSSH public key line (`ssh-ed25519 AAAA... comment`). */
  sshPublicKey: string;
  allowedSshCidr: string;
  fileShare: boolean;
  /** Swap file of every node in MiB (0: none); absent means by VM size (see swapSizeMiBFor). */
  swapSizeMiB?: number;
  /** The masters' availability set: fault domains (racks) and update domains (maintenance groups). Azure only. */
  faultDomainCount: number;
  updateDomainCount: number;
  tags: Record<string, string>;
}

// `docker service create` of a name the swarm already has fails with swarmkit's AlreadyExists,
// which the docker CLI prints as (Docker 20.10, captured on a lab master):
//   Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an
//   existing object: service web-replicated already exists
// Creating first and reading this answer costs one docker command where a check before the
// create cost two (docs/benchmarks.md), and it cannot race another create of the same name.

/** True when a failed `docker service create NAME` says that the swarm already has a service NAME. */
export function saysServiceExists(message: string, name: string): boolean {
  return message.includes(`service ${name} already exists`);
}

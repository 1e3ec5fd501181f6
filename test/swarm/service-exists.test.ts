// How a create of an existing service is told apart from any other failure of `docker service
// create`, on the message as SshSession.check quotes it (stderr captured from a Docker 20.10 lab
// master: `docker service create --name web-replicated ...` while web-replicated existed).
import { saysServiceExists } from '../../src/swarm/service-exists.js';

const failed = (stderr: string) => `docker service create failed on cluster@10.213.3.10:22 (exit 1): ${stderr}`;
const taken = failed('Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web-replicated already exists');

test('the swarm refusing a name it already has means the service exists', () => {
  expect(saysServiceExists(taken, 'web-replicated')).toBe(true);
});

test('a refusal naming another service, or any other failure, does not', () => {
  // "web" is a prefix of the name in the message, "replicated" a suffix: neither is that service.
  expect(saysServiceExists(taken, 'web')).toBe(false);
  expect(saysServiceExists(taken, 'replicated')).toBe(false);
  for (const message of [
    failed('Error response from daemon: rpc error: code = Unknown desc = raft: no elected cluster leader'),
    failed('Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'),
    failed('invalid argument "x" for "--replicas" flag: strconv.ParseUint: parsing "x": invalid syntax'),
    'ssh to cluster@10.213.3.10:22 failed: connect ECONNREFUSED 10.213.3.10:22',
  ]) expect(saysServiceExists(message, 'web-replicated')).toBe(false);
});

// The test service's Dockerfile (test-service/): the shape a published image needs (a small base
// pinned by digest, a user that is not root, a health check, the OCI source label), and the lab
// building the same image from it: the files its COPY places and the runtime instructions
// applied as written, anything the lab cannot follow refused by name. (No hadolint here: these
// are the rules that matter for this image.)
import { readFileSync, statSync } from 'node:fs';
import { asset, assetNames } from '../../src/core/assets.js';
import { dockerfileInstructions, labImagePlan } from '../../src/providers/lab/dockerfile.js';
import { labWebPort, testServiceDockerfile } from '../../src/providers/lab/images.js';

const dockerfile = readFileSync(testServiceDockerfile, 'utf8');
const instructions = dockerfileInstructions(dockerfile);
const argumentsOf = (keyword: string) => instructions.filter((each) => each.keyword === keyword).map((each) => each.argument);

describe('test-service/Dockerfile', () => {
  it('is the file the build embeds for the lab', () => {
    expect(asset(testServiceDockerfile)).toBe(dockerfile);
  });

  it('starts from one small base pinned by digest', () => {
    expect(argumentsOf('FROM')).toEqual([expect.stringMatching(/^busybox:[\d.]+@sha256:[0-9a-f]{64}$/)]);
  });

  it('runs as a user that is not root, by number', () => {
    const users = argumentsOf('USER');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^[1-9]\d*:[1-9]\d*$/);
  });

  it('has a HEALTHCHECK that asks /healthz/ on the port it exposes', () => {
    expect(argumentsOf('EXPOSE')).toEqual([`${labWebPort}/tcp`]);
    const [check] = argumentsOf('HEALTHCHECK');
    expect(check).toContain('--timeout=');
    expect(check).toContain(`"http://127.0.0.1:${labWebPort}/healthz/"`);
  });

  it('carries the OCI labels, the source among them', () => {
    const labels = argumentsOf('LABEL').join(' ');
    for (const label of ['title', 'description', 'licenses', 'source']) expect(labels).toContain(`org.opencontainers.image.${label}=`);
  });

  it('joins continuation lines into one instruction', () => {
    expect(dockerfileInstructions('# x\nENV A=1 \\\n  # inside\n  B=2\nCMD ["x"]\n')).toEqual([
      { keyword: 'ENV', argument: 'A=1 B=2' },
      { keyword: 'CMD', argument: '["x"]' },
    ]);
  });
});

describe("the lab's build of the test service", () => {
  const plan = labImagePlan(dockerfile, testServiceDockerfile);

  it('copies www/ to /www/ and applies every runtime instruction as written, not LABEL or HEALTHCHECK', () => {
    expect(plan.copies).toEqual([{ source: 'www', target: '/www' }]);
    const runtime = instructions.filter((each) => ['ENV', 'EXPOSE', 'USER', 'WORKDIR', 'CMD'].includes(each.keyword));
    expect(plan.changes).toEqual(runtime.map((each) => `${each.keyword} ${each.argument}`));
    expect(plan.changes.join('\n')).not.toMatch(/HEALTHCHECK|LABEL|FROM/);
  });

  it('has every file of www/ embedded, and the CGI scripts are executable in the tree (COPY keeps the mode)', () => {
    const files = assetNames('test-service/www/');
    expect(files).toEqual(expect.arrayContaining(['test-service/www/cgi-bin/index.cgi', 'test-service/www/healthz/.keep']));
    for (const file of files.filter((name) => name.endsWith('.cgi'))) expect(statSync(file).mode & 0o111).toBe(0o111);
  });

  it.each([
    ['RUN mkdir /x', /the lab cannot build "RUN mkdir \/x": the lab applies ENV/],
    ['COPY --chown=1 www/ /www/', /cannot build "COPY --chown=1 www\/ \/www\/": the lab copies only a folder/],
    ['ADD https://example.com/x /x', /cannot build "ADD/],
  ])('refuses %s, naming the Dockerfile', (line, message) => {
    expect(() => labImagePlan(`FROM busybox\n${line}\n`, 'test-service/Dockerfile')).toThrow(message);
    expect(() => labImagePlan(`FROM busybox\n${line}\n`, 'test-service/Dockerfile')).toThrow(/^test-service\/Dockerfile: /);
  });
});

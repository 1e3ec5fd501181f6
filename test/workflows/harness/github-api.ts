// An HTTP stand-in for the few GitHub REST calls the workflows' scripts make (pull request
// heads, issue comments, issues), on 127.0.0.1, recording every call. Bounded like every
// listener of the project: request time, header time and connections.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  path: string;
  body?: unknown;
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
}

export interface GitHubStandIn {
  url: string;
  calls: ApiCall[];
  issues: Issue[];
  /** The head commit of each pull request, as GET /repos/{repo}/pulls/{n} answers it. */
  pullHeads: Map<number, string>;
  comments: Map<number, Comment[]>;
  close(): Promise<void>;
}

const botLogin = 'github-actions[bot]';

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > 1_000_000) throw new Error('body too large');
  }
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

export async function startGitHubStandIn(repository: string): Promise<GitHubStandIn> {
  const calls: ApiCall[] = [];
  const pullHeads = new Map<number, string>();
  const comments = new Map<number, Comment[]>();
  const issues: Issue[] = [];
  let nextId = 1000;
  const prefix = `/repos/${repository}`;

  const answer = (method: string, path: string, body: unknown): [number, unknown] => {
    const url = new URL(path, 'http://stand-in');
    const route = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
    let match = /^\/pulls\/(\d+)$/.exec(route);
    if (method === 'GET' && match) {
      const sha = pullHeads.get(Number(match[1]));
      return sha ? [200, { number: Number(match[1]), head: { sha } }] : [404, { message: 'Not Found' }];
    }
    match = /^\/issues\/(\d+)\/comments$/.exec(route);
    if (match) {
      const list = comments.get(Number(match[1])) ?? [];
      comments.set(Number(match[1]), list);
      if (method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        return [200, list.slice((page - 1) * perPage, page * perPage)];
      }
      if (method === 'POST') {
        const comment = { id: (nextId += 1), body: (body as { body: string }).body, user: { login: botLogin } };
        list.push(comment);
        return [201, comment];
      }
    }
    match = /^\/issues\/comments\/(\d+)$/.exec(route);
    if (method === 'PATCH' && match) {
      const comment = [...comments.values()].flat().find((each) => each.id === Number(match![1]));
      if (!comment) return [404, { message: 'Not Found' }];
      comment.body = (body as { body: string }).body;
      return [200, comment];
    }
    if (route === '/issues' && method === 'GET') {
      const label = url.searchParams.get('labels');
      const state = url.searchParams.get('state') ?? 'open';
      return [200, issues.filter((issue) => issue.state === state && (!label || issue.labels.includes(label)))];
    }
    if (route === '/issues' && method === 'POST') {
      const { title, body: text, labels = [] } = body as { title: string; body: string; labels?: string[] };
      const issue: Issue = { number: issues.length + 1, title, body: text, labels, state: 'open' };
      issues.push(issue);
      return [201, issue];
    }
    match = /^\/issues\/(\d+)$/.exec(route);
    if (method === 'PATCH' && match) {
      const issue = issues.find((each) => each.number === Number(match![1]));
      if (!issue) return [404, { message: 'Not Found' }];
      Object.assign(issue, body);
      return [200, issue];
    }
    return [404, { message: `no stand-in for ${method} ${url.pathname}` }];
  };

  const server: Server = createServer((request, response) => {
    readBody(request)
      .then((body) => {
        const method = request.method ?? 'GET';
        const path = request.url ?? '/';
        calls.push({ method, path, ...(body === undefined ? {} : { body }) });
        const ok = request.headers.authorization?.startsWith('Bearer ');
        const [status, payload] = ok ? answer(method, path, body) : [401, { message: 'Bad credentials' }];
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      })
      .catch(() => response.writeHead(400).end());
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.maxConnections = 16;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    issues,
    pullHeads,
    comments,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

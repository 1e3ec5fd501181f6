// The small HTTP vocabulary the ARM stand-in's routes share: a parsed request and the reply.
import { randomUUID } from 'node:crypto';

export interface ArmRequest {
  method: string;
  /** Path as sent, without the query. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or the raw text for form posts (token requests), or undefined. */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** Captures of the route's pattern, lower-cased names kept as sent. */
  params: string[];
}

export interface ArmReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ArmReply => ({
  status,
  body,
  headers,
});

/** ARM's error envelope: `{ error: { code, message, target, details } }`; `target` names the offending parameter. */
export function armError(status: number, code: string, message: string, details: unknown[] = [], target?: string): ArmReply {
  return json(status, { error: { code, message, ...(target === undefined ? {} : { target }), details } });
}

export const notFound = (type: string, name: string): ArmReply =>
  armError(404, type === 'resourceGroups' ? 'ResourceGroupNotFound' : 'ResourceNotFound', `${type} '${name}' could not be found.`);

export const newId = () => randomUUID();

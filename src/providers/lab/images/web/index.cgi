#!/bin/sh
# The lab's test web app (azswarm/web:lab), run by busybox httpd for every request to /.
# Says which node and which container answered; with REDIS_HOST set (the Redis-backed stack)
# it also counts hits in Redis, speaking RESP over busybox nc.
printf 'Content-Type: text/plain\r\nCache-Control: no-store\r\n\r\n'
printf 'node: %s\n' "${NODE_NAME:-unknown}"
printf 'container: %s\n' "$(hostname)"
if [ -n "${REDIS_HOST:-}" ]; then
  # QUIT makes Redis close the connection, so nc returns at once instead of waiting for -w.
  reply=$(printf 'INCR hits\r\nQUIT\r\n' | nc -w 3 "$REDIS_HOST" "${REDIS_PORT:-6379}" | head -n 1 | tr -d '\r')
  case "$reply" in
    :*) printf 'hits: %s\n' "${reply#:}" ;;
    *) printf 'hits: unavailable (redis at %s did not answer)\n' "$REDIS_HOST" ;;
  esac
fi

#!/bin/sh
# The project's test service (test-service/), run by busybox httpd for every request to a
# directory without an index.html: `/` and `/healthz/` (httpd runs CGI only under /cgi-bin/, or
# as this fallback; `/healthz` redirects to `/healthz/`).
# `/` says which node and which container answered; with REDIS_HOST set (the Redis-backed stack)
# it also counts hits in Redis, speaking RESP over busybox nc. `/healthz/` answers `ok`: httpd
# accepts, forks and runs this script (liveness; it does not ask Redis).
printf 'Content-Type: text/plain\r\nCache-Control: no-store\r\n\r\n'
case "${REQUEST_URI%%\?*}" in
  /healthz/*)
    printf 'ok\n'
    exit 0
    ;;
esac
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

#!/bin/sh
# Sends GET /.well-known/jwks.json through the gateway (proxied to identity) every 0.2 s until
# /tmp/stop exists, printing one status code per line; 000 is a failed connection. Runs in a pod
# of the kind cluster during `helm upgrade` (.github/workflows/chart.yml).
url="$1"
while [ ! -e /tmp/stop ]; do
  curl -s -o /dev/null -m 5 -w '%{http_code}\n' "$url" || true
  sleep 0.2
done
echo done

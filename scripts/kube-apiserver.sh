#!/usr/bin/env bash
# Copyright 2026 The tenantctl Authors. SPDX-License-Identifier: Apache-2.0
# A second kube-apiserver beside the one ../shared/kube/start-cluster.sh DIR started: the same etcd,
# certificates and flags, its own port. A test can kill it and start it again (the API server going away in the
# middle of an apply) without disturbing the tests that use DIR's own server at the same time.
#
# usage: scripts/kube-apiserver.sh start DIR NAME   starts it (the first time on a free port, after that on the
#                                                    same port); writes DIR/NAME.kubeconfig (cluster-admin) and
#                                                    DIR/NAME.pid; waits for /readyz (at most 60 s)
#        scripts/kube-apiserver.sh stop DIR NAME    kills it at once (SIGKILL, as a crash would)
# Exits 0 once done, 1 when it did not stop or did not become ready.
set -euo pipefail
what="${1:?usage: kube-apiserver.sh start|stop DIR NAME}"
dir="${2:?usage: kube-apiserver.sh start|stop DIR NAME}"
name="${3:?usage: kube-apiserver.sh start|stop DIR NAME}"
pidfile="$dir/$name.pid"
saved="$dir/$name.cmdline"

# Running, not gone and not a zombie waiting to be reaped.
alive() { [ -r "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]; }
free_port() { # first free TCP port on 127.0.0.1 from $1 up
  local p="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

case "$what" in
start)
  if [ ! -f "$saved" ]; then
    # The cluster's own server's command line (NUL-separated), with another --secure-port.
    mapfile -d '' args < "/proc/$(cat "$dir/kube-apiserver.pid")/cmdline"
    port="$(free_port $((9443 + RANDOM % 2000)))"
    for i in "${!args[@]}"; do
      if [ "${args[$i]}" = --secure-port ]; then args[$((i + 1))]="$port"; fi
    done
    printf '%s\0' "${args[@]}" > "$saved"
    sed "s#^\(    server: \).*#\1https://127.0.0.1:$port#" "$dir/kubeconfig" > "$dir/$name.kubeconfig"
    chmod 600 "$dir/$name.kubeconfig"
  fi
  if [ -f "$pidfile" ] && alive "$(cat "$pidfile")"; then exit 0; fi
  mapfile -d '' args < "$saved"
  (
    # Only stdin, stdout and stderr go to the server: a descriptor the caller's process left open (Foundation's
    # Process watches its child through one) would otherwise stay open as long as the server runs.
    for fd in /proc/self/fd/*; do
      n="${fd##*/}"
      if [ "$n" -gt 2 ]; then eval "exec $n>&-" 2>/dev/null || true; fi
    done
    exec setsid "${args[@]}" >>"$dir/logs/$name.log" 2>&1 < /dev/null
  ) &
  echo $! > "$pidfile"
  server="$(sed -n 's/^    server: //p' "$dir/$name.kubeconfig")"
  for _ in $(seq 1 120); do
    if curl -sf --cacert "$dir/pki/ca.crt" --cert "$dir/pki/admin.crt" --key "$dir/pki/admin.key" "$server/readyz" >/dev/null 2>&1; then exit 0; fi
    alive "$(cat "$pidfile")" || break
    sleep 0.5
  done
  echo "kube-apiserver.sh: $name did not become ready; last lines of its log:" >&2
  tail -20 "$dir/logs/$name.log" >&2
  exit 1
  ;;
stop)
  [ -f "$pidfile" ] || exit 0
  pid="$(cat "$pidfile")"
  kill -9 "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do alive "$pid" || { rm -f "$pidfile"; exit 0; }; sleep 0.1; done
  exit 1
  ;;
*) echo "usage: kube-apiserver.sh start|stop DIR NAME" >&2; exit 64 ;;
esac

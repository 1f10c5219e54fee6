#!/usr/bin/env bash
# Installs what the test suite drives from Debian: the real GridFTP clients (globus-url-copy,
# gfal2 with its gridftp and file plugins, jGlobus), the Globus GridFTP server (third-party
# peer), grid-proxy-init (RFC 3820 proxies for the GSI tests' throw-away PKI), curl (stream-mode
# resume), python3 (port picking in the launcher), and iproute2 plus iptables (a NAT inside a
# network namespace for the advertised-address test).
# Runs apt-get only for what is missing, so a prepared machine starts the tests at once.
set -euo pipefail

packages=(globus-gass-copy-progs gfal2-util-scripts gfal2-plugin-gridftp gfal2-plugin-file
          globus-gridftp-server-progs libjglobus-gridftp-java libjglobus-gss-java
          libjglobus-ssl-proxies-java libjglobus-jsse-java globus-proxy-utils curl python3 iproute2
          iptables)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-test-deps: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
for tool in globus-url-copy gfal-copy gfal-ls gfal-stat gfal-mkdir gfal-rm gfal-rename grid-proxy-init \
            curl; do
  command -v "$tool" >/dev/null || { echo "install-test-deps: $tool is still missing" >&2; exit 1; }
done

# The Globus server refuses anonymous logins when it runs as root, so the tests and bench/run
# start it as this unprivileged system account whenever they run as root themselves.
globus_account=${GANTRY_GLOBUS_ACCOUNT:-gantry-globus}
if [ "$(id -u)" -eq 0 ] && ! getent passwd "$globus_account" >/dev/null; then
  echo "install-test-deps: creating system account $globus_account (runs the Globus server)" >&2
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
          --shell /usr/sbin/nologin "$globus_account"
fi

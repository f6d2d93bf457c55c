#!/usr/bin/env bash
# Serve a fresh copy of the seeded Tryton database on 127.0.0.1:${TRYTON_PORT:-8000} (foreground).
#   .ci/tryton/serve.sh [run-folder]     (default .ci/tryton/var/run; its database is replaced)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/install.sh"
"$here/.venv/bin/python" "$here/seed.py"
run="${1:-$here/var/run}"
mkdir -p "$run"
rm -f "$run"/opsloop.sqlite*
cp "$here/var/seed/opsloop.sqlite" "$run/opsloop.sqlite"
port="${TRYTON_PORT:-8000}"
printf '[database]\nuri = sqlite://\npath = %s\n[web]\nlisten = 127.0.0.1:%s\n' "$run" "$port" > "$run/trytond.conf"
echo "Tryton on http://127.0.0.1:$port (database opsloop, user admin, password admin)"
exec "$here/.venv/bin/trytond" -c "$run/trytond.conf" -d opsloop

# Services the test suite talks to, started on loopback from Debian packages. Sourced by .ci/run
# (and usable by hand: `source .ci/services.sh && start_postgres`).

_as_service_user() {  # run a command as `postgres` when we are root (PostgreSQL refuses root)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_apt_install() {
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "need Debian packages: $* (run as root or install them)" >&2
    return 1
  fi
}

start_postgres() {
  local bindir port=${OPSLOOP_CI_PG_PORT:-54329}
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    _apt_install postgresql
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  PGDATA_CI=$(mktemp -d /tmp/opsloop-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA_CI"; fi
  _as_service_user "$bindir/initdb" -D "$PGDATA_CI" -A trust -U postgres -E UTF8 >/dev/null
  _as_service_user "$bindir/pg_ctl" -D "$PGDATA_CI" -l "$PGDATA_CI/server.log" -w -t 60 \
    -o "-p $port -k $PGDATA_CI -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  export PG_BINDIR_CI=$bindir
  export OPSLOOP_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
  if [ -n "${PGDATA_CI:-}" ] && [ -d "$PGDATA_CI" ]; then
    _as_service_user "$PG_BINDIR_CI/pg_ctl" -D "$PGDATA_CI" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA_CI"
  fi
}

ensure_chromium() {  # headless Chromium + chromedriver for the review UI's browser test
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    _apt_install chromium chromium-driver
  fi
  export OPSLOOP_TEST_CHROMIUM=/usr/bin/chromium OPSLOOP_TEST_CHROMEDRIVER=/usr/bin/chromedriver
  echo "$(/usr/bin/chromium --version 2>/dev/null || echo chromium) for the browser test"
}

ensure_axe() {  # Node + axe-core (test-only, tests/web/node_modules) for the review UI's accessibility test
  if ! command -v npm >/dev/null 2>&1; then
    _apt_install nodejs npm
  fi
  npm ci --prefix tests/web --no-audit --no-fund >/dev/null
  export OPSLOOP_REQUIRE_AXE=1
  echo "axe-core $(node -p "require('./tests/web/node_modules/axe-core/package.json').version") for the accessibility test"
}

ensure_tesseract() {  # Tesseract OCR (+ German, French, Dutch, and the packs of the other languages scans are
  # read in: Spanish, Italian, Portuguese, Polish, Swedish, Danish, Czech, Norwegian, Finnish) for the
  # scanned-invoice tests and evals/scans
  local pack missing=()
  command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
  for pack in deu fra nld spa ita por pol swe dan ces nor fin; do
    [ -f "$(ls -d /usr/share/tesseract-ocr/*/tessdata 2>/dev/null | tail -n 1)/$pack.traineddata" ] \
      || missing+=("tesseract-ocr-$pack")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    _apt_install "${missing[@]}"
  fi
  echo "$(tesseract --version 2>/dev/null | head -n 1) ($(tesseract --list-langs 2>/dev/null | tail -n +2 | tr '\n' ' '))"
}

ensure_libreoffice() {  # LibreOffice Writer and Calc (headless) for the invoice generators evals/synth6, synth7
  # (Writer) and synth11 (Calc), and their tests
  if ! command -v soffice >/dev/null 2>&1 || ! fc-list | grep -q "Liberation Sans Narrow" \
    || ! dpkg -s libreoffice-calc-nogui >/dev/null 2>&1; then
    # the layouts set DejaVu and Liberation faces (Sans Narrow is only in fonts-liberation 1.x)
    _apt_install libreoffice-writer-nogui libreoffice-calc-nogui fonts-dejavu-core fonts-dejavu-extra \
      fonts-liberation fonts-liberation2
  fi
  echo "$(soffice --version 2>/dev/null | head -n 1)"
}

ensure_wkhtmltopdf() {  # wkhtmltopdf (QtWebKit) for the ninth invoice generator (evals/synth9) and its tests
  if ! command -v wkhtmltopdf >/dev/null 2>&1; then
    _apt_install wkhtmltopdf fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-liberation2
  fi
  echo "$(QT_QPA_PLATFORM=offscreen wkhtmltopdf --version 2>/dev/null | head -n 1)"
}

ensure_ghostscript() {  # Ghostscript (gs, ps2pdf; the URW base-35 fonts) for the fourteenth invoice generator
  # (evals/synth14: hand-written PostScript, as document-composition systems print bills) and its tests
  if ! command -v gs >/dev/null 2>&1; then
    _apt_install ghostscript fonts-urw-base35
  fi
  echo "Ghostscript $(gs --version 2>/dev/null)"
}

ensure_texlive() {  # TeX Live (pdfLaTeX, KOMA-Script, babel for the eleven core languages, the base-35 and
  # Latin Modern fonts) for the twenty-first invoice generator (evals/synth21) and its tests
  if ! command -v pdflatex >/dev/null 2>&1 || ! kpsewhich scrlttr2.cls >/dev/null 2>&1 \
    || ! kpsewhich czech.ldf >/dev/null 2>&1; then
    _apt_install --no-install-recommends texlive-latex-base texlive-latex-recommended texlive-fonts-recommended \
      lmodern texlive-lang-european texlive-lang-german texlive-lang-french texlive-lang-spanish \
      texlive-lang-italian texlive-lang-portuguese texlive-lang-polish texlive-lang-czechslovak
  fi
  echo "$(pdflatex --version 2>/dev/null | head -n 1)"
}

ensure_lualatex() {  # LuaLaTeX with fontspec (OpenType fonts: DejaVu, Liberation, Latin Modern) for the
  # twenty-fifth invoice generator (evals/synth25) and its tests
  ensure_texlive
  if ! command -v lualatex >/dev/null 2>&1 || ! kpsewhich fontspec.sty >/dev/null 2>&1 \
    || ! kpsewhich lmroman10-regular.otf >/dev/null 2>&1; then
    _apt_install --no-install-recommends texlive-luatex texlive-latex-recommended texlive-latex-extra lmodern \
      fonts-dejavu-core fonts-liberation
  fi
  echo "$(lualatex --version 2>/dev/null | head -n 1)"
}

ensure_groff() {  # groff with gropdf (Debian groff, not only groff-base) and the URW base-35 fonts, whose full glyph
  # sets the twenty-second invoice generator's troff layouts (evals/synth22/troff.py) describe with afmtodit
  if ! command -v gropdf >/dev/null 2>&1 || ! command -v afmtodit >/dev/null 2>&1 \
    || [ ! -f /usr/share/fonts/type1/urw-base35/NimbusSans-Regular.afm ]; then
    _apt_install --no-install-recommends groff fonts-urw-base35
  fi
  echo "$(groff --version 2>/dev/null | head -n 1)"
}

ensure_pdfkit() {  # Node + PDFKit (eval-only, evals/synth24/node_modules) and the DejaVu / Liberation fonts for the
  # twenty-fourth invoice generator (evals/synth24, PDFKit pages run by Node) and its tests
  if ! command -v npm >/dev/null 2>&1; then
    _apt_install nodejs npm
  fi
  if [ ! -f /usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf ] \
    || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf ]; then
    _apt_install fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-liberation2
  fi
  npm ci --prefix evals/synth24 --no-audit --no-fund >/dev/null
  echo "PDFKit $(node -p "require('./evals/synth24/node_modules/pdfkit/package.json').version") for evals/synth24"
}

start_tryton() {  # Tryton 8.2 (+ purchase/stock/invoice modules) in .ci/tryton/.venv, a seeded SQLite db
  bash .ci/tryton/install.sh
  .ci/tryton/.venv/bin/python .ci/tryton/seed.py
  export OPSLOOP_TEST_TRYTON="$PWD/.ci/tryton"  # the Tryton tests start trytond on 127.0.0.1 from the seed
  echo "Tryton $(.ci/tryton/.venv/bin/python -c 'import trytond; print(trytond.__version__)') seeded in .ci/tryton/var/seed"
}

start_redis() {  # Redis (Debian's redis-server) on 127.0.0.1, no persistence: the Celery broker for the worker tests
  local port=${OPSLOOP_CI_REDIS_PORT:-63799}
  if ! command -v redis-server >/dev/null 2>&1; then
    _apt_install redis-server
  fi
  REDIS_DIR_CI=$(mktemp -d /tmp/opsloop-redis.XXXXXX)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$REDIS_DIR_CI" --pidfile "$REDIS_DIR_CI/redis.pid" --logfile "$REDIS_DIR_CI/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export OPSLOOP_TEST_REDIS_URL="redis://127.0.0.1:$port/0"
  echo "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$port"
}

stop_redis() {
  if [ -n "${REDIS_DIR_CI:-}" ] && [ -f "$REDIS_DIR_CI/redis.pid" ]; then
    local pid
    pid=$(cat "$REDIS_DIR_CI/redis.pid")
    kill "$pid" 2>/dev/null || true
    # (the server still writes its log as it shuts down: wait for it, or the folder is not empty yet)
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -rf "$REDIS_DIR_CI" || true
  fi
}

#!/usr/bin/env bash
# Installs a real Moodle for the Moodle test tier (npm run test:moodle), unattended, on Debian's
# PHP 8.2 and the local PostgreSQL, and reuses an install that is already there.
#
#   test/moodle/install.sh            install (or check) and print the site's directory
#
# Where Moodle comes from (the first that is set):
#   MOODLE_SOURCE   a Moodle code directory (a release or a git checkout), used in place
#   MOODLE_TARBALL  a release tarball (default ../shared/moodle/moodle-4.3.tar.gz beside the project)
# Where it goes:
#   MOODLE_HOME     default ~/.cache/inprocap/moodle: one folder per source (code, moodledata)
#   MOODLE_PORT     default 8769: the site answers at http://127.0.0.1:$MOODLE_PORT
#   MOODLE_DB_URL   default postgres://postgres@127.0.0.1:5432: one database per source
#
# Moodle is GPL and is used here as a test fixture only: nothing of it is copied into the project.
# A fresh install takes a minute or two on 2 cores; later runs take a second.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
say() { printf '[moodle] %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

PORT=${MOODLE_PORT:-8769}
DB_URL=${MOODLE_DB_URL:-postgres://postgres@127.0.0.1:5432}
DB_HOST=$(echo "$DB_URL" | sed -E 's#^postgres(ql)?://([^@]*@)?([^:/]+).*#\3#')
DB_PORT=$(echo "$DB_URL" | sed -nE 's#^postgres(ql)?://([^@]*@)?[^:/]+:([0-9]+).*#\3#p')
DB_PORT=${DB_PORT:-5432}
DB_USER=$(echo "$DB_URL" | sed -nE 's#^postgres(ql)?://([^:@]+)(:[^@]*)?@.*#\2#p')
DB_USER=${DB_USER:-postgres}
DB_PASS=$(echo "$DB_URL" | sed -nE 's#^postgres(ql)?://[^:@]+:([^@]*)@.*#\2#p')

# --- PHP ---------------------------------------------------------------------------------------
PHP_PACKAGES="php8.2-cli php8.2-pgsql php8.2-xml php8.2-mbstring php8.2-curl php8.2-zip php8.2-gd php8.2-intl php8.2-soap php8.2-opcache"
missing_php() {
  command -v php >/dev/null 2>&1 || return 0
  local modules
  modules=$(php -m 2>/dev/null | tr 'A-Z' 'a-z')
  for ext in pgsql xml mbstring curl zip gd intl soap; do
    [[ $'\n'"$modules"$'\n' == *$'\n'"$ext"$'\n'* ]] || return 0
  done
  return 1
}
if missing_php; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing PHP 8.2 from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PHP_PACKAGES >/dev/null
  else
    fail "PHP 8.2 with its pgsql, xml, mbstring, curl, zip, gd, intl and soap extensions is needed: apt-get install -y $PHP_PACKAGES"
  fi
fi
# Moodle's installer wants max_input_vars >= 5000; set per call, so no system file is changed.
PHP=(php -d max_input_vars=5000 -d memory_limit=1G -d opcache.enable_cli=1)

# --- Source --------------------------------------------------------------------------------------
if [ -n "${MOODLE_SOURCE:-}" ]; then
  [ -f "$MOODLE_SOURCE/version.php" ] || fail "MOODLE_SOURCE=$MOODLE_SOURCE holds no Moodle (no version.php)"
  SOURCE_ID="dir:$(cd "$MOODLE_SOURCE" && pwd)"
else
  TARBALL=${MOODLE_TARBALL:-$ROOT/../shared/moodle/moodle-4.3.tar.gz}
  [ -f "$TARBALL" ] || fail "no Moodle tarball at $TARBALL (set MOODLE_TARBALL or MOODLE_SOURCE)"
  SOURCE_ID="tar:$(sha256sum "$TARBALL" | cut -c1-16)"
fi
KEY=$(printf '%s' "$SOURCE_ID" | sha256sum | cut -c1-10)
HOME_DIR=${MOODLE_HOME:-$HOME/.cache/inprocap/moodle}
SITE="$HOME_DIR/$KEY"
mkdir -p "$SITE"
SITE=$(cd "$SITE" && pwd)
# One database per site folder: two homes never share (and never drop) each other's database.
DB_NAME="inprocap_moodle_$(printf '%s' "$SITE" | sha256sum | cut -c1-10)"

if [ -n "${MOODLE_SOURCE:-}" ]; then
  CODE=$(cd "$MOODLE_SOURCE" && pwd)
else
  CODE="$SITE/moodle"
  if [ ! -f "$CODE/version.php" ]; then
    say "unpacking $(basename "$TARBALL")"
    rm -rf "$CODE.part" && mkdir -p "$CODE.part"
    tar -xzf "$TARBALL" -C "$CODE.part"
    # The release tarball holds one folder (moodle/); take whatever it is called.
    inner=$(find "$CODE.part" -mindepth 1 -maxdepth 1 -type d | sed -n 1p)
    [ -f "$inner/version.php" ] || fail "$TARBALL holds no Moodle (no version.php in its top folder)"
    mv "$inner" "$CODE" && rm -rf "$CODE.part"
  fi
fi
DATA="$SITE/moodledata"
RELEASE=$(sed -nE "s/^\\\$release *= *'([^']*)'.*/\1/p" "$CODE/version.php")

# --- Database and install ------------------------------------------------------------------------
export PGPASSWORD="$DB_PASS"
psql_admin() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -Atqc "$1"; }
psql_admin 'select 1' >/dev/null 2>&1 || fail "PostgreSQL does not answer at $DB_HOST:$DB_PORT as $DB_USER (set MOODLE_DB_URL)"
db_exists=$(psql_admin "select 1 from pg_database where datname = '$DB_NAME'")
installed=no
if [ -f "$SITE/installed" ] && [ "$db_exists" = 1 ] && [ -f "$SITE/config.php" ]; then
  tables=$(psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -Atqc "select count(*) from information_schema.tables where table_name = 'mdl_config'")
  [ "$tables" = 1 ] && installed=yes
fi

# config.php lives beside the code for a tarball install; for MOODLE_SOURCE it must be in the
# source folder itself (Moodle reads it from its dirroot), so that folder is changed then.
write_config() {
  cat > "$SITE/config.php" <<PHP
<?php  // Made by inprocap's test/moodle/install.sh for the Moodle test tier; not for production.
unset(\$CFG);
global \$CFG;
\$CFG = new stdClass();
\$CFG->dbtype    = 'pgsql';
\$CFG->dblibrary = 'native';
\$CFG->dbhost    = '$DB_HOST';
\$CFG->dbname    = '$DB_NAME';
\$CFG->dbuser    = '$DB_USER';
\$CFG->dbpass    = '$DB_PASS';
\$CFG->prefix    = 'mdl_';
\$CFG->dboptions = ['dbpersist' => 0, 'dbport' => '$DB_PORT', 'dbsocket' => ''];
\$CFG->wwwroot   = 'http://127.0.0.1:' . (getenv('MOODLE_PORT') ?: '$PORT');
\$CFG->dataroot  = '$DATA';
\$CFG->admin     = 'admin';
\$CFG->directorypermissions = 02777;
// Test site: no outgoing mail or network lookups, quick sign-ins.
\$CFG->noemailever = true;
\$CFG->passwordpolicy = 0;
\$CFG->lang = 'en';
require_once(__DIR__ . '/lib/setup.php');
PHP
  cp "$SITE/config.php" "$CODE/config.php"
}

if [ "$installed" = no ]; then
  say "installing $RELEASE into database $DB_NAME (a minute or two on 2 cores)"
  rm -f "$SITE/installed" "$CODE/config.php"
  [ "$db_exists" = 1 ] && psql_admin "drop database \"$DB_NAME\""
  psql_admin "create database \"$DB_NAME\" encoding 'UTF8' template template0"
  rm -rf "$DATA" && mkdir -p "$DATA"
  write_config
  started=$(date +%s)
  (cd "$CODE" && "${PHP[@]}" admin/cli/install_database.php --agree-license --lang=en \
      --fullname="INPROCAP Moodle test site" --shortname="inprocap-test" \
      --adminuser=admin --adminpass='Admin-1234' --adminemail=admin@example.invalid) > "$SITE/install.log" 2>&1 \
    || { tail -n 30 "$SITE/install.log" >&2; fail "Moodle's installer failed; the whole log is $SITE/install.log"; }
  say "installed in $(( $(date +%s) - started )) s"
  echo "$RELEASE" > "$SITE/installed"
else
  write_config
  say "reusing $RELEASE in $SITE (database $DB_NAME)"
fi

# Site settings the tests rely on (idempotent).
(cd "$CODE" && "${PHP[@]}" "$ROOT/test/moodle/php/configure-site.php") >&2
echo "$SITE"

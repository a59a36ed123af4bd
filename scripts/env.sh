# Sourced by ./hdp, ./run-tests and .ci/run: finds a JDK 21+, the pinned tools and the PostgreSQL server.
# The default `java` on these machines can be older (17); a newer JDK is then looked for under /usr/lib/jvm.

hdp_java_major() { # prints the major version of the java binary given, or 0
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}' || echo 0
}

hdp_find_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(hdp_java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(hdp_java_major "$candidate/bin/java")" -ge 21 ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    if [ -x "$candidate/bin/javac" ] && [ "$(hdp_java_major "$candidate/bin/java")" -ge 21 ]; then
      export JAVA_HOME="$candidate"; return 0
    fi
  done
  echo "error: no JDK 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm). Install one, e.g. apt-get install openjdk-21-jdk." >&2
  return 1
}

# Installs tools/ (Anvil, forge, cast, solc-js) with `npm ci` when node_modules is missing or older than the lock file.
hdp_install_tools() {
  local tools="$1/tools"
  if [ ! -d "$tools/node_modules" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
    command -v npm >/dev/null 2>&1 || { echo "error: npm (Node 20+) is needed to install tools/ (Anvil, solc-js)" >&2; return 1; }
    echo "Installing pinned tools (npm ci in tools/)..." >&2
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >&2) || return 1
  fi
}

# The PostgreSQL integration tests (tag postgres) start a throwaway server from the machine's own
# binaries; installs Debian's postgresql package when no /usr/lib/postgresql/*/bin/initdb is there.
hdp_install_postgres() {
  if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: the PostgreSQL server (initdb, pg_ctl) is needed by the postgres tests; install it" >&2
    return 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: apt-get install postgresql needs root" >&2; return 1; }
    sudo="sudo"
  fi
  echo "Installing the PostgreSQL server (apt-get install postgresql)..." >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null || return 1
}

# shellcheck shell=bash
# Sourced by bin/test, bin/demo and .ci/run: picks the JDKs loomcql needs.
#
# - The driver builds and runs on JDK 21+: sourcing this file exports JAVA_HOME (and PATH) for one,
#   or exits 1 saying what to install.
# - The Cassandra 5.0 server the integration tests fork runs on JDK 11 or 17 only (it dies on 21+):
#   loomcql_use_server_jdk exports CASSANDRA_JAVA_HOME for one, or exits 1 saying what to install.

# Prints the feature version of the JDK at $1 (17 for "17.0.16", 8 for "1.8.0_402"); fails if $1
# is not a JDK home with a release file and bin/java.
loomcql_jdk_version() {
  local home=$1 version major
  [[ -f $home/release && -x $home/bin/java ]] || return 1
  version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' "$home/release" | head -n 1)
  major=${version%%[._+-]*}
  if [[ $major == 1 ]]; then
    major=$(cut -d . -f 2 <<<"$version")
  fi
  [[ $major =~ ^[0-9]+$ ]] || return 1
  echo "$major"
}

# JAVA_HOME if it is 21+, else the newest 21+ JDK under /usr/lib/jvm.
loomcql_use_build_jdk() {
  local chosen="" chosen_version=0 home version
  if [[ -n ${JAVA_HOME:-} ]] && version=$(loomcql_jdk_version "$JAVA_HOME") && ((version >= 21)); then
    chosen=$JAVA_HOME
  else
    for home in /usr/lib/jvm/*; do
      version=$(loomcql_jdk_version "$home") || continue
      if ((version >= 21 && version > chosen_version)); then
        chosen=$home
        chosen_version=$version
      fi
    done
  fi
  if [[ -z $chosen ]]; then
    {
      echo "loomcql builds with a JDK 21 or newer; found none (JAVA_HOME=${JAVA_HOME:-unset}, nor under /usr/lib/jvm)."
      echo "Install a JDK 21+ such as temurin-21-jdk or openjdk-21-jdk (e.g. 'apt-get install -y openjdk-21-jdk-headless'),"
      echo "or set JAVA_HOME to one."
    } >&2
    exit 1
  fi
  export JAVA_HOME=$chosen
  export PATH=$JAVA_HOME/bin:$PATH
}

# CASSANDRA_JAVA_HOME if set (it must be 11 or 17), else a JDK 17 under /usr/lib/jvm, else a JDK 11.
# The same rules as io.loomcql.it.harness.ServerJdk.
loomcql_use_server_jdk() {
  local home version wanted
  if [[ -n ${CASSANDRA_JAVA_HOME:-} ]]; then
    version=$(loomcql_jdk_version "$CASSANDRA_JAVA_HOME") || version=none
    if [[ $version != 17 && $version != 11 ]]; then
      echo "CASSANDRA_JAVA_HOME=$CASSANDRA_JAVA_HOME is not a JDK 11 or 17 (found: $version); Cassandra 5.0 needs one of those." >&2
      exit 1
    fi
    export CASSANDRA_JAVA_HOME
    return 0
  fi
  for wanted in 17 11; do
    for home in /usr/lib/jvm/*; do
      version=$(loomcql_jdk_version "$home") || continue
      if [[ $version == "$wanted" ]]; then
        export CASSANDRA_JAVA_HOME=$home
        return 0
      fi
    done
  done
  {
    echo "The integration tests run Apache Cassandra 5.0, which needs a JDK 11 or 17 (it does not run on 21+); found none under /usr/lib/jvm."
    echo "Install one with 'apt-get install -y openjdk-17-jdk-headless', or set CASSANDRA_JAVA_HOME to a JDK 11 or 17."
  } >&2
  exit 1
}

loomcql_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "Maven 3.8+ is needed ('apt-get install -y maven'), and was not found on PATH." >&2
    exit 1
  fi
}

loomcql_use_build_jdk

# Shared by the scripts: build what is missing, with progress, and know the class path.
# Sourced, not run. Expects to be in the repository root.

MPROC_CLASSPATH_FILE=scenarios/target/classpath.txt

# Prints a line every 10 s while the command given runs, so long steps are never silent.
with_ticker() {
  local label=$1; shift
  local start=$SECONDS
  "$@" &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      sleep 1
      kill -0 "$pid" 2>/dev/null || break
    done
    kill -0 "$pid" 2>/dev/null && echo "  … ${label}: $((SECONDS - start)) s"
  done
  wait "$pid"
}

needs_build() {
  [ -f "$MPROC_CLASSPATH_FILE" ] || return 0
  [ -f reports/target/benchmarks.jar ] || return 0
  [ -f cluster/target/classpath.txt ] || return 0
  [ -n "$(find pom.xml runtime harness scenarios reports cluster -newer "$MPROC_CLASSPATH_FILE" \
          \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -print -quit)" ]
}

require_tools() {
  command -v java >/dev/null || { echo "error: java is not on PATH (JDK 17 or newer is needed)" >&2; exit 2; }
  command -v mvn >/dev/null || { echo "error: mvn is not on PATH (Maven 3.8 or newer is needed)" >&2; exit 2; }
}

# Builds the modules without running tests, and writes the scenarios' runtime class path.
ensure_built() {
  require_tools
  if needs_build; then
    echo "==> building mproc (mvn package, tests skipped; 'mvn -B verify' runs them)"
    local log=target/build.log
    mkdir -p target
    if ! with_ticker "building" mvn -B -DskipTests -Dmaven.javadoc.skip=true package dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >"$log" 2>&1; then
      tail -40 "$log" >&2
      echo "error: the build failed; the whole log is in $log" >&2
      exit 2
    fi
    # The dependency plugin leaves an unchanged class path file untouched; mark the build as done.
    touch "$MPROC_CLASSPATH_FILE"
    grep -E '^\[INFO\] (Building mproc|mproc .*(SUCCESS|FAILURE)|BUILD|Total time)' "$log" | sed 's/^\[INFO\] /  /'
  else
    echo "==> build is up to date"
  fi
  MPROC_CLASSPATH="scenarios/target/classes:$(cat "$MPROC_CLASSPATH_FILE")"
  export MPROC_CLASSPATH
}

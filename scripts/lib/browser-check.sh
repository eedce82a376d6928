# Shared by the scripts: check a rendered report in headless Chromium. Sourced, not run; expects to
# be in the repository root, with reports/target/benchmarks.jar built (ensure_built in build.sh).
#
#   browser_check reports/out/report.html [reports/out/report.png]
#
# Installs Debian's chromium when missing (scripts/ensure-chromium), loads the page, requires every
# chart to draw with no script error and no console.error, and saves a 1280x2000 screenshot.
# Returns 0 when the page is fine, 1 when it is not, 2 when Chromium is missing and cannot be installed.
browser_check() {
  local html=$1
  local png=${2:-${1%.html}.png}
  scripts/ensure-chromium || return 2
  java -cp reports/target/benchmarks.jar org.mproc.reports.html.BrowserCheck "$html" "$png"
}

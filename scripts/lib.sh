# shellcheck shell=bash
# Shared by scripts/test, scripts/demo and scripts/bench: install what the tests need when it is
# missing (Debian packages, a Python venv with moto and the AWS CLI), so a fresh machine works.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$repo_root/.venv"

# Each step with the seconds since the script started: CI's log shows where the time goes
# (installs, build, tests).
log() { printf '==> [%4ds] %s\n' "$SECONDS" "$*" >&2; }

# Debian packages: the real shells, shellcheck, hyperfine (bench), tmux (interactive tests).
ensure_apt() {
  local missing=() pkg bin
  for pair in zsh:zsh fish:fish dash:dash shellcheck:shellcheck tmux:tmux "$@"; do
    pkg=${pair%%:*} bin=${pair##*:}
    command -v "$bin" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# nushell is not packaged in Debian 12; its npm package ships the binary. Installed into .tools/
# (git-ignored) and linked as .tools/bin/nu, where the tests look for it.
nu_version=0.115.1
ensure_nu() {
  local tools="$repo_root/.tools" found
  if [ -x "$tools/bin/nu" ] && [ "$("$tools/bin/nu" --version 2>/dev/null)" = "$nu_version" ]; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 || ensure_apt npm:npm
  log "installing nushell $nu_version from npm into $tools"
  npm install --silent --no-save --prefix "$tools" "nushell@$nu_version" >/dev/null 2>&1
  found=$(find "$tools/node_modules/@nushell" -path '*/bin/nu' -type f | head -n 1)
  [ -n "$found" ] || { log "npm installed no nushell binary"; return 1; }
  mkdir -p "$tools/bin"
  ln -sf "$found" "$tools/bin/nu"
}

# Python test tools in .venv: moto (STS/IAM emulator), the AWS CLI and boto3 (real consumers).
# `ensure_venv progress` lets pip show what it downloads and installs (scripts/demo: someone is
# watching); otherwise pip is quiet.
# shellcheck disable=SC2120 # the argument is optional
ensure_venv() {
  local quiet=-q
  [ "${1-}" = progress ] && quiet=""
  if [ ! -x "$venv/bin/python" ]; then
    log "creating $venv"
    python3 -m venv "$venv"
  fi
  if ! "$venv/bin/python" -c 'import moto.server, boto3, awscli' >/dev/null 2>&1 \
    || [ ! -x "$venv/bin/aws" ] || [ ! -x "$venv/bin/moto_server" ]; then
    log "installing moto[server], awscli, boto3 into $venv"
    # shellcheck disable=SC2086 # $quiet is one flag or none
    "$venv/bin/python" -m pip install $quiet --disable-pip-version-check \
      -r "$repo_root/scripts/requirements-test.txt"
  fi
}

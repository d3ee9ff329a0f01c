# awsmfa shell integration for bash: eval "$(awsmfa init bash)" in ~/.bashrc
# Defines the `awsmfa` function (use/clear change this shell) and `awsmfa_prompt`; `awsmfa init
# bash` appends the completion (shell/completion.bash).

_awsmfa_bin=__AWSMFA_BIN__

# `use` and `clear` evaluate the binary's output here; everything else runs the binary.
# `use` runs the hidden `__use SHELL`, which prints export lines for this shell or refuses
# (`--format json` or `--shell fish` output must never be evaluated here).
# On failure nothing is evaluated and the binary's exit status is kept.
awsmfa() {
  local _awsmfa_out
  case "${1-}" in
    use)
      shift
      _awsmfa_out=$(command "${_awsmfa_bin}" __use bash "$@") || return
      eval "${_awsmfa_out}"
      ;;
    clear)
      shift
      _awsmfa_out=$(command "${_awsmfa_bin}" clear --shell bash "$@") || return
      eval "${_awsmfa_out}"
      ;;
    *)
      command "${_awsmfa_bin}" "$@"
      ;;
  esac
}

# The prompt segment from AWSMFA_PROFILE and AWSMFA_EXPIRES with builtins only (no process):
# `dev-admin 42m`, `dev-admin 8m!` (under AWSMFA_PROMPT_WARN seconds, default 600),
# `dev-admin expired`, or nothing. `awsmfa_prompt -v VAR` assigns instead of printing, for a
# prompt with no subshell at all: PROMPT_COMMAND='awsmfa_prompt -v AWSMFA_PS1'.
awsmfa_prompt() {
  local _p=${AWSMFA_PROFILE-} _e=${AWSMFA_EXPIRES-} _w=${AWSMFA_PROMPT_WARN-600}
  local _now _left _h _m _t="" _var=""
  if [[ "${1-}" = "-v" ]] && [[ -n "${2-}" ]]; then _var=$2; fi
  if [[ -n "${_p}" ]]; then
    case ${_e} in
      '' | *[!0-9]*) _p="" ;;
      *) ;;
    esac
  fi
  if [[ -n "${_p}" ]] && [[ "${#_e}" -le 12 ]]; then
    case ${_w} in
      '' | *[!0-9]*) _w=600 ;;
      *) ;;
    esac
    if [[ "${#_w}" -gt 12 ]]; then _w=600; fi
    printf -v _now '%(%s)T' -1
    _left=$((_e - _now))
    if [[ "${_left}" -le 0 ]]; then
      _t="${_p} expired"
    else
      _h=$((_left / 3600))
      _m=$((_left % 3600 / 60))
      if [[ "${_h}" -gt 0 ]]; then
        printf -v _t '%s %dh%02dm' "${_p}" "${_h}" "${_m}"
      elif [[ "${_m}" -gt 0 ]]; then
        _t="${_p} ${_m}m"
      else
        _t="${_p} ${_left}s"
      fi
      if [[ "${_left}" -lt "${_w}" ]]; then _t="${_t}!"; fi
    fi
  fi
  if [[ -n "${_var}" ]]; then
    printf -v "${_var}" '%s' "${_t}"
  elif [[ -n "${_t}" ]]; then
    printf '%s' "${_t}"
  fi
}

# Auto-refresh: before each prompt, when the credentials `use` set are within the refresh window
# (AWSMFA_REFRESH_WINDOW seconds, default 900) of their end, `use` runs again silently: new role
# credentials from the cached MFA session, never a code prompt (AWSMFA_NO_PROMPT). While they
# are good this is builtins only, no process; inside the window at most one try a minute (the
# binary renews only what is due; with no session left the prompt segment shows the end).
# AWSMFA_AUTO_REFRESH=0 turns it off. Needs bash 4.2 (printf %(%s)T); older bash gets no hook.
_awsmfa_refresh() {
  local _status=$? _e=${AWSMFA_EXPIRES-} _w=${AWSMFA_REFRESH_WINDOW-900} _now _out
  case ${_w} in '' | *[!0-9]*) _w=900 ;; *) ;; esac
  case ${_e} in '' | *[!0-9]*) return "${_status}" ;; *) ;; esac
  if [[ "${AWSMFA_AUTO_REFRESH-1}" != 0 ]] && [[ -n "${AWSMFA_PROFILE-}" ]] \
    && [[ "${#_e}" -le 12 ]] && [[ "${#_w}" -le 12 ]]; then
    printf -v _now '%(%s)T' -1
    # 10#: a leading zero is not octal.
    if [[ $((10#${_e} - _now)) -lt $((10#${_w})) ]] && [[ "${_now}" -ge "${_awsmfa_refresh_next:-0}" ]]; then
      _awsmfa_refresh_next=$((_now + 60))
      if _out=$(AWSMFA_NO_PROMPT=1 command "${_awsmfa_bin}" __use bash -q -- "${AWSMFA_PROFILE}" 2>/dev/null </dev/null); then
        eval "${_out}"
      fi
    fi
  fi
  return "${_status}"
}
if [[ "${BASH_VERSINFO[0]:-0}" -gt 4 ]] || { [[ "${BASH_VERSINFO[0]:-0}" -eq 4 ]] && [[ "${BASH_VERSINFO[1]:-0}" -ge 2 ]]; }; then
  case ";${PROMPT_COMMAND-};" in
    *";_awsmfa_refresh;"*) ;;
    *) PROMPT_COMMAND="_awsmfa_refresh${PROMPT_COMMAND:+;${PROMPT_COMMAND}}" ;;
  esac
fi

# Completion: this stub loads the real one (`awsmfa completions bash`, shell/completion.bash,
# which replaces it) at the first TAB, so a shell start does not parse what it may never use.
_awsmfa() {
  local _awsmfa_src
  _awsmfa_src=$(command "${_awsmfa_bin}" completions bash 2>/dev/null) || return 0
  unset -f _awsmfa
  eval "${_awsmfa_src}"
  if declare -F _awsmfa >/dev/null; then _awsmfa "$@"; fi
}
complete -F _awsmfa awsmfa

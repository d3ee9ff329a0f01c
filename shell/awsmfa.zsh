# awsmfa shell integration for zsh: eval "$(awsmfa init zsh)" in ~/.zshrc
# Defines the `awsmfa` function (use/clear change this shell) and `awsmfa_prompt`; `awsmfa init
# zsh` appends the completion (shell/completion.zsh).

typeset -g _awsmfa_bin=__AWSMFA_BIN__
zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

# `use` and `clear` evaluate the binary's output here; everything else runs the binary.
# `use` runs the hidden `__use SHELL`, which prints export lines for this shell or refuses
# (`--format json` or `--shell fish` output must never be evaluated here).
# On failure nothing is evaluated and the binary's exit status is kept.
awsmfa() {
  local _awsmfa_out
  case "${1-}" in
    use)
      shift
      _awsmfa_out=$(command "$_awsmfa_bin" __use zsh "$@") || return
      eval "$_awsmfa_out"
      ;;
    clear)
      shift
      _awsmfa_out=$(command "$_awsmfa_bin" clear --shell zsh "$@") || return
      eval "$_awsmfa_out"
      ;;
    *)
      command "$_awsmfa_bin" "$@"
      ;;
  esac
}

# The prompt segment with builtins only (EPOCHSECONDS from zsh/datetime, no process), as
# prompt text: `%` doubled (see below), for PROMPT='$(awsmfa_prompt)' or the variable form.
# `awsmfa_prompt -v VAR` assigns instead of printing: precmd_functions+=(_awsmfa_precmd).
awsmfa_prompt() {
  local _p=${AWSMFA_PROFILE-} _e=${AWSMFA_EXPIRES-} _w=${AWSMFA_PROMPT_WARN-600}
  local _left _h _m _t="" _var=""
  [[ ${1-} == -v && -n ${2-} ]] && _var=$2
  [[ $_e == <-> && ${#_e} -le 12 ]] || _p=""
  [[ $_w == <-> && ${#_w} -le 12 ]] || _w=600
  if [[ -n $_p ]]; then
    _left=$(( _e - ${EPOCHSECONDS:-0} ))
    if (( _left <= 0 )); then
      _t="$_p expired"
    else
      _h=$(( _left / 3600 )); _m=$(( _left % 3600 / 60 ))
      if (( _h > 0 )); then
        _t="$_p ${_h}h${(l:2::0:)_m}m"
      elif (( _m > 0 )); then
        _t="$_p ${_m}m"
      else
        _t="$_p ${_left}s"
      fi
      (( _left < _w )) && _t="$_t!"
    fi
  fi
  # The segment is prompt text: zsh applies prompt escapes to PROMPT after PROMPT_SUBST, so
  # a `%` in the profile name would style or spoof the prompt (`%F{red}`, `%n`, `%D{..}`):
  # each is written `%%`, and each `!` as `!!` where PROMPT_BANG makes `!` the history number.
  _t=${_t//\%/%%}
  [[ -o promptbang ]] && _t=${_t//\!/!!}
  if [[ -n $_var ]]; then
    typeset -g "$_var=$_t"
  elif [[ -n $_t ]]; then
    print -rn -- "$_t"
  fi
  return 0
}

# For PROMPT='${AWSMFA_PS1:+($AWSMFA_PS1) }%# ' with no subshell: precmd_functions+=(_awsmfa_precmd)
_awsmfa_precmd() { awsmfa_prompt -v AWSMFA_PS1; }

# Auto-refresh: before each prompt, when the credentials `use` set are within the refresh window
# (AWSMFA_REFRESH_WINDOW seconds, default 900) of their end, `use` runs again silently: new role
# credentials from the cached MFA session, never a code prompt (AWSMFA_NO_PROMPT). While they
# are good this is builtins only, no process; inside the window at most one try a minute (the
# binary renews only what is due; with no session left the prompt segment shows the end).
# AWSMFA_AUTO_REFRESH=0 turns it off.
_awsmfa_refresh() {
  local _e=${AWSMFA_EXPIRES-} _w=${AWSMFA_REFRESH_WINDOW-900} _out _now=${EPOCHSECONDS:-0}
  [[ $_w == <-> && ${#_w} -le 12 ]] || _w=900
  [[ ${AWSMFA_AUTO_REFRESH-1} != 0 && -n ${AWSMFA_PROFILE-} ]] || return 0
  [[ $_e == <-> && ${#_e} -le 12 ]] || return 0
  (( 10#$_e - _now < 10#$_w && _now >= ${_awsmfa_refresh_next:-0} )) || return 0
  typeset -g _awsmfa_refresh_next=$(( _now + 60 ))
  if _out=$(AWSMFA_NO_PROMPT=1 command "$_awsmfa_bin" __use zsh -q -- "$AWSMFA_PROFILE" 2>/dev/null </dev/null); then
    eval "$_out"
  fi
  return 0
}
# The hook goes straight into precmd_functions (what add-zsh-hook does, once): autoloading
# add-zsh-hook reads a file from $fpath at every shell start, about 0.4 ms of the start-up.
typeset -ga precmd_functions
(( ${precmd_functions[(Ie)_awsmfa_refresh]} )) || precmd_functions+=(_awsmfa_refresh)

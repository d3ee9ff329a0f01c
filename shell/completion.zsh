#compdef awsmfa
# awsmfa completion for zsh. Every candidate comes from `awsmfa __complete` (computed from the
# command-line definition: subcommands, flags, their values, profile names); this function only
# passes the words typed so far and hands the answer to zsh, which quotes what it inserts.
# Autoloaded from $fpath (as the file `_awsmfa`) or defined by `awsmfa init zsh`.
_awsmfa() {
  local -a _reply _pairs
  local _mode _line _value
  # The words before the cursor without their quotes, the one under it as typed.
  _reply=("${(@f)$(command "${_awsmfa_bin:-awsmfa}" __complete zsh -- "${(@Q)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)}")
  _mode=${_reply[1]-}
  _reply=("${(@)_reply[2,-1]}")
  case $_mode in
    words)
      for _line in "${_reply[@]}"; do
        [[ -n $_line ]] || continue
        _value=${_line%%$'\t'*}
        # _describe reads `value:description`: a `:` in the value is escaped.
        if [[ $_line == *$'\t'* ]]; then
          _pairs+=("${_value//:/\\:}:${_line#*$'\t'}")
        else
          _pairs+=("${_value//:/\\:}")
        fi
      done
      (( ${#_pairs} )) && _describe -t values awsmfa _pairs
      ;;
    files) _files ;;
    dirs) _files -/ ;;
    commands) _command_names -e ;;
    *) return 1 ;;
  esac
}
if [[ ${funcstack[1]-} == _awsmfa ]]; then
  _awsmfa "$@"
elif (( ${+functions[compdef]} )); then
  compdef _awsmfa awsmfa
fi

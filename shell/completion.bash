# awsmfa completion for bash. Every candidate comes from `awsmfa __complete` (computed from the
# command-line definition: subcommands, flags, their values, profile names); this function only
# passes the words typed so far and inserts the answer quoted.
_awsmfa() {
  local _mode="" _line _quoted _flag=-f
  local -a _reply=()
  COMPREPLY=()
  while IFS= read -r _line; do
    if [[ -z ${_mode} ]]; then _mode=${_line}; else _reply+=("${_line}"); fi
  done < <(command "${_awsmfa_bin:-awsmfa}" __complete bash -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null || true)
  case ${_mode} in
    words)
      # readline puts COMPREPLY into the command line verbatim: each candidate goes in as
      # `printf %q` quotes it, or a profile named `x$(cmd)` would run cmd at Enter. (Not
      # `compgen -W`: it expands each word, and the candidates are filtered already.)
      for _line in "${_reply[@]}"; do
        printf -v _quoted '%q' "${_line%%$'\t'*}"
        COMPREPLY+=("${_quoted}")
      done
      ;;
    files | dirs)
      # bash's own file completion: `-o filenames` makes readline quote spaces and mark
      # directories; the prefix comes back from awsmfa with its quotes removed.
      [[ ${_mode} == dirs ]] && _flag=-d
      compopt -o filenames 2>/dev/null || true
      while IFS= read -r _line; do COMPREPLY+=("${_line}"); done < <(compgen "${_flag}" -- "${_reply[0]-}" || true)
      ;;
    commands)
      while IFS= read -r _line; do COMPREPLY+=("${_line}"); done < <(compgen -c -- "${_reply[0]-}" || true)
      ;;
    *) ;;
  esac
  return 0
}
complete -F _awsmfa awsmfa

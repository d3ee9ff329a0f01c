# awsmfa shell integration for POSIX sh (dash, ash, ksh): eval "$(awsmfa init sh)" in ~/.profile
# Defines the `awsmfa` function (use/clear change this shell) and `awsmfa_prompt`.

_awsmfa_bin=__AWSMFA_BIN__

# `use` and `clear` evaluate the binary's output here; everything else runs the binary.
# `use` runs the hidden `__use SHELL`, which prints export lines for this shell or refuses
# (`--format json` or `--shell fish` output must never be evaluated here).
awsmfa() {
  case "${1-}" in
    use)
      shift
      _awsmfa_out=$(command "${_awsmfa_bin}" __use sh "$@") || return
      eval "${_awsmfa_out}"
      unset _awsmfa_out
      ;;
    clear)
      shift
      _awsmfa_out=$(command "${_awsmfa_bin}" clear --shell sh "$@") || return
      eval "${_awsmfa_out}"
      unset _awsmfa_out
      ;;
    *)
      command "${_awsmfa_bin}" "$@"
      ;;
  esac
}

# POSIX sh has no builtin clock: this runs `awsmfa prompt` (one process).
awsmfa_prompt() {
  command "${_awsmfa_bin}" prompt 2>/dev/null
}

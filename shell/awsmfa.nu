# awsmfa shell integration for nushell. nushell cannot evaluate generated code at start-up, so
# save the script once and source it from config.nu:
#   awsmfa init nu | save -f ($nu.default-config-dir | path join awsmfa.nu)
#   source ($nu.default-config-dir | path join awsmfa.nu)        # in config.nu
# Defines the `awsmfa` command (use/clear change this shell: `def --env`), `awsmfa_prompt`,
# and the completion.

# Load the NUON record `awsmfa __use nu` / `clear --shell nu` print: set each variable, and
# remove those the record sets to null (load-env would keep them, as nothing).
def --env _awsmfa_load [text: string] {
    let vars = ($text | from nuon)
    for name in ($vars | columns) {
        let value = ($vars | get $name)
        if $value == null {
            hide-env -i $name
        } else {
            load-env ({} | insert $name $value)
        }
    }
}

# The completer for the whole command line (`@complete`): nushell passes the words up to the
# cursor as typed (quotes kept); `_awsmfa_complete` reads them as one line.
def _awsmfa_complete_spans [spans: list<string>] {
    _awsmfa_complete ($spans | str join ' ')
}

# `use` and `clear` load the binary's output here; everything else runs the binary. When the
# binary fails, nushell raises its error (exit status in $env.LAST_EXIT_CODE) before anything
# is loaded. The rest parameter has no type: then nushell parses the words as for an external
# command, each the string typed (`...args: string` refuses a bare `true`, and without
# `--wrapped` words like `1.50`, `2kb` or `10sec` would become numbers, sizes, durations).
@complete _awsmfa_complete_spans
def --env --wrapped awsmfa [...args] {
    let verb = ($args | get -o 0 | default "")
    if $verb == "use" {
        let out = (^__AWSMFA_BIN__ __use nu ...($args | skip 1))
        _awsmfa_load $out
    } else if $verb == "clear" {
        let out = (^__AWSMFA_BIN__ clear --shell nu ...($args | skip 1))
        _awsmfa_load $out
    } else {
        ^__AWSMFA_BIN__ ...$args
    }
}

# The prompt segment from AWSMFA_PROFILE and AWSMFA_EXPIRES, without a process:
# $env.PROMPT_COMMAND_RIGHT = {|| awsmfa_prompt }
def awsmfa_prompt [] {
    let p = ($env.AWSMFA_PROFILE? | default "")
    let e = ($env.AWSMFA_EXPIRES? | default "")
    if $p == "" or not ($e =~ '^[0-9]{1,12}$') { return "" }
    let w = ($env.AWSMFA_PROMPT_WARN? | default "600")
    let w = if ($w =~ '^[0-9]{1,12}$') { $w | into int } else { 600 }
    let left = ($e | into int) - ((date now | into int) // 1_000_000_000)
    if $left <= 0 { return $"($p) expired" }
    let h = $left // 3600
    let m = ($left mod 3600) // 60
    let t = if $h > 0 {
        $"($h)h($m | fill -a r -c '0' -w 2)m"
    } else if $m > 0 {
        $"($m)m"
    } else {
        $"($left)s"
    }
    if $left < $w { $"($p) ($t)!" } else { $"($p) ($t)" }
}

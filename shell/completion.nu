# awsmfa completion for nushell. Every candidate comes from `awsmfa __complete` (computed from
# the command-line definition: subcommands, flags, their values, profile names); this passes
# the command line up to the cursor and turns the answer into records.
def _awsmfa_complete [context: string] {
    let reply = (^__AWSMFA_BIN__ __complete nu -- $context | complete | get stdout | lines)
    if ($reply | get -o 0) != "words" { return null }
    $reply | skip 1 | each {|line|
        let parts = ($line | split row -n 2 "\t")
        { value: $parts.0, description: ($parts | get -o 1 | default "") }
    }
}

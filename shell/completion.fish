# awsmfa completion for fish. Every candidate comes from `awsmfa __complete` (computed from the
# command-line definition: subcommands, flags, their values, profile names); this function only
# passes the tokens typed so far and prints the answer, which fish quotes when it inserts it.
function __awsmfa_complete --description 'awsmfa completions'
    set -l bin awsmfa
    set -q _awsmfa_bin; and set bin $_awsmfa_bin
    set -l reply (command $bin __complete fish -- (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)
    switch "$reply[1]"
        case words
            printf '%s\n' $reply[2..-1]
        case files
            __fish_complete_path "$reply[2]"
        case dirs
            __fish_complete_directories "$reply[2]"
        case commands
            complete -C "$reply[2]"
    end
end
complete -c awsmfa -e
complete -c awsmfa -f -a '(__awsmfa_complete)'

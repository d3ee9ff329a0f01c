# awsmfa shell integration for fish: awsmfa init fish | source   (in ~/.config/fish/config.fish)
# Defines the `awsmfa` function (use/clear change this shell) and `awsmfa_prompt`; `awsmfa init
# fish` appends the completion (shell/completion.fish).

set -g _awsmfa_bin __AWSMFA_BIN__

# `use` and `clear` evaluate the binary's output here; everything else runs the binary.
# `use` runs the hidden `__use fish`, which prints export lines for fish or refuses.
# On failure nothing is evaluated and the binary's exit status is kept.
function awsmfa --description 'awsmfa: short-lived AWS credentials'
    switch "$argv[1]"
        case use
            set -l out (command $_awsmfa_bin __use fish $argv[2..-1] | string collect)
            set -l rc $pipestatus[1]
            test $rc -eq 0; or return $rc
            printf '%s\n' $out | source
        case clear
            set -l out (command $_awsmfa_bin clear --shell fish $argv[2..-1] | string collect)
            set -l rc $pipestatus[1]
            test $rc -eq 0; or return $rc
            printf '%s\n' $out | source
        case '*'
            command $_awsmfa_bin $argv
    end
end

# The prompt segment. fish has no builtin clock before 3.7, so this runs `date +%s` (one small
# process); use it in fish_right_prompt: function fish_right_prompt; awsmfa_prompt; end
function awsmfa_prompt --description 'awsmfa prompt segment'
    set -q AWSMFA_PROFILE; or return 0
    set -q AWSMFA_EXPIRES; or return 0
    set -l p $AWSMFA_PROFILE
    set -l e $AWSMFA_EXPIRES
    test -n "$p"; or return 0
    string match -qr '^[0-9]{1,12}$' -- $e; or return 0
    set -l w 600
    if set -q AWSMFA_PROMPT_WARN; and string match -qr '^[0-9]{1,12}$' -- $AWSMFA_PROMPT_WARN
        set w $AWSMFA_PROMPT_WARN
    end
    set -l left (math "$e - "(date +%s))
    if test $left -le 0
        printf '%s expired' $p
        return 0
    end
    set -l h (math --scale=0 "$left / 3600")
    set -l m (math --scale=0 "$left % 3600 / 60")
    set -l t
    if test $h -gt 0
        set t (printf '%dh%02dm' $h $m)
    else if test $m -gt 0
        set t {$m}m
    else
        set t {$left}s
    end
    test $left -lt $w; and set t "$t!"
    printf '%s %s' $p $t
end

# Auto-refresh: before each prompt, when the credentials `use` set are within the refresh window
# (AWSMFA_REFRESH_WINDOW seconds, default 900) of their end, `use` runs again silently: new role
# credentials from the cached MFA session, never a code prompt (AWSMFA_NO_PROMPT). One `date`
# per prompt while an awsmfa profile is active (fish < 3.7 has no builtin clock); inside the
# window at most one try a minute. AWSMFA_AUTO_REFRESH=0 turns it off.
function _awsmfa_refresh --on-event fish_prompt
    set -q AWSMFA_PROFILE; and set -q AWSMFA_EXPIRES; or return 0
    test "$AWSMFA_AUTO_REFRESH" = 0; and return 0
    set -l e $AWSMFA_EXPIRES
    string match -qr '^[0-9]{1,12}$' -- $e; or return 0
    set -l w 900
    if set -q AWSMFA_REFRESH_WINDOW; and string match -qr '^[0-9]{1,12}$' -- $AWSMFA_REFRESH_WINDOW
        set w $AWSMFA_REFRESH_WINDOW
    end
    set -l now (date +%s)
    test (math "$e - $now") -lt $w; or return 0
    set -q _awsmfa_refresh_next; and test $now -lt $_awsmfa_refresh_next; and return 0
    set -g _awsmfa_refresh_next (math "$now + 60")
    set -l out (env AWSMFA_NO_PROMPT=1 $_awsmfa_bin __use fish -q -- $AWSMFA_PROFILE 2>/dev/null </dev/null | string collect)
    test $pipestatus[1] -eq 0; and printf '%s\n' $out | source
    return 0
end

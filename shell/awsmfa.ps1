# awsmfa shell integration for PowerShell:
#   Invoke-Expression (& awsmfa init powershell | Out-String)   in $PROFILE
# Defines the `awsmfa` function (use/clear change this session), `awsmfa_prompt`, completions.

$global:_awsmfa_bin = __AWSMFA_BIN__

# `use` and `clear` evaluate the binary's output here; everything else runs the binary. The
# output is evaluated only when the binary succeeded; its exit code stays in $LASTEXITCODE.
function global:awsmfa {
    $verb = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
    if ($verb -eq 'use' -or $verb -eq 'clear') {
        # `use` runs the hidden `__use powershell`, which prints PowerShell lines or refuses
        # (`--format json` or `--shell bash` output must never reach Invoke-Expression).
        $sub = if ($verb -eq 'use') { @('__use', 'powershell') } else { @('clear', '--shell', 'powershell') }
        $rest = @($args | Select-Object -Skip 1)
        $out = & $global:_awsmfa_bin @sub @rest | Out-String
        if ($LASTEXITCODE -ne 0) { return }
        Invoke-Expression $out
    } else {
        & $global:_awsmfa_bin @args
    }
}

# The prompt segment from AWSMFA_PROFILE and AWSMFA_EXPIRES, with .NET only (no process):
# function prompt { "$(awsmfa_prompt) PS $($PWD)> " }
function global:awsmfa_prompt {
    $p = $Env:AWSMFA_PROFILE
    $e = $Env:AWSMFA_EXPIRES
    if (-not $p -or $e -notmatch '^[0-9]{1,12}$') { return '' }
    $w = 600
    if ($Env:AWSMFA_PROMPT_WARN -match '^[0-9]{1,12}$') { $w = [int64]$Env:AWSMFA_PROMPT_WARN }
    $left = [int64]$e - [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    if ($left -le 0) { return "$p expired" }
    $h = [math]::Floor($left / 3600)
    $m = [math]::Floor(($left % 3600) / 60)
    if ($h -gt 0) { $t = '{0}h{1:D2}m' -f [int64]$h, [int64]$m }
    elseif ($m -gt 0) { $t = "${m}m" }
    else { $t = "${left}s" }
    if ($left -lt $w) { $t = "$t!" }
    return "$p $t"
}

Register-ArgumentCompleter -Native -CommandName awsmfa -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })
    if ($words.Count -ge 2 -and @('use', 'env', 'exec', 'credential-process') -contains $words[1]) {
        # The CompletionText is inserted into the command line as it is: a name that is not a
        # plain word goes in a single-quoted (verbatim) string, every one of PowerShell's five
        # single-quote characters doubled, or `xq$(cmd)` would run cmd at Enter. -like is not
        # used for the prefix: `[`, `*` and `?` in a name or the typed word are wildcards to it.
        & $global:_awsmfa_bin __profiles | Where-Object { $_.StartsWith($wordToComplete.Trim("'"), [StringComparison]::Ordinal) } | ForEach-Object {
            $text = if ($_ -match '^[A-Za-z0-9_][A-Za-z0-9_.@-]*$') { $_ } else { "'" + ($_ -replace "['\u2018\u2019\u201A\u201B]", '$0$0') + "'" }
            [System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)
        }
    }
}

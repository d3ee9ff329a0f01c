# awsmfa shell integration for PowerShell:
#   Invoke-Expression (& awsmfa init powershell | Out-String)   in $PROFILE
# Defines the `awsmfa` function (use/clear change this session) and `awsmfa_prompt`; `awsmfa
# init powershell` appends the completion (shell/completion.ps1).

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

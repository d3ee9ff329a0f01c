# awsmfa completion for PowerShell. Every candidate comes from `awsmfa __complete` (computed
# from the command-line definition: subcommands, flags, their values, profile names); this only
# passes the words typed so far and turns the answer into CompletionResults.
Register-ArgumentCompleter -Native -CommandName awsmfa -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $bin = if ($global:_awsmfa_bin) { $global:_awsmfa_bin } else { 'awsmfa' }
    # The words after `awsmfa` up to the cursor; an empty word when the cursor starts a new one.
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 |
        Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.ToString() })
    if ($wordToComplete -eq '') { $words += '""' }
    $reply = @(& $bin __complete powershell -- @words 2>$null)
    # `files`, `dirs`, `commands`, `none`: returning nothing leaves it to PowerShell's own
    # path completion.
    if ($reply.Count -eq 0 -or $reply[0] -ne 'words') { return }
    $reply | Select-Object -Skip 1 | ForEach-Object {
        $value, $help = $_ -split "`t", 2
        if (-not $help) { $help = $value }
        # The CompletionText is inserted into the command line as it is: a value that is not a
        # plain word goes in a single-quoted (verbatim) string, every one of PowerShell's five
        # single-quote characters doubled, or `xq$(cmd)` would run cmd at Enter.
        $text = if ($value -match '^[A-Za-z0-9_-][A-Za-z0-9_.@=-]*$') { $value } else { "'" + ($value -replace "['\u2018\u2019\u201A\u201B]", '$0$0') + "'" }
        [System.Management.Automation.CompletionResult]::new($text, $value, 'ParameterValue', $help)
    }
}

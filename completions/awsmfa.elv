# awsmfa completion for elvish. Every candidate comes from `awsmfa __complete` (computed from
# the command-line definition: subcommands, flags, their values, profile names); elvish passes
# the words already parsed and quotes what it inserts.
use str
fn _awsmfa_complete {|@words|
  var reply = [((external 'awsmfa') __complete elvish -- (all $words[1..]) 2>/dev/null)]
  if (== (count $reply) 0) {
    return
  }
  if (eq $reply[0] words) {
    for line $reply[1..] {
      put (str:split "\t" $line | take 1)
    }
  } elif (eq $reply[0] files) {
    eval 'edit:complete-filename $p' &ns=(ns [&p=$reply[1]])
  }
}
# The line editor (and so completion) exists only in an interactive elvish; a nested `eval`
# sees only the namespace it is given, hence &ns.
if ?(eval 'nop $edit:completion:arg-completer') {
  eval 'set edit:completion:arg-completer[awsmfa] = $f~' &ns=(ns [&f~=$_awsmfa_complete~])
}

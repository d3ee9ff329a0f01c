# awsmfa shell integration for elvish: eval (awsmfa init elvish | slurp)   in rc.elv
# Defines `awsmfa` (use/clear change this shell), `awsmfa_prompt`, and the completion.

var _awsmfa_bin = __AWSMFA_BIN__

# `use` and `clear` evaluate the binary's output here; everything else runs the binary. `use`
# runs the hidden `__use elvish`, which prints elvish code or refuses. When the binary fails
# elvish raises its exception before anything is evaluated.
fn awsmfa {|@args|
  if (and (> (count $args) 0) (has-value [use clear] $args[0])) {
    var sub = [__use elvish]
    if (eq $args[0] clear) {
      set sub = [clear --shell elvish]
    }
    var out = ((external $_awsmfa_bin) $@sub (all $args[1..]) | slurp)
    eval $out
  } else {
    (external $_awsmfa_bin) $@args
  }
}

# The prompt segment: elvish has no clock builtin in 0.19, so this runs `awsmfa prompt` (one
# process): set edit:rprompt = { awsmfa_prompt }
fn awsmfa_prompt {
  try {
    (external $_awsmfa_bin) prompt 2>/dev/null
  } catch {
    nop
  }
}

# In an interactive elvish, make both visible at the prompt (the code above runs inside
# `eval`, whose definitions stay in its own namespace). A script can take them from the
# namespace instead: eval (awsmfa init elvish | slurp) &on-end={|ns| set awsmfa~ = $ns[awsmfa~] }
# (A nested `eval` sees only the namespace it is given, hence &ns.)
if ?(eval 'nop $edit:add-var~') {
  eval 'edit:add-var awsmfa~ $f~; edit:add-var awsmfa_prompt~ $p~' &ns=(ns [&f~=$awsmfa~ &p~=$awsmfa_prompt~])
}

"""The clause library: ``library`` loads and renders ``clauses/*.toml``; ``template`` is its strict engine."""

# fish completion for deliv and the deliv-* programs.  The same file is
# installed once per command name, since fish loads completions by name.

set -l __deliv_tools bounce-classify dnscheck header-trace lint warmup-plan

complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a bounce-classify -d 'classify bounces'
complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a dnscheck -d 'audit a domain'
complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a header-trace -d 'trace Received headers'
complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a lint -d 'check a message'
complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a warmup-plan -d 'warm-up schedule'
complete -c deliv -n "not __fish_seen_subcommand_from $__deliv_tools" -l help -d 'show help'
complete -c deliv -n "not __fish_seen_subcommand_from $__deliv_tools" -l version -d 'print the version'

# The common options of every tool.
for t in $__deliv_tools
	complete -c deliv-$t -l color -x -a 'auto always never' -d 'colour the table'
	complete -c deliv-$t -s h -l help -d 'show help'
	complete -c deliv-$t -l json -d 'JSON Lines output'
	complete -c deliv-$t -l no-header -d 'no header line'
	complete -c deliv-$t -l progress -d 'progress line on stderr'
	complete -c deliv-$t -l no-progress -d 'no progress line'
	complete -c deliv-$t -l table -d 'aligned table for people'
	complete -c deliv-$t -l tsv -d 'TSV output (default)'
	complete -c deliv-$t -l version -d 'print the version'
end

# bounce-classify options

# header-trace options

# dnscheck options

# lint options
complete -c deliv-lint -l bulk -d 'bulk mail: require List-Unsubscribe'
complete -c deliv-lint -l min-severity -x -a 'info warn error' -d 'report this severity and up'
complete -c deliv-lint -l phrases -x -a '(__fish_complete_directories)' -d 'directory of spam.txt'
complete -c deliv-lint -l threshold -x -d 'fail at this score or more'

# warmup-plan options

# "deliv TOOL ...": the same options after the subcommand.
for t in $__deliv_tools
	complete -c deliv -n "__fish_seen_subcommand_from $t" -w deliv-$t
end

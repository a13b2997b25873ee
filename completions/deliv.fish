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

# warmup-plan options
complete -c deliv-warmup-plan -l cap -x -d 'at most N a day to a provider'
complete -c deliv-warmup-plan -l chart -d 'draw a bar chart instead of records'
complete -c deliv-warmup-plan -l daily -x -d 'target messages a day'
complete -c deliv-warmup-plan -l days -x -d 'reach the target on day N'
complete -c deliv-warmup-plan -l db -r -F -d 'bounce-classify database to adapt to'
complete -c deliv-warmup-plan -l ics -r -F -d 'write calendar events'
complete -c deliv-warmup-plan -l ips -x -d 'new IPs sharing the volume'
complete -c deliv-warmup-plan -l migrate -d 'give the old path the rest of each day'
complete -c deliv-warmup-plan -l mix -x -a 'gmail=40,microsoft=25,yahoo=15,apple=10,other=10' -d 'provider shares in percent'
complete -c deliv-warmup-plan -l mix-from -r -F -d 'count recipients by provider'
complete -c deliv-warmup-plan -l monthly -x -d 'target messages a month'
complete -c deliv-warmup-plan -l pace -x -a 'conservative standard aggressive' -d 'growth'
complete -c deliv-warmup-plan -l results -r -F -d 'bounce-classify records or per-day TSV'
complete -c deliv-warmup-plan -l start -x -d 'first day, YYYY-MM-DD'
complete -c deliv-warmup-plan -l svg -r -F -d 'write the chart as SVG'
complete -c deliv-warmup-plan -l weekdays-only -d 'send Monday to Friday'

# "deliv TOOL ...": the same options after the subcommand.
for t in $__deliv_tools
	complete -c deliv -n "__fish_seen_subcommand_from $t" -w deliv-$t
end

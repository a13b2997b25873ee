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
complete -c deliv-dnscheck -l helo -x -d 'HELO name of the sending IPs'
complete -c deliv-dnscheck -l ip -x -d 'a sending IP address'
complete -c deliv-dnscheck -s j -l jobs -x -d 'domains checked at a time'
complete -c deliv-dnscheck -l lists -r -F -d 'DNS lists file instead of dnsbl.tsv'
complete -c deliv-dnscheck -l only -x -a 'a mx ptr spf dkim dmarc mta-sts tls-rpt dnsbl' -d 'run only these checks'
complete -c deliv-dnscheck -l origin -x -d 'origin of zone files without one'
complete -c deliv-dnscheck -l retries -x -d 'DNS tries after the first'
complete -c deliv-dnscheck -l selector -x -d 'a DKIM selector'
complete -c deliv-dnscheck -l sender -x -d 'MAIL FROM for the SPF result'
complete -c deliv-dnscheck -l server -x -d 'DNS server ADDR[#PORT]'
complete -c deliv-dnscheck -l skip -x -a 'a mx ptr spf dkim dmarc mta-sts tls-rpt dnsbl' -d 'skip these checks'
complete -c deliv-dnscheck -l timeout -x -d 'seconds per DNS try'
complete -c deliv-dnscheck -l zone -r -F -d 'answer from a zone file'

# lint options

# warmup-plan options

# "deliv TOOL ...": the same options after the subcommand.
for t in $__deliv_tools
	complete -c deliv -n "__fish_seen_subcommand_from $t" -w deliv-$t
end

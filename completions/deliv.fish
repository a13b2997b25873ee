# fish completion for deliv and the deliv-* programs.  The same file is
# installed once per command name, since fish loads completions by name.

set -l __deliv_tools bounce-classify dnscheck header-trace lint warmup-plan

complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a bounce-classify -d 'classify bounces'
complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a dnscheck -d 'audit a domain'
complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a header-trace -d 'trace Received headers'
complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a lint -d 'check a message'
complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools" -a warmup-plan -d 'warm-up schedule'
complete -c deliv -f -n "not __fish_seen_subcommand_from $__deliv_tools help" -a help -d 'the manual of a tool'
complete -c deliv -f -n "__fish_seen_subcommand_from help" -a "$__deliv_tools"
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
	complete -c deliv-$t -l table -d 'a table for people (--table=long: key: value blocks)'
	complete -c deliv-$t -s o -l columns -x -d 'these columns, comma-separated, in order'
	complete -c deliv-$t -l summary -d 'only the tally of the run, as records'
	complete -c deliv-$t -l tsv -d 'TSV output (default)'
	complete -c deliv-$t -l version -d 'print the version'
end

# bounce-classify options
complete -c deliv-bounce-classify -s j -l jobs -x -d 'worker processes (0: one per core)'
complete -c deliv-bounce-classify -l max-size -x -d 'skip a message over this size (k, M, G)'
complete -c deliv-bounce-classify -l db -r -F -d 'SQLite suppression list'
complete -c deliv-bounce-classify -l filter -d 'write the addresses read that are not suppressed'
complete -c deliv-bounce-classify -l hard-days -x -d 'days a hard bounce suppresses (0 = until removed)'
complete -c deliv-bounce-classify -l now -x -d 'the current time: seconds or YYYY-MM-DD'
complete -c deliv-bounce-classify -l phrases -x -a '(__fish_complete_directories)' -d 'directory of soft.txt and hard.txt'
complete -c deliv-bounce-classify -l soft-limit -x -d 'soft bounces that suppress'
complete -c deliv-bounce-classify -l soft-window -x -d 'days the soft bounces are counted'
complete -c deliv-bounce-classify -l suppressed -d 'list the suppressed addresses'
complete -c deliv-bounce-classify -l unsuppress -d 'remove the address operands from the list'

# header-trace options
complete -c deliv-header-trace -s j -l jobs -x -d 'worker processes (0: one per core)'
complete -c deliv-header-trace -l max-size -x -d 'skip a message over this size (k, M, G)'
complete -c deliv-header-trace -l abuse-db -r -F -d 'SQLite abuse-contact database'
complete -c deliv-header-trace -l abuse-zone -x -d 'abuse-contact TXT zone'
complete -c deliv-header-trace -l asn-zone -x -d 'IP-to-ASN TXT zone'
complete -c deliv-header-trace -l complaint -x -a 'arf text' -d 'one complaint per message instead of records'
complete -c deliv-header-trace -l complaint-dir -x -a '(__fish_complete_directories)' -d 'one file per complaint in this directory'
complete -c deliv-header-trace -l data -x -a '(__fish_complete_directories)' -d 'registry table directory'
complete -c deliv-header-trace -l import-registry -r -F -d 'fill --abuse-db from RIR bulk data'
complete -c deliv-header-trace -l internal -x -d 'internal relay networks'
complete -c deliv-header-trace -l lookup -d "ask DNS for the origin's ASN and abuse contact"
complete -c deliv-header-trace -l msa -x -d 'submission agent networks'
complete -c deliv-header-trace -l no-originating -d 'ignore X-Originating-IP and similar headers'
complete -c deliv-header-trace -l now -x -d 'the current time: seconds or YYYY-MM-DD'
complete -c deliv-header-trace -l reporter -x -d 'From: address of complaints'
complete -c deliv-header-trace -l server -x -d 'resolver for --lookup'
complete -c deliv-header-trace -l to -x -d 'To: address of every complaint'
complete -c deliv-header-trace -l trusted -x -d 'trusted relay networks'
complete -c deliv-header-trace -l trusted-file -r -F -d 'trusted networks from a file'
complete -c deliv-header-trace -l zone -r -F -d 'answer --lookup from a zone file'

# dnscheck options
complete -c deliv-dnscheck -l explain -x -a 'spf' -d 'explain a check: the SPF tree'
complete -c deliv-dnscheck -l helo -x -d 'HELO name of the sending IPs'
complete -c deliv-dnscheck -l ip -x -d 'a sending IP address'
complete -c deliv-dnscheck -s j -l jobs -x -d 'domains checked at a time'
complete -c deliv-dnscheck -l lists -r -F -d 'DNS lists file instead of dnsbl.tsv'
complete -c deliv-dnscheck -l live -d 'with --zone: other names from DNS'
complete -c deliv-dnscheck -l min-status -x -a 'pass warn fail' -d 'write only records this bad'
complete -c deliv-dnscheck -l now -x -d 'the current time: seconds or YYYY-MM-DD'
complete -c deliv-dnscheck -l only -x -a 'a mx ptr spf dkim dmarc mta-sts tls-rpt dnsbl dnssec dane bimi' -d 'run only these checks'
complete -c deliv-dnscheck -l origin -x -d 'origin of zone files without one'
complete -c deliv-dnscheck -l retries -x -d 'DNS tries after the first'
complete -c deliv-dnscheck -l selector -x -d 'a DKIM selector'
complete -c deliv-dnscheck -l sender -x -d 'MAIL FROM for the SPF result'
complete -c deliv-dnscheck -l server -x -d 'DNS server ADDR[#PORT]'
complete -c deliv-dnscheck -l skip -x -a 'a mx ptr spf dkim dmarc mta-sts tls-rpt dnsbl dnssec dane bimi' -d 'skip these checks'
complete -c deliv-dnscheck -l timeout -x -d 'seconds per DNS try'
complete -c deliv-dnscheck -l trust-anchor -r -F -d 'DNSSEC trust anchors (DS or DNSKEY)'
complete -c deliv-dnscheck -l mta-sts-policy -r -F -d 'an MTA-STS policy file to check'
complete -c deliv-dnscheck -l zone -r -F -d 'answer from a zone file'

# lint options
complete -c deliv-lint -s j -l jobs -x -d 'worker processes (0: one per core)'
complete -c deliv-lint -l max-size -x -d 'skip a message over this size (k, M, G)'
complete -c deliv-lint -l bulk -d 'bulk mail: require List-Unsubscribe'
complete -c deliv-lint -l min-severity -x -a 'info warn error' -d 'report this severity and up'
complete -c deliv-lint -l phrases -x -a '(__fish_complete_directories)' -d 'directory of spam.txt'
complete -c deliv-lint -l threshold -x -d 'fail at this score or more'
complete -c deliv-lint -l weights -r -F -d 'severities and points of the checks'

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
complete -c deliv-warmup-plan -l now -x -d 'the current time: seconds or YYYY-MM-DD'
complete -c deliv-warmup-plan -l pace -x -a 'conservative standard aggressive' -d 'growth'
complete -c deliv-warmup-plan -l results -r -F -d 'bounce-classify records or per-day TSV'
complete -c deliv-warmup-plan -l rules -r -F -d 'adaptation rules file'
complete -c deliv-warmup-plan -l start -x -d 'first day, YYYY-MM-DD'
complete -c deliv-warmup-plan -l svg -r -F -d 'write the chart as SVG'
complete -c deliv-warmup-plan -l weekdays-only -d 'send Monday to Friday'

# "deliv TOOL ...": the same options after the subcommand.
for t in $__deliv_tools
	complete -c deliv -n "__fish_seen_subcommand_from $t" -w deliv-$t
end

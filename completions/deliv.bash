# bash completion for deliv and the deliv-* programs.
# Installed as "deliv" with links "deliv-TOOL" (bash-completion loads by
# command name).  Each tool has one arm below: its long options, the ones
# that take a value, and how to complete the values.

_deliv_common='--color --columns -o --help --json --no-header --no-progress --progress --summary --table --table=long --tsv --version'

# _deliv_spec TOOL: set opts (all long options), argopts (those taking a
# value), fileopts (value is a file), diropts (value is a directory).
_deliv_spec()
{
	opts=$_deliv_common argopts='--color --columns -o' fileopts='' diropts=''
	case $1 in
	bounce-classify)
		# bounce-classify options
		opts+=' --db --filter --hard-days --now --phrases --soft-limit --soft-window --suppressed --unsuppress'
		argopts+=' --db --hard-days --now --phrases --soft-limit --soft-window'
		fileopts+=' --db'
		diropts+=' --phrases'
		# every mail program: worker processes, the size cap
		opts+=' --jobs -j --max-size'
		argopts+=' --jobs -j --max-size'
		;;

	header-trace)
		# header-trace options
		opts+=' --abuse-db --abuse-zone --asn-zone --complaint --complaint-dir --data --import-registry --internal --lookup --msa --no-originating --now --reporter --server --to --trusted --trusted-file --zone'
		argopts+=' --abuse-db --abuse-zone --asn-zone --complaint --complaint-dir --data --import-registry --internal --msa --now --reporter --server --to --trusted --trusted-file --zone'
		fileopts+=' --abuse-db --import-registry --trusted-file --zone'
		diropts+=' --complaint-dir --data'
		# every mail program: worker processes, the size cap
		opts+=' --jobs -j --max-size'
		argopts+=' --jobs -j --max-size'
		;;

	dnscheck)
		# dnscheck options
		opts+=' --explain --helo --ip --jobs -j --lists --live --min-status'
		opts+=' --now --only --origin --retries'
		opts+=' --selector --sender --server --skip --timeout --zone'
		argopts+=' --explain --helo --ip --jobs -j --lists --min-status'
		argopts+=' --now --only --origin --retries'
		argopts+=' --selector --sender --server --skip --timeout --zone'
		fileopts+=' --lists --zone'
		opts+=' --trust-anchor --mta-sts-policy'
		argopts+=' --trust-anchor --mta-sts-policy'
		fileopts+=' --trust-anchor --mta-sts-policy'
		;;

	lint)
		# lint options
		opts+=' --bulk --min-severity --phrases --threshold --weights'
		argopts+=' --min-severity --phrases --threshold --weights'
		fileopts+=' --weights'
		diropts+=' --phrases'
		# every mail program: worker processes, the size cap
		opts+=' --jobs -j --max-size'
		argopts+=' --jobs -j --max-size'
		;;

	warmup-plan)
		# warmup-plan options
		opts+=' --cap --chart --daily --days --db --ics --ips --migrate --mix --mix-from --monthly --now --pace --results --rules --start --svg --weekdays-only'
		argopts+=' --cap --daily --days --db --ics --ips --mix --mix-from --monthly --now --pace --results --rules --start --svg'
		fileopts+=' --db --ics --mix-from --results --rules --svg'
		;;
	esac
}

# _deliv_words TOOL OPTION: the fixed words an option's value may take.
_deliv_words()
{
	case $1:$2 in
	*:--color) echo 'auto always never' ;;

	# bounce-classify words

	# header-trace words
	header-trace:--complaint) echo 'arf text' ;;

	# dnscheck words
	dnscheck:--only | dnscheck:--skip)
		echo 'a mx ptr spf dkim dmarc mta-sts tls-rpt dnsbl dnssec dane bimi' ;;
	dnscheck:--min-status) echo 'pass warn fail' ;;
	dnscheck:--explain) echo 'spf' ;;

	# lint words
	lint:--min-severity) echo 'info warn error' ;;

	# warmup-plan words
	warmup-plan:--pace) echo 'conservative standard aggressive' ;;
	warmup-plan:--mix) echo 'gmail=40,microsoft=25,yahoo=15,apple=10,other=10' ;;

	esac
}

_deliv_tools='bounce-classify dnscheck header-trace lint warmup-plan'

_deliv()
{
	local cur prev tool opts argopts fileopts diropts words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	tool=${COMP_WORDS[0]##*/}
	if [[ $tool == deliv ]]; then
		if ((COMP_CWORD == 1)); then
			COMPREPLY=($(compgen -W "$_deliv_tools help --help --version" -- "$cur"))
			return
		fi
		tool=${COMP_WORDS[1]}
		if [[ $tool == help ]]; then
			((COMP_CWORD == 2)) &&
			    COMPREPLY=($(compgen -W "$_deliv_tools" -- "$cur"))
			return
		fi
	else
		tool=${tool#deliv-}
	fi
	_deliv_spec "$tool"
	if [[ " $argopts " == *" $prev "* ]]; then
		if [[ " $fileopts " == *" $prev "* ]]; then
			COMPREPLY=($(compgen -f -- "$cur"))
		elif [[ " $diropts " == *" $prev "* ]]; then
			COMPREPLY=($(compgen -d -- "$cur"))
		else
			words=$(_deliv_words "$tool" "$prev")
			COMPREPLY=($(compgen -W "$words" -- "$cur"))
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

complete -F _deliv deliv deliv-bounce-classify deliv-dnscheck \
    deliv-header-trace deliv-lint deliv-warmup-plan

#!/usr/bin/env bats
# deliv-bounce-classify: replies and notices of delivery agents, servers
# and filters learned from their own source or documentation (Round 6d):
# chasquid, vpopmail's vdelivermail, Mox, Stalwart, OpenDMARC,
# spamass-milter, clamav-milter, policyd-weight, Haraka's rspamd plugin
# (tests/fixtures/bounce-writers/more-replies.tsv names the file of each
# group).

setup() {
	load lib/helpers
}

@test "bounce-more-writers: each writer's own reply gets its reason" {
	cd "$FIXTURES/bounce-writers"
	replies_agree more-replies.tsv 50
}

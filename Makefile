# deliv: one GNU Makefile for the library, the tools, tests and install.
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
DATADIR     ?= $(PREFIX)/share
MANDIR      ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/vendor-completions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
BUILDDIR    ?= build
PKG_CONFIG  ?= pkg-config
INSTALL     ?= install
PKGS        := gmime-3.0 ldns libpcre2-8 sqlite3 libcrypto zlib liblzma
# Compressed mail input (core/zread): zlib and liblzma by pkg-config, and
# libbz2, which has no .pc file.
ZPKGS       := zlib liblzma
ZLIBS       := -lbz2
# The allocator: Debian's libmimalloc (it replaces malloc for the whole
# program) when the compiler finds it, as it was faster in bench/ (see
# bench/RESULTS.md, "Speed round 9"); MALLOC=system builds with the C
# library's.  The sanitizer builds always use the C library's.
ifeq ($(origin MALLOC),undefined)
MALLOC      := $(if $(filter /%,$(shell $(CC) -print-file-name=libmimalloc.so 2>/dev/null)),mimalloc,system)
endif
MIMALLOC    := -Wl,--push-state,--no-as-needed -lmimalloc -Wl,--pop-state
MALLOC_LIBS := $(if $(filter mimalloc,$(MALLOC)),$(MIMALLOC))
VERSION     := $(shell cat VERSION)
# Phrase lists matched in one pass with Vectorscan when pkg-config finds
# libhs (Debian libvectorscan-dev); VECTORSCAN=0 builds PCRE2 alone.
# libcrypto keys the cache of compiled databases (core/phrase_cache).
ifeq ($(origin VECTORSCAN),undefined)
VECTORSCAN  := $(if $(shell $(PKG_CONFIG) --exists libhs 2>/dev/null && echo y),1,0)
endif
ifeq ($(VECTORSCAN),1)
PKGS        += libhs
HS          := libhs libcrypto
override CPPFLAGS += -DDELIV_VECTORSCAN
endif

CFLAGS      ?= -O2 -g
override CFLAGS   += -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
                     -Wmissing-prototypes -Wformat=2 -pthread \
                     $(if $(WERROR),-Werror)
override CPPFLAGS += -D_DEFAULT_SOURCE -D_GNU_SOURCE -Ilib \
                     -DDELIV_VERSION='"$(VERSION)"' \
                     -DDELIV_DATADIR='"$(DATADIR)/deliv"' $(PKG_CFLAGS)

# The pkg-config modules each program links: those its objects call (the
# lib/ modules it uses decide it; check with nm -u, or link with
# -Wl,--as-needed and read "readelf -d").  A program not listed links all
# of PKGS.  -pthread -lm go to every program.
deliv.pkgs                  :=
deliv-bounce-classify.pkgs  := gmime-3.0 libpcre2-8 sqlite3 $(HS) $(ZPKGS)
deliv-dnscheck.pkgs         := ldns libcrypto
deliv-header-trace.pkgs     := gmime-3.0 ldns libpcre2-8 sqlite3 $(ZPKGS)
deliv-lint.pkgs             := gmime-3.0 ldns libcrypto libpcre2-8 $(HS) $(ZPKGS)
deliv-warmup-plan.pkgs      := sqlite3
drivers/dkim-key.pkgs       := ldns libcrypto
drivers/dmarc-parse.pkgs    :=
drivers/dns-fakeserver.pkgs := ldns
drivers/dns-query.pkgs      := ldns
drivers/input-dump.pkgs     := gmime-3.0 $(ZPKGS)
drivers/header-dump.pkgs    := gmime-3.0 $(ZPKGS)
drivers/lint-checks.pkgs    := gmime-3.0 ldns libcrypto libpcre2-8 $(HS) $(ZPKGS)
drivers/out-record.pkgs     :=
drivers/phrases-match.pkgs  := libpcre2-8
drivers/phrase-index.pkgs   := libpcre2-8 $(HS)
drivers/rcvd-case.pkgs      := libpcre2-8
drivers/spf-eval.pkgs       := ldns
drivers/spf-lint.pkgs       := ldns
drivers/tsv-dump.pkgs       :=
drivers/ip-check.pkgs       :=
pkgs_of      = $(if $(filter undefined,$(origin $1.pkgs)),$(PKGS),$($1.pkgs))
libs_of      = $(MALLOC_LIBS) $(if $(call pkgs_of,$1),$(shell $(PKG_CONFIG) \
               --libs $(call pkgs_of,$1))) $(if $(filter zlib,$(call \
               pkgs_of,$1)),$(ZLIBS)) $(LDLIBS) -pthread -lm

# Every goal but these needs the libraries: stop early, naming what
# pkg-config cannot find, rather than fail later in the compiler.
NOLIB_GOALS := deps clean uninstall lint-man demo fuzz
ifneq ($(filter-out $(NOLIB_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(shell command -v $(PKG_CONFIG) 2>/dev/null),)
$(error $(PKG_CONFIG) not found; "make deps" installs it and the libraries)
endif
PKGS_MISSING := $(shell for m in $(PKGS); do \
                $(PKG_CONFIG) --exists $$m || echo $$m; done)
ifneq ($(PKGS_MISSING),)
$(shell $(PKG_CONFIG) --print-errors --exists $(PKGS_MISSING) >&2)
$(error pkg-config cannot find $(PKGS_MISSING) (see PKG_CONFIG_PATH); \
"make deps" installs what is missing)
endif
PKG_CFLAGS  := $(shell $(PKG_CONFIG) --cflags $(PKGS))
endif

LIB_SRCS    := $(sort $(wildcard lib/*/*.c))
LIB_OBJS    := $(LIB_SRCS:%.c=$(BUILDDIR)/%.o)
LIB         := $(BUILDDIR)/libdeliv.a
# Code every test driver shares: an archive, so a driver takes what it uses.
DRV_SRCS    := $(sort $(wildcard tests/drivers/common/*.c))
DRV_OBJS    := $(DRV_SRCS:%.c=$(BUILDDIR)/%.o)
DRV_LIB     := $(BUILDDIR)/libdriver.a
TOOL_NAMES  := $(filter-out deliv,$(patsubst tools/%.c,%,$(sort $(wildcard tools/*.c))))
PROGS       := $(BUILDDIR)/deliv $(TOOL_NAMES:%=$(BUILDDIR)/deliv-%)
DRIVERS     := $(patsubst tests/drivers/%.c,$(BUILDDIR)/drivers/%,$(sort $(wildcard tests/drivers/*.c)))
MAN1        := $(sort $(wildcard man/*.1))
MAN7        := $(sort $(wildcard man/*.7))
PHRASES     := $(sort $(wildcard phrases/*.txt phrases/NOTICE))
DATAFILES   := $(sort $(wildcard data/*))
SANFLAGS    := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
               -fno-omit-frame-pointer

.SECONDARY:

.PHONY: all check check-slow check-asan check-package test-drivers demo deps install \
        uninstall clean bench fuzz lint-man

all: $(PROGS)

$(BUILDDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(DRV_LIB): $(DRV_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILDDIR)/deliv: $(BUILDDIR)/tools/deliv.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(call libs_of,deliv)

$(BUILDDIR)/deliv-%: $(BUILDDIR)/tools/%.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(call libs_of,deliv-$*)

$(BUILDDIR)/drivers/%: $(BUILDDIR)/tests/drivers/%.o $(DRV_LIB) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(call libs_of,drivers/$*)

-include $(wildcard $(BUILDDIR)/lib/*/*.d $(BUILDDIR)/tools/*.d \
    $(BUILDDIR)/tests/drivers/*.d $(BUILDDIR)/tests/drivers/common/*.d)

test-drivers: $(DRIVERS)

# The suite: Bats (tools, lib drivers, docs, install into a DESTDIR); the
# last line is "N passed, N failed".  It changes nothing outside the
# tree: the Debian package test, which installs the .deb system-wide, is
# check-package's.  The long runs (a 50 MB mailbox through every tool
# and through parallel --pipe, the tools under Valgrind) are
# check-slow's; .ci/run runs both.
SLOW_TESTS  := tests/scale.bats tests/valgrind.bats
CHECK_TESTS := $(filter-out tests/package.bats $(SLOW_TESTS),$(sort $(wildcard tests/*.bats)))
check: all test-drivers
	@DELIV_BUILDDIR=$(abspath $(BUILDDIR)) ./tests/run $(strip $(or $(TESTS),$(CHECK_TESTS)))

# Valgrind cannot follow mimalloc's heap: a build linked with it gets a
# MALLOC=system copy beside it for tests/valgrind.bats.
VG_BUILDDIR := $(if $(filter mimalloc,$(MALLOC)),$(BUILDDIR)-system,$(BUILDDIR))
check-slow: all test-drivers
ifeq ($(MALLOC),mimalloc)
	@$(MAKE) -s BUILDDIR=$(VG_BUILDDIR) MALLOC=system all test-drivers
endif
	@DELIV_BUILDDIR=$(abspath $(BUILDDIR)) \
	    DELIV_VG_BUILDDIR=$(abspath $(VG_BUILDDIR)) ./tests/run $(SLOW_TESTS)

# Build the .deb, install it with apt-get, run it, remove it: as root, on
# a machine (or container) meant for it, as .ci/run does.
check-package: all test-drivers
	@DELIV_CHECK_PACKAGE=1 DELIV_BUILDDIR=$(abspath $(BUILDDIR)) \
	    ./tests/run tests/package.bats

# The suite and its long runs with AddressSanitizer and UndefinedBehaviorSanitizer.
# A freed block waits in a 16 MB quarantine, not ASan's default 256 MB:
# each run of a program is short, and the smaller one saves the page
# faults of memory touched once (8 % of the suite's time under ASan); an
# ASAN_OPTIONS of the caller's own is kept.
check-asan:
	ASAN_OPTIONS="$${ASAN_OPTIONS:-quarantine_size_mb=16}" \
	    $(MAKE) BUILDDIR=build-asan CFLAGS="-O1 -g $(SANFLAGS)" \
	    LDFLAGS="$(SANFLAGS)" MALLOC=system check check-slow

demo:
	@./.ci/deps
	@$(MAKE) -s all
	@./examples/demo $(BUILDDIR)

deps:
	@./.ci/deps

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/deliv/phrases \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(FISHCOMPDIR)
	$(INSTALL) -m 0755 $(PROGS) $(DESTDIR)$(BINDIR)
	$(if $(PHRASES),$(INSTALL) -m 0644 $(PHRASES) $(DESTDIR)$(DATADIR)/deliv/phrases)
	$(if $(DATAFILES),$(INSTALL) -d $(DESTDIR)$(DATADIR)/deliv/data)
	$(if $(DATAFILES),$(INSTALL) -m 0644 $(DATAFILES) $(DESTDIR)$(DATADIR)/deliv/data)
	$(if $(MAN1),$(INSTALL) -m 0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1)
	$(INSTALL) -m 0644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	$(INSTALL) -m 0644 completions/deliv.bash $(DESTDIR)$(BASHCOMPDIR)/deliv
	for t in $(TOOL_NAMES); do \
	    ln -sf deliv $(DESTDIR)$(BASHCOMPDIR)/deliv-$$t; done
	$(INSTALL) -m 0644 completions/_deliv $(DESTDIR)$(ZSHCOMPDIR)/_deliv
	for t in deliv $(TOOL_NAMES:%=deliv-%); do \
	    $(INSTALL) -m 0644 completions/deliv.fish \
	    $(DESTDIR)$(FISHCOMPDIR)/$$t.fish; done

uninstall:
	rm -f $(PROGS:$(BUILDDIR)/%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(PHRASES:phrases/%=$(DESTDIR)$(DATADIR)/deliv/phrases/%)
	rm -f $(DATAFILES:data/%=$(DESTDIR)$(DATADIR)/deliv/data/%)
	-rmdir $(DESTDIR)$(DATADIR)/deliv/phrases $(DESTDIR)$(DATADIR)/deliv/data \
	    $(DESTDIR)$(DATADIR)/deliv 2>/dev/null
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)
	rm -f $(DESTDIR)$(BASHCOMPDIR)/deliv $(TOOL_NAMES:%=$(DESTDIR)$(BASHCOMPDIR)/deliv-%)
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_deliv
	rm -f $(DESTDIR)$(FISHCOMPDIR)/deliv.fish $(TOOL_NAMES:%=$(DESTDIR)$(FISHCOMPDIR)/deliv-%.fish)

# Advisory: mandoc's full lint (style messages included).
lint-man:
	-mandoc -T lint $(MAN1) $(MAN7)

bench: all
	@for b in bench/*.sh; do [ -x "$$b" ] && "$$b" $(BUILDDIR); done; true

FUZZ_SECONDS ?= 10
fuzz:
	@./fuzz/run $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILDDIR) $(BUILDDIR)-system build-asan build-fuzz

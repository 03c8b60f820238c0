// Command lantern-ferretdb runs an embedded FerretDB 1.x (MongoDB wire protocol)
// with the SQLite backend for Lantern's local development infrastructure.
//
// It exists because `go install github.com/FerretDB/FerretDB/cmd/ferretdb` panics at
// start-up when built from the module zip (missing build/version/version.txt,
// FerretDB issue #2982); the embeddable package does not have that problem.
//
// Usage:
//
//	lantern-ferretdb -listen 127.0.0.1:27017 -sqlite-dir ./data
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/build/version"
	"github.com/FerretDB/FerretDB/ferretdb"
)

const ferretModule = "github.com/FerretDB/FerretDB"

// ferretVersion returns the FerretDB module version this binary was built with.
func ferretVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			if dep.Path == ferretModule {
				if dep.Replace != nil {
					return dep.Replace.Version
				}

				return dep.Version
			}
		}
	}

	return "unknown"
}

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	sqliteDir := flag.String("sqlite-dir", "", "directory for SQLite database files (created if missing)")
	txlock := flag.String("txlock", "immediate", `SQLite _txlock mode ("immediate", "deferred", "exclusive" or "" to omit)`)
	tempStore := flag.String("temp-store", "memory", `SQLite temp_store ("memory", "file", "default" or "" to omit): where statement journals go`)
	logLevel := flag.String("log-level", "info", "log level: debug, info, warn, error")
	showVersion := flag.Bool("version", false, "print the FerretDB version and exit")
	idLookupIndex := flag.Bool("id-lookup-index", true, "add the index FerretDB's _id lookups can use to every collection table (see id_lookup_index.go)")
	gcPercent := flag.Int("gc-percent", defaultGCPercent, "Go garbage collector target (GOGC) unless the GOGC variable is set; see gc.go")
	writeLockHandoff := flag.Bool("write-lock-handoff", true, "wake writers waiting for a database's write lock when it is released, instead of SQLite's sleeps (see write_lock_handoff.go)")
	memoryLimitMiB := flag.Int64("memory-limit-mib", defaultMemoryLimitMiB, "soft limit of the Go heap (GOMEMLIMIT) unless the GOMEMLIMIT variable is set; 0 for none")
	procs := flag.Int("gomaxprocs", 0, "CPUs that may run Go code at once (GOMAXPROCS) unless the GOMAXPROCS variable is set; 0 for half the CPUs, at least 1 (see procs.go)")
	flag.Parse()

	if *showVersion {
		fmt.Printf("lantern-ferretdb (FerretDB %s, SQLite backend)\n", ferretVersion())
		return
	}

	// FerretDB's embedded mode does not run the telemetry reporter, but set the
	// conventional opt-out anyway in case a future version looks at it.
	_ = os.Setenv("DO_NOT_TRACK", "1")
	_ = os.Setenv("FERRETDB_TELEMETRY", "disable")

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fatal("invalid -log-level %q: %v", *logLevel, err)
	}

	logger := slog.New(newLazyAttrsHandler(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: level})))
	slog.SetDefault(logger)

	tuneGC(*gcPercent, *memoryLimitMiB, logger)
	tuneProcs(*procs, logger)

	if *writeLockHandoff {
		if err := installWriteLockHandoff(); err != nil {
			fatal("installing the write lock handoff: %v", err)
		}
	}

	if *sqliteDir == "" {
		fatal("-sqlite-dir is required")
	}

	dir, err := filepath.Abs(*sqliteDir)
	if err != nil {
		fatal("resolving -sqlite-dir: %v", err)
	}

	if err = os.MkdirAll(dir, 0o755); err != nil {
		fatal("creating -sqlite-dir: %v", err)
	}

	// FerretDB requires a "file:" URI whose path is an existing directory ending with "/".
	u := &url.URL{Scheme: "file", Opaque: strings.TrimSuffix(filepath.ToSlash(dir), "/") + "/"}
	query := url.Values{}
	if *txlock != "" {
		query.Set("_txlock", *txlock)
	}

	// Every UPDATE that FerretDB runs inside a transaction keeps a statement journal. With temp_store
	// at its default, SQLite gives that journal 64 KiB chunks, which the pure-Go allocator maps
	// and unmaps per statement (an mmap, page faults and a munmap: 9 % of FerretDB's CPU under
	// updates by _id, go tool pprof); in memory, 1 KiB chunks from the ordinary heap. Updates by
	// _id (16 clients, raw driver) went 869 / 899 → 947 / 976 per second; journeys (16 at a time)
	// cost FerretDB 71.8 / 72.2 → 66.8 / 65.2 ms of CPU each. Temporary tables and sorts SQLite
	// makes for a query stay in memory too; FerretDB has read whole results into memory anyway.
	if *tempStore != "" {
		query.Add("_pragma", "temp_store("+*tempStore+")")
	}

	u.RawQuery = query.Encode()

	sqliteURL := u.String()

	// The embedded package reports "unknown"; let buildInfo show the real module version.
	version.Get().Version = ferretVersion()

	logger.Info("lantern-ferretdb starting",
		"ferretdb", version.Get().Version, "listen", *listen, "sqlite_url", sqliteURL, "pid", os.Getpid())

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		fatal("starting FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	// The TCP listener is already bound by New; Run serves until ctx is cancelled.
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	if *idLookupIndex {
		go indexIDLookups(ctx, dir, 250*time.Millisecond, logger)
	}

	logger.Info("lantern-ferretdb ready", "uri", f.MongoDBURI())

	select {
	case err = <-done:
		if err == nil {
			err = errors.New("FerretDB stopped unexpectedly")
		}
	case <-ctx.Done():
		logger.Info("lantern-ferretdb: signal received, shutting down")

		select {
		case err = <-done:
		case <-time.After(20 * time.Second):
			err = errors.New("shutdown timed out")
		}
	}

	if err != nil {
		fatal("%v", err)
	}

	logger.Info("lantern-ferretdb stopped")
}

func fatal(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "lantern-ferretdb: "+format+"\n", args...)
	os.Exit(1)
}

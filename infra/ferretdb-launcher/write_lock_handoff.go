package main

// SQLite lets one connection at a time write a database file, and FerretDB starts every write
// with BEGIN IMMEDIATE. A connection that finds the write lock taken calls SQLite's busy handler,
// whose default sleeps 1, 2, 5, 10, 15, 20, 25… ms between tries. A write transaction holds the
// lock for about a millisecond, so under concurrent writes to one database the lock stands free
// while its waiters sleep, and the process idles with work queued: a journey run (16 at a time)
// made ~190 such sleeps per journey, seen with `perf record -e syscalls:sys_enter_nanosleep -g`.
//
// The launcher replaces that handler on every connection the SQLite driver opens: a waiter waits
// for the next release of the write lock on its file, or for a short slice, whichever comes
// first, and tries again. Releases are seen through SQLite's WAL hook, which runs after a commit
// has released the lock, and its rollback hook; the slice covers releases they cannot see (a
// commit by another process, a failed commit). A waiter gives up with SQLITE_BUSY as SQLite's
// handler would after busy_timeout's 10 s, or sooner if it loses 10,000 races in a row.

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"
	"unsafe"

	"modernc.org/libc"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

const (
	// handoffSlice bounds one wait.
	handoffSlice = time.Millisecond
	// handoffTries is how many waits a busy episode may take before it gives up with SQLITE_BUSY:
	// FerretDB's busy_timeout(10000) in slices, so 10 s when nobody releases the lock, fewer
	// when other connections keep winning it (10,000 lost races in a row).
	handoffTries = int32(10 * time.Second / handoffSlice)
	// autoCheckpointFrames is SQLite's default wal_autocheckpoint. A connection's WAL hook is
	// also what runs SQLite's automatic checkpoint, so replacing the hook means checkpointing here.
	autoCheckpointFrames = 1000
)

// lockGate wakes the waiters for one database file's write lock. Its channel exists only while
// someone waits: a commit nobody waits for (most of them) allocates and closes nothing.
type lockGate struct {
	mu       sync.Mutex
	released chan struct{}
}

// next is closed at the next release.
func (g *lockGate) next() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()

	if g.released == nil {
		g.released = make(chan struct{})
	}

	return g.released
}

func (g *lockGate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()

	if g.released != nil {
		close(g.released)
		g.released = nil
	}
}

// The gates, one per database file ever opened; SQLite passes the handlers a gate's number.
var handoff = struct {
	sync.RWMutex
	numbers map[string]uintptr
	gates   []*lockGate
}{numbers: map[string]uintptr{}}

// gateNumber is the number of the file's gate, made at its first connection.
func gateNumber(file string) uintptr {
	handoff.Lock()
	defer handoff.Unlock()

	if n, ok := handoff.numbers[file]; ok {
		return n
	}

	handoff.gates = append(handoff.gates, &lockGate{})
	n := uintptr(len(handoff.gates)) // from 1: SQLite's argument is never 0
	handoff.numbers[file] = n

	return n
}

// gateOf runs at every commit and every wait: a read lock, as gates are only ever added.
func gateOf(n uintptr) *lockGate {
	handoff.RLock()
	defer handoff.RUnlock()

	return handoff.gates[n-1]
}

// installWriteLockHandoff makes every SQLite connection opened from now on wait for the write
// lock's release instead of sleeping. Call it before FerretDB opens any database. It fails, so
// that the launcher does not start, if the SQLite driver's connection is not what it expects.
func installWriteLockHandoff() error {
	if err := probeSQLiteHandle(); err != nil {
		return err
	}

	sqlite.RegisterConnectionHook(func(c sqlite.ExecQuerierContext, dsn string) error {
		db, tls, err := sqliteHandle(c)
		if err != nil {
			return err
		}

		// Every connection to a file names it the same way: "file:" and the path, then parameters.
		file, _, _ := strings.Cut(dsn, "?")
		gate := gateNumber(file)

		sqlite3.Xsqlite3_busy_handler(tls, db, cFuncPointer(onBusy), gate)
		sqlite3.Xsqlite3_wal_hook(tls, db, cFuncPointer(onWALCommit), gate)
		sqlite3.Xsqlite3_rollback_hook(tls, db, cFuncPointer(onRollback), gate)

		return nil
	})

	return nil
}

// probeSQLiteHandle reads the handle of an in-memory database's connection, so that a driver
// whose layout changed stops the launcher at start instead of failing every database it opens.
func probeSQLiteHandle() error {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return err
	}
	defer db.Close()

	conn, err := db.Conn(context.Background())
	if err != nil {
		return err
	}
	defer conn.Close()

	return conn.Raw(func(driverConn any) error {
		_, _, err := sqliteHandle(driverConn)
		return err
	})
}

// sqliteHandle reads the sqlite3* and the TLS of a modernc.org/sqlite connection. The driver
// keeps them in unexported fields; reflection finds them by name and type, so a driver whose
// layout changed is refused instead of misread.
func sqliteHandle(c any) (db uintptr, tls *libc.TLS, err error) {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return 0, nil, fmt.Errorf("write lock handoff: unexpected SQLite connection type %T", c)
	}

	t := v.Elem().Type()
	dbField, hasDB := t.FieldByName("db")
	tlsField, hasTLS := t.FieldByName("tls")

	if !hasDB || !hasTLS || dbField.Type != reflect.TypeOf(uintptr(0)) || tlsField.Type != reflect.TypeOf((*libc.TLS)(nil)) {
		return 0, nil, fmt.Errorf("write lock handoff: SQLite connection type %T has no db and tls fields", c)
	}

	base := v.UnsafePointer()

	return *(*uintptr)(unsafe.Add(base, dbField.Offset)), *(**libc.TLS)(unsafe.Add(base, tlsField.Offset)), nil
}

// onBusy is the busy handler: non-zero to try again, zero to give up with SQLITE_BUSY.
func onBusy(_ *libc.TLS, gate uintptr, count int32) int32 {
	if count >= handoffTries {
		return 0
	}

	slice := time.NewTimer(handoffSlice)
	defer slice.Stop()

	select {
	case <-gateOf(gate).next():
	case <-slice.C:
	}

	return 1
}

// onWALCommit is the WAL hook, run after a commit has released the write lock.
func onWALCommit(tls *libc.TLS, gate uintptr, db uintptr, schema uintptr, frames int32) int32 {
	gateOf(gate).release()

	if frames >= autoCheckpointFrames {
		// What SQLite's automatic checkpoint does: a passive checkpoint whose failure (a reader
		// in the way) leaves it to a later commit.
		sqlite3.Xsqlite3_wal_checkpoint(tls, db, schema)
	}

	return sqlite3.SQLITE_OK
}

// onRollback runs as a transaction rolls back, just before the lock is released: a waiter it
// wakes early finds the lock taken and waits again, at most one slice.
func onRollback(_ *libc.TLS, gate uintptr) {
	gateOf(gate).release()
}

// cFuncPointer turns a Go function declaration into the function pointer modernc's SQLite calls,
// as modernc.org/sqlite does for its own callbacks (the function value's representation,
// https://golang.org/s/go11func; a declared function's value is static and does not move).
func cFuncPointer[T any](f T) uintptr {
	return *(*uintptr)(unsafe.Pointer(&struct{ f T }{f}))
}

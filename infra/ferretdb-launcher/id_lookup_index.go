package main

// FerretDB 1.24's SQLite backend creates each collection's unique `_id_` index on the
// expression `_ferretdb_sjson->"_id"`, but pushes an `{_id: …}` filter down as
// `WHERE _ferretdb_sjson->'$._id' = ?`. SQLite uses an expression index only when the query
// spells the same expression, so it never uses that index: every `_id` lookup scans the whole
// table (EXPLAIN QUERY PLAN says "SCAN"), and an event store's append and load grow linearly
// with the collection. Lantern's storage design rests on `_id` lookups being cheap, so the
// launcher adds, to every collection table, a plain (non-unique) index on the expression the
// queries actually use. Uniqueness stays with FerretDB's own index; this one is invisible to
// FerretDB (it is not in its metadata) and is dropped with its table.

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB itself uses
)

const idLookupIndexSuffix = "_lantern_id_lookup"

// tablesWithoutIDLookupIndex lists FerretDB collection tables that lack the index.
// FerretDB's own tables start with "_ferretdb_"; collection tables hold the _ferretdb_sjson column.
const tablesWithoutIDLookupIndex = `
SELECT t.name FROM sqlite_master t
WHERE t.type = 'table' AND t.name NOT LIKE '\_ferretdb\_%' ESCAPE '\' AND t.sql LIKE '%_ferretdb_sjson%'
  AND NOT EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' AND i.tbl_name = t.name AND i.name = t.name || ?)`

// indexIDLookups keeps adding the index to new collection tables until ctx ends.
func indexIDLookups(ctx context.Context, dir string, every time.Duration, logger *slog.Logger) {
	ticker := time.NewTicker(every)
	defer ticker.Stop()

	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range files {
			if err := indexDatabaseFile(ctx, file, logger); err != nil && ctx.Err() == nil {
				// A database dropped or busy at this moment: the next pass tries again.
				logger.Debug("id lookup index: pass skipped a database", "file", filepath.Base(file), "error", err)
			}
		}

		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func indexDatabaseFile(ctx context.Context, file string, logger *slog.Logger) error {
	// mode=rw: never create the file; a database FerretDB just dropped must stay dropped.
	query := url.Values{"mode": []string{"rw"}, "_pragma": []string{"busy_timeout(10000)"}}
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Opaque: filepath.ToSlash(file), RawQuery: query.Encode()}).String())
	if err != nil {
		return err
	}
	defer db.Close()

	rows, err := db.QueryContext(ctx, tablesWithoutIDLookupIndex, idLookupIndexSuffix)
	if err != nil {
		return err
	}

	var tables []string
	for rows.Next() {
		var table string
		if err = rows.Scan(&table); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, table)
	}
	rows.Close()
	if err = rows.Err(); err != nil {
		return err
	}

	for _, table := range tables {
		statement := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (_ferretdb_sjson->'$._id')`, quoteIdentifier(table+idLookupIndexSuffix), quoteIdentifier(table))
		if _, err = db.ExecContext(ctx, statement); err != nil {
			return fmt.Errorf("indexing %s: %w", table, err)
		}
		logger.Debug("id lookup index created", "file", filepath.Base(file), "table", table)
	}

	return nil
}

func quoteIdentifier(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

package main

import (
	"context"
	"log/slog"
	"sync"
)

// FerretDB's SQL layer derives a logger for every statement it runs, before and after it:
// `l.With(slog.Any("args", args)).DebugContext(...)` (internal/util/fsql), where args hold the
// document as SQLite JSON. slog's TextHandler formats and quotes those attributes in With,
// whether or not the debug line is then written, and inside the statement's transaction, so the
// database's write lock is held meanwhile. Profiled under the journey benchmark that was 4.6 % of
// FerretDB's CPU, for lines that are never written at the default level. lazyAttrsHandler keeps
// what With adds as it is, and has the wrapped handler format it only for a record it handles.
type lazyAttrsHandler struct {
	inner   slog.Handler
	pending []slog.Attr
	// materialized is inner with pending applied, made once, on the first record handled.
	materialized func() slog.Handler
}

func newLazyAttrsHandler(inner slog.Handler) slog.Handler {
	return &lazyAttrsHandler{inner: inner, materialized: func() slog.Handler { return inner }}
}

func (h *lazyAttrsHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.inner.Enabled(ctx, level)
}

func (h *lazyAttrsHandler) Handle(ctx context.Context, record slog.Record) error {
	return h.materialized().Handle(ctx, record)
}

func (h *lazyAttrsHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}

	pending := make([]slog.Attr, 0, len(h.pending)+len(attrs))
	pending = append(append(pending, h.pending...), attrs...)
	inner := h.inner

	return &lazyAttrsHandler{
		inner:        inner,
		pending:      pending,
		materialized: sync.OnceValue(func() slog.Handler { return inner.WithAttrs(pending) }),
	}
}

// WithGroup applies what is pending first: attributes added before a group stay outside it.
// Groups are opened when loggers are set up, not per statement, so this is not a hot path.
func (h *lazyAttrsHandler) WithGroup(name string) slog.Handler {
	return newLazyAttrsHandler(h.materialized().WithGroup(name))
}

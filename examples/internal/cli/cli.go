// Package cli is what the example programs share: the flags that are not
// about the operation's input, the choice between the built-in emulator
// and Alibaba Cloud, and the report of what was sent and received.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/flowlog-go/flowlog/internal/core"
	"github.com/flowlog-go/flowlog/internal/emulator"
)

// faults names the faults -fault accepts.
var faults = map[string]emulator.Fault{
	"Throttling":         emulator.Throttling,
	"Busy":               emulator.Busy,
	"ServiceUnavailable": emulator.ServiceUnavailable,
	"InternalError":      emulator.InternalError,
	"ResetBeforeCommit":  emulator.ResetBeforeCommit,
	"ResetAfterCommit":   emulator.ResetAfterCommit,
	"TruncatedBody":      emulator.TruncatedBody,
	"HTMLBadGateway":     emulator.HTMLBadGateway,
	"EmptyBody":          emulator.EmptyBody,
}

// Flags are the settings every example takes besides its input.
type Flags struct {
	Live       bool
	Region     string
	Endpoint   string
	Network    string
	Format     string
	Algorithm  string
	Attempts   int
	Timeout    time.Duration
	Fault      string
	FaultCount int
	Verbose    bool
}

// Register defines the common flags on fs; region is the default region.
func Register(fs *flag.FlagSet, region string) *Flags {
	f := &Flags{}
	fs.BoolVar(&f.Live, "live", false, "create the flow log in Alibaba Cloud, with the default credential chain, instead of the built-in emulator")
	fs.StringVar(&f.Region, "region", region, "region id")
	fs.StringVar(&f.Endpoint, "endpoint", "", "endpoint URL (-live only; default: resolved from the region and -network)")
	fs.StringVar(&f.Network, "network", "", `endpoint family: "public" or "vpc" (-live only)`)
	fs.StringVar(&f.Format, "format", "JSON", "response format: JSON or XML")
	fs.StringVar(&f.Algorithm, "signature", "", "signature algorithm (default HMAC-SHA1)")
	fs.IntVar(&f.Attempts, "attempts", 0, "total attempts per call (default 3)")
	fs.DurationVar(&f.Timeout, "timeout", 30*time.Second, "deadline of the call")
	fs.StringVar(&f.Fault, "fault", "", "emulator only: inject this fault ("+strings.Join(slices.Sorted(maps.Keys(faults)), ", ")+")")
	fs.IntVar(&f.FaultCount, "fault-count", 1, "emulator only: how many requests get -fault")
	fs.BoolVar(&f.Verbose, "v", false, "log every attempt")
	return f
}

// Session is one run: the options to make the client with and, offline, the
// emulator it talks to.
type Session struct {
	Options core.Options
	Context context.Context
	out     io.Writer
	srv     *emulator.Server
	cancel  context.CancelFunc
}

// Start checks the flags and starts the emulator for p unless -live is set.
// The report goes to out, the -v log to logs. A usage error is returned as
// such; the caller exits with status 2.
func (f *Flags) Start(p emulator.Product, out, logs io.Writer) (*Session, error) {
	s := &Session{out: out}
	if f.Fault != "" {
		if f.Live {
			return nil, errors.New("-fault works only with the emulator")
		}
		if _, ok := faults[f.Fault]; !ok {
			return nil, fmt.Errorf("-fault %q is not a fault the emulator knows", f.Fault)
		}
	}
	if f.Live {
		s.Options = core.Options{RegionID: f.Region, Endpoint: f.Endpoint, Network: f.Network}
		fmt.Fprintf(out, "LIVE: sending to Alibaba Cloud (region %s) with the default credential chain\n", f.Region)
	} else {
		if f.Endpoint != "" || f.Network != "" {
			return nil, errors.New("-endpoint and -network need -live")
		}
		s.srv = emulator.NewServer(p)
		s.Options = s.srv.Options()
		s.Options.RegionID = f.Region
		if fault, ok := faults[f.Fault]; ok {
			s.srv.Fail(f.FaultCount, fault)
		}
		fmt.Fprintf(out, "offline: sending to the built-in emulator at %s (use -live for Alibaba Cloud)\n", s.srv.URL)
	}
	s.Options.ResponseFormat = f.Format
	s.Options.SignatureAlgorithm = f.Algorithm
	s.Options.MaxAttempts = f.Attempts
	s.Options.UserAgent = "flowlog-example"
	if f.Verbose {
		s.Options.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	s.Context, s.cancel = context.WithTimeout(context.Background(), f.Timeout)
	return s, nil
}

// Close stops the emulator, if any, and releases the context.
func (s *Session) Close() {
	s.cancel()
	if s.srv != nil {
		s.srv.Close()
	}
}

// Report prints what the emulator received (secrets redacted) and the
// outcome of the call; it returns the exit status: 0 on success, 1 on
// failure.
func (s *Session) Report(flowLogID, requestID string, extra []string, err error) int {
	if s.srv != nil {
		for i, r := range s.srv.Requests() {
			fmt.Fprintf(s.out, "request %d: %s %s/ -> %s\n", i+1, r.Method, s.srv.URL, outcome(r))
			for _, k := range slices.Sorted(maps.Keys(r.Params)) {
				fmt.Fprintf(s.out, "    %s=%s\n", k, r.Params[k])
			}
			for _, k := range slices.Sorted(maps.Keys(r.Header)) {
				if k == "Authorization" || strings.HasPrefix(k, "X-Acs-") {
					fmt.Fprintf(s.out, "    header %s: %s\n", k, r.Header.Get(k))
				}
			}
		}
	}
	if err == nil {
		fmt.Fprintf(s.out, "created: FlowLogId=%s RequestId=%s", flowLogID, requestID)
		for _, e := range extra {
			fmt.Fprintf(s.out, " %s", e)
		}
		fmt.Fprintln(s.out)
		return 0
	}
	var ve *core.ValidationError
	var apiErr *core.APIError
	var opErr *core.OperationError
	switch {
	case errors.As(err, &ve):
		fmt.Fprintf(s.out, "invalid input for %s:\n", ve.Operation)
		for _, f := range ve.Fields {
			fmt.Fprintf(s.out, "    %s: %s\n", f.Field, f.Reason)
		}
	case errors.As(err, &apiErr):
		fmt.Fprintf(s.out, "error: HTTP %d Code=%s RequestId=%s\n    Message: %s\n", apiErr.HTTPStatus, apiErr.Code, apiErr.RequestID, apiErr.Message)
	default:
		fmt.Fprintf(s.out, "error: %v\n", err)
	}
	if errors.As(err, &opErr) && opErr.OutcomeUnknown {
		fmt.Fprintln(s.out, "    the flow log may exist: look before creating again")
		if opErr.ClientToken != "" {
			fmt.Fprintf(s.out, "    resend with -client-token %s to finish it safely\n", opErr.ClientToken)
		}
	}
	return 1
}

func outcome(r emulator.Request) string {
	switch {
	case r.Status == 0:
		return "connection reset (" + r.Fault + ")"
	case r.Code != "":
		return fmt.Sprintf("%d %s", r.Status, r.Code)
	case r.Fault != "":
		return fmt.Sprintf("%d (%s)", r.Status, r.Fault)
	}
	return fmt.Sprintf("%d", r.Status)
}

// TagsFlag collects repeated -tag key=value flags.
type TagsFlag []core.Tag

// String returns the tags as key=value pairs.
func (t *TagsFlag) String() string {
	s := make([]string, len(*t))
	for i, tag := range *t {
		s[i] = tag.Key + "=" + tag.Value
	}
	return strings.Join(s, ",")
}

// Set adds one tag; "key" alone has an empty value.
func (t *TagsFlag) Set(v string) error {
	k, val, _ := strings.Cut(v, "=")
	*t = append(*t, core.Tag{Key: k, Value: val})
	return nil
}

// ListFlag collects a repeated string flag.
type ListFlag []string

// String returns the values joined by commas.
func (l *ListFlag) String() string { return strings.Join(*l, ",") }

// Set adds one value.
func (l *ListFlag) Set(v string) error { *l = append(*l, v); return nil }

// Package vpctest provides a fake VPC endpoint on loopback for testing code
// that creates VPC flow logs, in the manner of net/http/httptest.
//
//	srv := vpctest.NewServer()
//	defer srv.Close()
//	c, _ := vpc.New(srv.Options()) // Endpoint, RegionID and a credential the server knows
//	out, err := c.CreateFlowLog(ctx, input)
//	srv.FlowLogs()                   // what was created, every parameter as received
//	srv.Fail(2, vpctest.Throttling)  // the next two requests are throttled
//
// The server speaks the Alibaba Cloud RPC gateway's protocol: it verifies
// signatures (HMAC-SHA1 and ACS3-HMAC-SHA256), timestamps, nonces and
// credentials, validates CreateFlowLog's parameters as the service does, and
// answers in JSON or XML with the gateway's error codes. It checks protocol
// and parameters only: it does not know whether the ENI, vSwitch, VPC or Log
// Service project exists, and accepts any well-formed id.
package vpctest

import (
	"time"

	"github.com/flowlog-go/flowlog/internal/emulator"
)

// Server is a running fake VPC endpoint. Its methods are safe for
// concurrent use: URL, Close, Options, FlowLogs, Requests, Fail,
// Credentials, Region and Client.
type Server = emulator.Server

// NewServer starts a Server on a loopback port. Stop it with Close.
func NewServer(opts ...Option) *Server { return emulator.NewServer(emulator.VPC, opts...) }

// Option configures a Server in NewServer. A nil Option is ignored.
type Option = emulator.Option

// FlowLog is a flow log the server created, with every business parameter
// as received. The zero value is an empty record no server returns.
type FlowLog = emulator.FlowLog

// Request is what the server recorded about one request; secrets redacted.
// The zero value is an empty record no server returns.
type Request = emulator.Request

// Fault is a failure that Server.Fail injects into the next requests. The
// zero Fault is no fault: a request it is queued for is handled normally.
type Fault = emulator.Fault

// WithClock sets the server's clock, which Timestamps are checked against.
func WithClock(now func() time.Time) Option { return emulator.WithClock(now) }

// WithDeterministicIDs numbers RequestIds and FlowLogIds from 1, for
// reproducible output.
func WithDeterministicIDs() Option { return emulator.WithDeterministicIDs() }

// Slow delays the answer by d; the flow log is created even if the client
// has given up, as a real service would.
func Slow(d time.Duration) Fault { return emulator.Slow(d) }

// The faults Server.Fail injects.
var (
	// Throttling answers 400 Throttling.User; nothing is created.
	Throttling = emulator.Throttling
	// Busy answers 400 OperationConflict; nothing is created.
	Busy = emulator.Busy
	// ServiceUnavailable answers 503 ServiceUnavailable; nothing is created.
	ServiceUnavailable = emulator.ServiceUnavailable
	// InternalError answers 500 InternalError; nothing is created.
	InternalError = emulator.InternalError
	// ResetBeforeCommit resets the connection; nothing is created.
	ResetBeforeCommit = emulator.ResetBeforeCommit
	// ResetAfterCommit creates the flow log, then resets the connection.
	ResetAfterCommit = emulator.ResetAfterCommit
	// TruncatedBody creates the flow log and cuts the success body short.
	TruncatedBody = emulator.TruncatedBody
	// HTMLBadGateway answers a proxy's 502 HTML page; nothing is created.
	HTMLBadGateway = emulator.HTMLBadGateway
	// EmptyBody answers 503 with an empty body; nothing is created.
	EmptyBody = emulator.EmptyBody
	// ExpiredToken answers 400 InvalidSecurityToken.Expired.
	ExpiredToken = emulator.ExpiredToken
)

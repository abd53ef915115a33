package emulator

import (
	"fmt"
	"time"
)

// faultKind is what a Fault does.
type faultKind uint8

const (
	faultNone faultKind = iota
	faultThrottling
	faultBusy
	faultServiceUnavailable
	faultInternalError
	faultResetBeforeCommit
	faultResetAfterCommit
	faultTruncatedBody
	faultHTMLBadGateway
	faultEmptyBody
	faultExpiredToken
	faultSlow
)

var faultNames = [...]string{
	faultNone:               "None",
	faultThrottling:         "Throttling",
	faultBusy:               "Busy",
	faultServiceUnavailable: "ServiceUnavailable",
	faultInternalError:      "InternalError",
	faultResetBeforeCommit:  "ResetBeforeCommit",
	faultResetAfterCommit:   "ResetAfterCommit",
	faultTruncatedBody:      "TruncatedBody",
	faultHTMLBadGateway:     "HTMLBadGateway",
	faultEmptyBody:          "EmptyBody",
	faultExpiredToken:       "ExpiredToken",
	faultSlow:               "Slow",
}

// Fault is a failure that Server.Fail injects into the handling of a
// request. Faults are comparable values. The zero Fault is no fault: the
// request is handled normally.
type Fault struct {
	kind  faultKind
	delay time.Duration // faultSlow only
}

// The faults. Those that answer with an error create nothing, and none of
// them consumes a CEN ClientToken; ResetAfterCommit and TruncatedBody create
// the flow log before they break the response.
var (
	// Throttling answers 400 Throttling.User without processing the request.
	Throttling = Fault{kind: faultThrottling}
	// Busy answers 400 OperationConflict (VPC) or Operation.Blocking (CEN)
	// without processing the request.
	Busy = Fault{kind: faultBusy}
	// ServiceUnavailable answers 503 ServiceUnavailable without processing
	// the request.
	ServiceUnavailable = Fault{kind: faultServiceUnavailable}
	// InternalError answers 500 InternalError without processing the
	// request.
	InternalError = Fault{kind: faultInternalError}
	// ResetBeforeCommit resets the TCP connection (RST) without processing
	// the request.
	ResetBeforeCommit = Fault{kind: faultResetBeforeCommit}
	// ResetAfterCommit processes the request normally, creating the flow
	// log, then resets the TCP connection instead of answering.
	ResetAfterCommit = Fault{kind: faultResetAfterCommit}
	// TruncatedBody processes the request normally, then sends the
	// response headers with the full Content-Length, only part of the body,
	// and closes the connection.
	TruncatedBody = Fault{kind: faultTruncatedBody}
	// HTMLBadGateway answers 502 with a small HTML page, as a proxy in
	// front of the gateway would, without processing the request.
	HTMLBadGateway = Fault{kind: faultHTMLBadGateway}
	// EmptyBody answers 503 with an empty body without processing the
	// request.
	EmptyBody = Fault{kind: faultEmptyBody}
	// ExpiredToken answers 400 InvalidSecurityToken.Expired without
	// processing the request, as the gateway does for an expired STS token.
	ExpiredToken = Fault{kind: faultExpiredToken}
)

// Slow returns a fault that waits d before processing the request normally.
// The flow log is created even when the client has given up meanwhile, as a
// real service would. Close aborts the wait: the connection is reset and
// nothing is created. A negative d counts as 0.
func Slow(d time.Duration) Fault {
	if d < 0 {
		d = 0
	}
	return Fault{kind: faultSlow, delay: d}
}

// String returns the fault's name as its variable is named ("Throttling",
// "ResetAfterCommit", ...), "Slow(1.5s)" for a Slow fault and "None" for
// the zero Fault.
func (f Fault) String() string {
	if f.kind == faultSlow {
		return fmt.Sprintf("Slow(%s)", f.delay)
	}
	if int(f.kind) < len(faultNames) {
		return faultNames[f.kind]
	}
	return fmt.Sprintf("Fault(%d)", f.kind)
}

// faultRun is n consecutive requests that get the same fault.
type faultRun struct {
	fault Fault
	n     int
}

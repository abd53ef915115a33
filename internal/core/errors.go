package core

import (
	"errors"
	"fmt"
	"strings"
)

// ErrOutcomeUnknown is wrapped by every error after which the flow log may
// or may not have been created: a timeout or reset after the request was
// sent, a 5xx, a 2xx whose body could not be read. Look before creating
// again, or resend with the same ClientToken where the API has one.
var ErrOutcomeUnknown = errors.New("outcome unknown: the flow log may or may not have been created")

// FieldError is one broken rule of an input.
type FieldError struct {
	// Field is the Go field path, such as "ResourceID", "Tags[2].Key" or
	// "TrafficPath[0]".
	Field string
	// Reason says which rule the value breaks, such as "is required".
	Reason string
}

// String returns "Field: Reason".
func (f FieldError) String() string { return f.Field + ": " + f.Reason }

// ValidationError reports every broken rule of an input at once. It is
// returned before any credential is read or anything is sent.
type ValidationError struct {
	// Operation is the action name, such as "CreateFlowLog".
	Operation string
	// Fields lists each broken rule in field order; never empty.
	Fields []FieldError
}

// Error lists every field and its rule, for example
// "CreateFlowLog: invalid input: ResourceID: is required; ...".
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString(e.Operation)
	b.WriteString(": invalid input: ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.String())
	}
	return b.String()
}

// APIError is the service's refusal: an HTTP status that is not 2xx, with
// the error body's fields. When the body was not one of the service's error
// documents (a proxy's HTML page, an empty or truncated body), Code is empty
// and Message holds a short, printable excerpt of what arrived.
type APIError struct {
	// HTTPStatus is the response's status code, such as 400 or 503.
	HTTPStatus int
	// Code is the service's error code, such as "Throttling.User"; compare it
	// with the Code constants. Empty when the body held none.
	Code string
	// Message is the service's explanation. Secrets that the service echoes
	// (the string to sign of SignatureDoesNotMatch) are removed.
	Message string
	// RequestID identifies the request to Alibaba Cloud support.
	RequestID string
	// HostID is the endpoint host that answered.
	HostID string
	// Recommend is the service's troubleshooting link, if any.
	Recommend string
}

// Error returns "HTTP <status> <Code>: <Message> (RequestId: <id>)", leaving
// out the parts the service did not send.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d", e.HTTPStatus)
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" (RequestId: ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// OperationError wraps every failure of a call after its input was valid:
// an *APIError, a transport error, a cancelled context or a credential
// error, with what the caller needs to decide what to do next. Use
// errors.As to reach the *APIError and errors.Is for ErrOutcomeUnknown,
// context.Canceled or context.DeadlineExceeded.
type OperationError struct {
	// Operation is the action name, such as "CreateFlowLog".
	Operation string
	// Attempts is how many requests were sent or tried; 0 when the call
	// failed before the first one (credentials, a context already done).
	Attempts int
	// ClientToken is the idempotency token every attempt carried; empty for
	// APIs without one. Resend with it to finish an unknown outcome safely.
	ClientToken string
	// OutcomeUnknown reports that the flow log may have been created.
	OutcomeUnknown bool
	// Err is the cause.
	Err error
}

// Error names the operation and the cause, and for an unknown outcome says
// so, with the ClientToken to resend with when there is one.
func (e *OperationError) Error() string {
	var b strings.Builder
	b.WriteString(e.Operation)
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	if e.OutcomeUnknown {
		b.WriteString("; ")
		b.WriteString(ErrOutcomeUnknown.Error())
		if e.ClientToken != "" {
			b.WriteString("; resend with ClientToken ")
			b.WriteString(e.ClientToken)
		}
	}
	return b.String()
}

// Unwrap returns the cause and, for an unknown outcome, ErrOutcomeUnknown.
func (e *OperationError) Unwrap() []error {
	if e.OutcomeUnknown {
		return []error{e.Err, ErrOutcomeUnknown}
	}
	return []error{e.Err}
}

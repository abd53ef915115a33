package cbn

import (
	"github.com/flowlog-go/flowlog/internal/core"
)

// Options configure a Client; see the field docs for each zero value. Only
// RegionID is required.
type Options = core.Options

// Tag is a key-value pair attached to the created flow log. Key is
// required: 1-64 characters; Value may be empty: at most 128 characters.
// Neither may start with "aliyun" or "acs:" or contain "http://" or
// "https://".
type Tag = core.Tag

// ValidationError lists every broken rule of an input; nothing was sent.
// The client never returns a zero ValidationError: Fields has at least one
// entry.
type ValidationError = core.ValidationError

// FieldError is one broken rule of an input: the Go field path and the rule.
// Both are set in every FieldError the client returns.
type FieldError = core.FieldError

// APIError is the service's refusal, with the HTTP status, Code, Message
// and RequestID. HTTPStatus is always set; Code and RequestID are empty when
// the body was not the service's (a proxy's page, an empty body).
type APIError = core.APIError

// OperationError wraps every failure of a call whose input was valid, with
// the attempts made, the ClientToken sent (CEN) and whether the flow log may
// exist. Err is never nil in an OperationError the client returns.
type OperationError = core.OperationError

// ErrOutcomeUnknown is wrapped by every error after which the flow log may
// or may not exist. CreateFlowlog resends such failures with the same
// ClientToken; when the attempts run out, the error wraps ErrOutcomeUnknown
// and OperationError.ClientToken holds the token to resend with.
var ErrOutcomeUnknown = core.ErrOutcomeUnknown

// product is the CEN API (product code Cbn): version 2017-09-12, one
// central endpoint for every region.
var product = &core.Product{
	Version:    "2017-09-12",
	PublicHost: "cbn.aliyuncs.com",
	VPCHost:    "cen.vpc-proxy.aliyuncs.com",
}

// Client creates CEN flow logs. It is safe for concurrent use. The zero
// value is not usable: make one with New.
type Client struct {
	core *core.Client
}

// New returns a Client for opts. It rejects options it cannot work with (no
// region, an endpoint that is not an absolute http(s) URL, an unknown
// Network, ResponseFormat or SignatureAlgorithm); it reads no credential and
// sends nothing.
func New(opts Options) (*Client, error) {
	c, err := core.New(product, opts)
	if err != nil {
		return nil, err
	}
	return &Client{core: c}, nil
}

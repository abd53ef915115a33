package cbn

import (
	"context"
	"strings"
	"time"

	"github.com/flowlog-go/flowlog/internal/core"
)

// CreateFlowLogInput is the request of CreateFlowlog. The zero value is not
// valid: the required fields must be set.
type CreateFlowLogInput struct {
	// CenID is the ID of the CEN instance, such as "cen-7qthudw0ll6jmc****".
	//
	// This member is required.
	CenID string

	// RegionID is the region of the flow log, such as "cn-hangzhou". Empty
	// uses the client's region.
	RegionID string

	// ProjectName is the Log Service project that stores the captured
	// traffic: 3-63 characters of lower-case letters, digits and '-',
	// starting and ending with a letter or digit.
	//
	// This member is required.
	ProjectName string

	// LogStoreName is the Logstore that stores the captured traffic: 3-63
	// characters of lower-case letters, digits, '-' and '_', starting and
	// ending with a letter or digit.
	//
	// This member is required.
	LogStoreName string

	// FlowLogName names the flow log: 2-128 characters, starting with a
	// letter or a Chinese character, of letters, Chinese characters, digits,
	// '.', '_' and '-'. Empty sends none.
	FlowLogName string

	// Description describes the flow log: 2-256 characters, starting with a
	// letter or a Chinese character, not with http:// or https://. Empty
	// sends none.
	Description string

	// ClientToken makes the request idempotent: printable ASCII, at most 64
	// characters, unique per flow log to create. Empty: the client makes one
	// per call, sends it on every attempt and returns it in the output and
	// in an *OperationError.
	ClientToken string

	// TransitRouterID is the Enterprise Edition transit router whose traffic
	// is captured. Empty sends none.
	TransitRouterID string

	// TransitRouterAttachmentID is the transit router attachment to capture.
	// Empty captures the whole transit router.
	TransitRouterAttachmentID string

	// Interval is the window over which traffic is aggregated: 60 or 600
	// seconds. Zero sends none (the service uses 600 seconds).
	Interval time.Duration

	// LogFormatString lists the fields each log entry holds, as
	// "${field}${field}...", starting with "${srcaddr}${dstaddr}${bytes}".
	// Empty sends none (the service's default fields).
	LogFormatString string

	// Tags are attached to the flow log: at most 20, keys 1-64 characters
	// and distinct. Nil sends none.
	Tags []Tag
}

// CreateFlowLogOutput is the response of CreateFlowlog. The flow log is
// created asynchronously: it is Creating, then Active. CreateFlowLog returns
// either an output with every field the service sent or an error, never a
// zero output.
type CreateFlowLogOutput struct {
	// RequestID identifies the request to Alibaba Cloud support.
	RequestID string
	// FlowLogID is the ID of the new flow log, such as "flowlog-m5evbtbpt****".
	FlowLogID string
	// Success is the service's Success flag; true when it sent none.
	Success bool
	// ClientToken is the idempotency token that was sent: the caller's, or
	// the one the client made.
	ClientToken string
}

// createFlowLog is the CreateFlowlog operation (lower-case l on the wire),
// which takes a ClientToken.
var createFlowLog = &core.Operation{Product: product, Action: "CreateFlowlog", ClientToken: true}

// CreateFlowLog creates a flow log that captures the traffic of a CEN
// instance, or of one transit router or attachment, into a Log Service
// Logstore. It sends the action CreateFlowlog.
//
// An invalid input returns a *ValidationError listing every broken rule,
// before credentials are read or anything is sent. Other failures return an
// *OperationError wrapping the cause: an *APIError for the service's
// refusal, ctx.Err() for a cancelled or expired context. Every attempt of
// one call carries the same ClientToken, so throttling, busy refusals and
// failures after which the flow log may exist are all retried without
// creating twice; when attempts run out on the latter, the error wraps
// ErrOutcomeUnknown and carries the token. optFns change a copy of the
// client's options for this call only.
func (c *Client) CreateFlowLog(ctx context.Context, in *CreateFlowLogInput, optFns ...func(*Options)) (*CreateFlowLogOutput, error) {
	if in == nil {
		return nil, core.NilInput(createFlowLog.Action)
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	req := core.Request{Params: in.params(), RegionID: in.RegionID, ClientToken: in.ClientToken}
	res, token, err := c.core.Do(ctx, createFlowLog, req, optFns)
	if err != nil {
		return nil, err
	}
	return &CreateFlowLogOutput{
		RequestID:   res.RequestID,
		FlowLogID:   res.FlowLogID,
		Success:     res.Success,
		ClientToken: token,
	}, nil
}

// textRules: CEN names and descriptions may start with a Chinese character.
var textRules = core.TextRules{Han: true}

// logFormatPrefix is how every LogFormatString must begin.
const logFormatPrefix = "${srcaddr}${dstaddr}${bytes}"

// validate checks every rule of the seed and the service.
func (in *CreateFlowLogInput) validate() error {
	var v core.Validator
	if v.Required("CenID", in.CenID) {
		v.ID("CenID", in.CenID)
	}
	v.Region("RegionID", in.RegionID)
	v.SLSProject("ProjectName", in.ProjectName)
	v.SLSLogstore("LogStoreName", in.LogStoreName)
	textRules.Name(&v, "FlowLogName", in.FlowLogName)
	textRules.Description(&v, "Description", in.Description)
	v.ClientToken("ClientToken", in.ClientToken)
	v.ID("TransitRouterID", in.TransitRouterID)
	v.ID("TransitRouterAttachmentID", in.TransitRouterAttachmentID)
	v.Duration("Interval", in.Interval, time.Minute, 10*time.Minute)
	if in.LogFormatString != "" && !validLogFormat(in.LogFormatString) {
		v.Add("LogFormatString", "must be ${field} items only, starting with "+logFormatPrefix)
	}
	v.Tags("Tags", in.Tags, 64)
	return v.Err(createFlowLog.Action)
}

// validLogFormat reports whether s is a sequence of ${field} items (field:
// letters, digits and '-' or '_') beginning with logFormatPrefix.
func validLogFormat(s string) bool {
	if !strings.HasPrefix(s, logFormatPrefix) {
		return false
	}
	for s != "" {
		if !strings.HasPrefix(s, "${") {
			return false
		}
		end := strings.IndexByte(s, '}')
		if end < 3 {
			return false
		}
		for _, c := range s[2:end] {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
				return false
			}
		}
		s = s[end+1:]
	}
	return true
}

// params returns the wire parameters of the input, ClientToken aside.
func (in *CreateFlowLogInput) params() core.Params {
	p := core.NewParams(11 + 2*len(in.Tags))
	p["CenId"] = in.CenID
	p["ProjectName"] = in.ProjectName
	p["LogStoreName"] = in.LogStoreName
	p.Set("FlowLogName", in.FlowLogName)
	p.Set("Description", in.Description)
	p.Set("TransitRouterId", in.TransitRouterID)
	p.Set("TransitRouterAttachmentId", in.TransitRouterAttachmentID)
	p.Set("LogFormatString", in.LogFormatString)
	p.SetDuration("Interval", in.Interval, time.Second)
	p.SetTags(in.Tags)
	return p
}

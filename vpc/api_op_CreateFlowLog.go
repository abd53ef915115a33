package vpc

import (
	"context"
	"strconv"
	"time"

	"github.com/flowlog-go/flowlog/internal/core"
)

// ResourceType is the kind of resource whose traffic a flow log captures.
// The zero value is not valid: CreateFlowLogInput requires one of the
// constants.
type ResourceType string

// Values of ResourceType.
const (
	// ResourceTypeNetworkInterface captures one elastic network interface.
	ResourceTypeNetworkInterface ResourceType = "NetworkInterface"
	// ResourceTypeVSwitch captures every ENI in a vSwitch.
	ResourceTypeVSwitch ResourceType = "VSwitch"
	// ResourceTypeVPC captures every ENI in a VPC.
	ResourceTypeVPC ResourceType = "VPC"
)

// Values returns every known ResourceType, in documentation order.
func (ResourceType) Values() []ResourceType {
	return []ResourceType{ResourceTypeNetworkInterface, ResourceTypeVSwitch, ResourceTypeVPC}
}

// TrafficType is the traffic a flow log captures. The service matches it
// case-insensitively; it is sent as given. The zero value is not valid:
// CreateFlowLogInput requires one.
type TrafficType string

// Values of TrafficType.
const (
	// TrafficTypeAll captures all traffic.
	TrafficTypeAll TrafficType = "All"
	// TrafficTypeAllow captures traffic that access control permits.
	TrafficTypeAllow TrafficType = "Allow"
	// TrafficTypeDrop captures traffic that access control denies.
	TrafficTypeDrop TrafficType = "Drop"
)

// Values returns every known TrafficType, in documentation order.
func (TrafficType) Values() []TrafficType {
	return []TrafficType{TrafficTypeAll, TrafficTypeAllow, TrafficTypeDrop}
}

// TrafficPath is a path of traffic to capture, a feature the service enables
// per account. The zero value is not valid in CreateFlowLogInput.TrafficPath.
type TrafficPath string

// Values of TrafficPath.
const (
	// TrafficPathAll captures every path.
	TrafficPathAll TrafficPath = "all"
	// TrafficPathInternetGateway captures traffic through the internet
	// gateway.
	TrafficPathInternetGateway TrafficPath = "internetGateway"
)

// Values returns every known TrafficPath, in documentation order.
func (TrafficPath) Values() []TrafficPath {
	return []TrafficPath{TrafficPathAll, TrafficPathInternetGateway}
}

// CreateFlowLogInput is the request of CreateFlowLog. The zero value is not
// valid: the required fields must be set.
type CreateFlowLogInput struct {
	// RegionID is the region of the flow log, such as "cn-qingdao". Empty
	// uses the client's region; another region also selects that region's
	// endpoint unless Options.Endpoint is set.
	RegionID string

	// ResourceType is the kind of resource in ResourceID.
	//
	// This member is required.
	ResourceType ResourceType

	// ResourceID is the ID of the ENI, vSwitch or VPC whose traffic is
	// captured, such as "eni-askldfasxxxxxxxx".
	//
	// This member is required.
	ResourceID string

	// TrafficType is the traffic to capture.
	//
	// This member is required.
	TrafficType TrafficType

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
	// letter, of letters, digits, '.', '_' and '-'. Empty sends none.
	FlowLogName string

	// Description describes the flow log: 2-256 characters, starting with a
	// letter, not with http:// or https://. Empty sends none.
	Description string

	// ResourceGroupID is the resource group of the flow log. Empty: the
	// account's default group.
	ResourceGroupID string

	// Tags are attached to the flow log: at most 20, keys 1-128 characters
	// and distinct. Nil sends none.
	Tags []Tag

	// TrafficPath lists the paths of traffic to capture. Nil sends none.
	TrafficPath []TrafficPath

	// AggregationInterval is the window over which traffic is aggregated:
	// 1, 5 or 10 minutes. Zero sends none (the service uses 10 minutes).
	AggregationInterval time.Duration

	// IPVersion is the IP version of the captured traffic, such as "IPv4".
	// Empty sends none.
	IPVersion string
}

// CreateFlowLogOutput is the response of CreateFlowLog. The flow log is
// created asynchronously: it is Activating, then Active. CreateFlowLog
// returns either an output with every field the service sent or an error,
// never a zero output.
type CreateFlowLogOutput struct {
	// RequestID identifies the request to Alibaba Cloud support.
	RequestID string
	// FlowLogID is the ID of the new flow log, such as "fl-m5e8vhz2t21sel1nq****".
	FlowLogID string
	// ResourceGroupID is the resource group of the flow log, if returned.
	ResourceGroupID string
	// Success is the service's Success flag; true when it sent none.
	Success bool
}

// createFlowLog is the CreateFlowLog operation: no ClientToken.
var createFlowLog = &core.Operation{Product: product, Action: "CreateFlowLog"}

// CreateFlowLog creates a flow log that captures the traffic of an ENI, a
// vSwitch or a VPC into a Log Service Logstore.
//
// An invalid input returns a *ValidationError listing every broken rule,
// before credentials are read or anything is sent. Other failures return an
// *OperationError wrapping the cause: an *APIError for the service's
// refusal, ctx.Err() for a cancelled or expired context. Throttling and busy
// refusals are retried; failures after which the flow log may exist are not,
// since this API has no ClientToken: they wrap ErrOutcomeUnknown.
// optFns change a copy of the client's options for this call only.
func (c *Client) CreateFlowLog(ctx context.Context, in *CreateFlowLogInput, optFns ...func(*Options)) (*CreateFlowLogOutput, error) {
	if in == nil {
		return nil, core.NilInput(createFlowLog.Action)
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	res, _, err := c.core.Do(ctx, createFlowLog, core.Request{Params: in.params(), RegionID: in.RegionID}, optFns)
	if err != nil {
		return nil, err
	}
	return &CreateFlowLogOutput{
		RequestID:       res.RequestID,
		FlowLogID:       res.FlowLogID,
		ResourceGroupID: res.ResourceGroupID,
		Success:         res.Success,
	}, nil
}

// textRules: VPC names and descriptions start with an ASCII letter.
var textRules = core.TextRules{}

// validate checks every rule of the seed and the service.
func (in *CreateFlowLogInput) validate() error {
	var v core.Validator
	v.Region("RegionID", in.RegionID)
	if v.Required("ResourceType", string(in.ResourceType)) {
		v.OneOf("ResourceType", string(in.ResourceType), false,
			string(ResourceTypeNetworkInterface), string(ResourceTypeVSwitch), string(ResourceTypeVPC))
	}
	if v.Required("ResourceID", in.ResourceID) {
		v.ID("ResourceID", in.ResourceID)
	}
	if v.Required("TrafficType", string(in.TrafficType)) {
		v.OneOf("TrafficType", string(in.TrafficType), true,
			string(TrafficTypeAll), string(TrafficTypeAllow), string(TrafficTypeDrop))
	}
	v.SLSProject("ProjectName", in.ProjectName)
	v.SLSLogstore("LogStoreName", in.LogStoreName)
	textRules.Name(&v, "FlowLogName", in.FlowLogName)
	textRules.Description(&v, "Description", in.Description)
	v.ID("ResourceGroupID", in.ResourceGroupID)
	v.Tags("Tags", in.Tags, 128)
	for i, p := range in.TrafficPath {
		v.OneOf("TrafficPath["+strconv.Itoa(i)+"]", string(p), false, string(TrafficPathAll), string(TrafficPathInternetGateway))
	}
	v.Duration("AggregationInterval", in.AggregationInterval, time.Minute, 5*time.Minute, 10*time.Minute)
	v.ID("IPVersion", in.IPVersion)
	return v.Err(createFlowLog.Action)
}

// params returns the wire parameters of the input.
func (in *CreateFlowLogInput) params() core.Params {
	p := core.NewParams(12 + 2*len(in.Tags) + len(in.TrafficPath))
	p["ResourceType"] = string(in.ResourceType)
	p["ResourceId"] = in.ResourceID
	p["TrafficType"] = string(in.TrafficType)
	p["ProjectName"] = in.ProjectName
	p["LogStoreName"] = in.LogStoreName
	p.Set("FlowLogName", in.FlowLogName)
	p.Set("Description", in.Description)
	p.Set("ResourceGroupId", in.ResourceGroupID)
	p.Set("IpVersion", in.IPVersion)
	p.SetTags(in.Tags)
	core.SetList(p, "TrafficPath", in.TrafficPath)
	p.SetDuration("AggregationInterval", in.AggregationInterval, time.Minute)
	return p
}

package vpc

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/internal/core"
)

// validInput returns an input with every required field set.
func validInput() *CreateFlowLogInput {
	return &CreateFlowLogInput{
		ResourceType: ResourceTypeNetworkInterface,
		ResourceID:   "eni-askldfasxxxxxxxx",
		TrafficType:  TrafficTypeAll,
		ProjectName:  "flowlogproject",
		LogStoreName: "flowlogstore",
	}
}

func TestParamsFullInput(t *testing.T) {
	t.Parallel()
	in := &CreateFlowLogInput{
		RegionID:            "cn-beijing",
		ResourceType:        ResourceTypeVSwitch,
		ResourceID:          "vsw-1",
		TrafficType:         "all",
		ProjectName:         "flowlogproject",
		LogStoreName:        "flowlog_store",
		FlowLogName:         "myFlowlog",
		Description:         "This is my Flowlog. 流日志",
		ResourceGroupID:     "rg-acfmxazb4ph6aiy",
		Tags:                []Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: ""}},
		TrafficPath:         []TrafficPath{TrafficPathAll, TrafficPathInternetGateway},
		AggregationInterval: 5 * time.Minute,
		IPVersion:           "IPv4",
	}
	require.NoError(t, in.validate())
	assert.Equal(t, core.Params{
		"ResourceType":        "VSwitch",
		"ResourceId":          "vsw-1",
		"TrafficType":         "all",
		"ProjectName":         "flowlogproject",
		"LogStoreName":        "flowlog_store",
		"FlowLogName":         "myFlowlog",
		"Description":         "This is my Flowlog. 流日志",
		"ResourceGroupId":     "rg-acfmxazb4ph6aiy",
		"Tag.1.Key":           "env",
		"Tag.1.Value":         "prod",
		"Tag.2.Key":           "team",
		"Tag.2.Value":         "",
		"TrafficPath.1":       "all",
		"TrafficPath.2":       "internetGateway",
		"AggregationInterval": "5",
		"IpVersion":           "IPv4",
	}, in.params(), "RegionId and the common parameters are added by the core")
}

func TestParamsMinimalInputSendsNoOptional(t *testing.T) {
	t.Parallel()
	assert.Equal(t, core.Params{
		"ResourceType": "NetworkInterface",
		"ResourceId":   "eni-askldfasxxxxxxxx",
		"TrafficType":  "All",
		"ProjectName":  "flowlogproject",
		"LogStoreName": "flowlogstore",
	}, validInput().params())
}

func TestValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(in *CreateFlowLogInput)
		want   []FieldError // nil: valid
	}{
		{"minimal", func(*CreateFlowLogInput) {}, nil},
		{"traffic type in the seed's lower case", func(in *CreateFlowLogInput) { in.TrafficType = "all" }, nil},
		{"every resource type", func(in *CreateFlowLogInput) { in.ResourceType = ResourceTypeVPC }, nil},
		{"aggregation 1 minute", func(in *CreateFlowLogInput) { in.AggregationInterval = time.Minute }, nil},
		{"aggregation 10 minutes", func(in *CreateFlowLogInput) { in.AggregationInterval = 10 * time.Minute }, nil},
		{"other IP version passes", func(in *CreateFlowLogInput) { in.IPVersion = "IPv6" }, nil},
		{"region override", func(in *CreateFlowLogInput) { in.RegionID = "cn-shanghai" }, nil},

		{"resource type missing", func(in *CreateFlowLogInput) { in.ResourceType = "" },
			[]FieldError{{Field: "ResourceType", Reason: "is required"}}},
		{"resource type unknown", func(in *CreateFlowLogInput) { in.ResourceType = "Subnet" },
			[]FieldError{{Field: "ResourceType", Reason: "must be one of NetworkInterface, VSwitch, VPC"}}},
		{"resource type wrong case", func(in *CreateFlowLogInput) { in.ResourceType = "vpc" },
			[]FieldError{{Field: "ResourceType", Reason: "must be one of NetworkInterface, VSwitch, VPC"}}},
		{"resource id missing", func(in *CreateFlowLogInput) { in.ResourceID = "" },
			[]FieldError{{Field: "ResourceID", Reason: "is required"}}},
		{"resource id with a space", func(in *CreateFlowLogInput) { in.ResourceID = "eni 1" },
			[]FieldError{{Field: "ResourceID", Reason: "must be at most 128 printable ASCII characters without spaces"}}},
		{"traffic type missing", func(in *CreateFlowLogInput) { in.TrafficType = "" },
			[]FieldError{{Field: "TrafficType", Reason: "is required"}}},
		{"traffic type unknown", func(in *CreateFlowLogInput) { in.TrafficType = "Some" },
			[]FieldError{{Field: "TrafficType", Reason: "must be one of All, Allow, Drop"}}},
		{"project missing", func(in *CreateFlowLogInput) { in.ProjectName = "" },
			[]FieldError{{Field: "ProjectName", Reason: "is required"}}},
		{"project in the seed's mixed case", func(in *CreateFlowLogInput) { in.ProjectName = "FlowLogProject" },
			[]FieldError{{Field: "ProjectName", Reason: "must be 3-63 characters of lower-case letters, digits and '-', starting and ending with a letter or digit"}}},
		{"logstore missing", func(in *CreateFlowLogInput) { in.LogStoreName = "" },
			[]FieldError{{Field: "LogStoreName", Reason: "is required"}}},
		{"name too short", func(in *CreateFlowLogInput) { in.FlowLogName = "a" },
			[]FieldError{{Field: "FlowLogName", Reason: "must be 2-128 characters and start with a letter; letters, digits, '.', '_' and '-' only"}}},
		{"name starts with a Chinese character", func(in *CreateFlowLogInput) { in.FlowLogName = "流日志" },
			[]FieldError{{Field: "FlowLogName", Reason: "must be 2-128 characters and start with a letter; letters, digits, '.', '_' and '-' only"}}},
		{"description is a URL", func(in *CreateFlowLogInput) { in.Description = "https://example.com" },
			[]FieldError{{Field: "Description", Reason: "must be 2-256 characters, start with a letter and not start with http:// or https://"}}},
		{"resource group with a space", func(in *CreateFlowLogInput) { in.ResourceGroupID = "rg 1" },
			[]FieldError{{Field: "ResourceGroupID", Reason: "must be at most 128 printable ASCII characters without spaces"}}},
		{"tag key too long", func(in *CreateFlowLogInput) { in.Tags = []Tag{{Key: strings.Repeat("k", 129)}} },
			[]FieldError{{Field: "Tags[0].Key", Reason: "must be at most 128 characters"}}},
		{"tag key at 128", func(in *CreateFlowLogInput) { in.Tags = []Tag{{Key: strings.Repeat("k", 128)}} }, nil},
		{"traffic path unknown", func(in *CreateFlowLogInput) { in.TrafficPath = []TrafficPath{"all", "vpn"} },
			[]FieldError{{Field: "TrafficPath[1]", Reason: "must be one of all, internetGateway"}}},
		{"aggregation 2 minutes", func(in *CreateFlowLogInput) { in.AggregationInterval = 2 * time.Minute },
			[]FieldError{{Field: "AggregationInterval", Reason: "must be one of 1m0s, 5m0s, 10m0s"}}},
		{"aggregation in seconds by mistake", func(in *CreateFlowLogInput) { in.AggregationInterval = 10 },
			[]FieldError{{Field: "AggregationInterval", Reason: "must be one of 1m0s, 5m0s, 10m0s"}}},
		{"bad region", func(in *CreateFlowLogInput) { in.RegionID = "CN_QINGDAO" },
			[]FieldError{{Field: "RegionID", Reason: "must be a region id such as cn-qingdao: lower-case letters, digits and '-'"}}},
		{"everything wrong at once", func(in *CreateFlowLogInput) { *in = CreateFlowLogInput{FlowLogName: "1"} },
			[]FieldError{
				{Field: "ResourceType", Reason: "is required"}, {Field: "ResourceID", Reason: "is required"}, {Field: "TrafficType", Reason: "is required"},
				{Field: "ProjectName", Reason: "is required"}, {Field: "LogStoreName", Reason: "is required"},
				{Field: "FlowLogName", Reason: "must be 2-128 characters and start with a letter; letters, digits, '.', '_' and '-' only"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := validInput()
			tt.mutate(in)
			err := in.validate()
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "CreateFlowLog", ve.Operation)
			assert.Equal(t, tt.want, ve.Fields)
			for _, f := range tt.want {
				assert.Contains(t, err.Error(), f.Field+": "+f.Reason)
			}
		})
	}
}

func TestCreateFlowLogRejectsBeforeAnyWork(t *testing.T) {
	t.Parallel()
	// No endpoint is reachable and no credential exists: a validation error
	// must come back before either is needed.
	c, err := New(Options{RegionID: "cn-qingdao", Endpoint: "http://127.0.0.1:1", Credential: core.StaticCredential("", "", "")})
	require.NoError(t, err)
	for _, in := range []*CreateFlowLogInput{nil, {}} {
		_, err := c.CreateFlowLog(context.Background(), in)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		var opErr *OperationError
		assert.False(t, errors.As(err, &opErr))
	}
}

func TestEnumValues(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []ResourceType{"NetworkInterface", "VSwitch", "VPC"}, ResourceType("").Values())
	assert.Equal(t, []TrafficType{"All", "Allow", "Drop"}, TrafficType("").Values())
	assert.Equal(t, []TrafficPath{"all", "internetGateway"}, TrafficPath("").Values())
}

func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()
	for _, o := range []Options{{}, {RegionID: "cn-qingdao", Endpoint: "localhost:80"}, {RegionID: "cn-qingdao", Network: "x"}, {RegionID: "cn-qingdao", ResponseFormat: "csv"}} {
		c, err := New(o)
		assert.Error(t, err, "%+v", o)
		assert.Nil(t, c)
	}
}

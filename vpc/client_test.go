package vpc_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/vpc"
	"github.com/flowlog-go/flowlog/vpc/vpctest"
)

func fullInput() *vpc.CreateFlowLogInput {
	return &vpc.CreateFlowLogInput{
		ResourceType:        vpc.ResourceTypeVSwitch,
		ResourceID:          "vsw-bp1nhbnpv2blyz8dl****",
		TrafficType:         "all",
		ProjectName:         "flowlogproject",
		LogStoreName:        "flowlog_store",
		FlowLogName:         "myFlowlog",
		Description:         "This is my Flowlog: 流日志 a+b*c~d 😀",
		ResourceGroupID:     "rg-acfmxazb4ph6aiy",
		Tags:                []vpc.Tag{{Key: "env", Value: "prod"}, {Key: "owner", Value: ""}},
		TrafficPath:         []vpc.TrafficPath{vpc.TrafficPathAll, vpc.TrafficPathInternetGateway},
		AggregationInterval: 10 * time.Minute,
		IPVersion:           "IPv4",
	}
}

func TestCreateFlowLogEndToEnd(t *testing.T) {
	t.Parallel()
	for _, alg := range []string{"HMAC-SHA1", "ACS3-HMAC-SHA256"} {
		for _, format := range []string{"JSON", "XML"} {
			t.Run(alg+"/"+format, func(t *testing.T) {
				t.Parallel()
				srv := vpctest.NewServer()
				defer srv.Close()
				opts := srv.Options()
				opts.ResponseFormat = format
				opts.SignatureAlgorithm = alg
				c, err := vpc.New(opts)
				require.NoError(t, err)

				out, err := c.CreateFlowLog(context.Background(), fullInput())
				require.NoError(t, err)

				logs := srv.FlowLogs()
				require.Len(t, logs, 1)
				assert.Equal(t, logs[0].ID, out.FlowLogID)
				assert.Equal(t, logs[0].RequestID, out.RequestID)
				assert.Equal(t, "rg-acfmxazb4ph6aiy", out.ResourceGroupID)
				assert.True(t, out.Success)
				assert.Equal(t, map[string]string{
					"RegionId":            "cn-qingdao",
					"ResourceType":        "VSwitch",
					"ResourceId":          "vsw-bp1nhbnpv2blyz8dl****",
					"TrafficType":         "all",
					"ProjectName":         "flowlogproject",
					"LogStoreName":        "flowlog_store",
					"FlowLogName":         "myFlowlog",
					"Description":         "This is my Flowlog: 流日志 a+b*c~d 😀",
					"ResourceGroupId":     "rg-acfmxazb4ph6aiy",
					"Tag.1.Key":           "env",
					"Tag.1.Value":         "prod",
					"Tag.2.Key":           "owner",
					"Tag.2.Value":         "",
					"TrafficPath.1":       "all",
					"TrafficPath.2":       "internetGateway",
					"AggregationInterval": "10",
					"IpVersion":           "IPv4",
				}, logs[0].Params)

				reqs := srv.Requests()
				require.Len(t, reqs, 1)
				assert.Equal(t, "POST", reqs[0].Method)
				assert.Equal(t, "CreateFlowLog", reqs[0].Action)
				assert.Equal(t, format, reqs[0].Format)
				assert.Equal(t, "2016-04-28", reqs[0].Params["Version"]+reqs[0].Header.Get("X-Acs-Version"))
				assert.Equal(t, alg, reqs[0].Signature)
				assert.Contains(t, reqs[0].UserAgent, "flowlog-go/")
			})
		}
	}
}

func TestCreateFlowLogRegionOverride(t *testing.T) {
	t.Parallel()
	srv := vpctest.NewServer()
	defer srv.Close()
	c, err := vpc.New(srv.Options())
	require.NoError(t, err)
	in := fullInput()
	in.RegionID = "cn-beijing"
	_, err = c.CreateFlowLog(context.Background(), in)
	require.NoError(t, err)
	assert.Equal(t, "cn-beijing", srv.FlowLogs()[0].Params["RegionId"], "the endpoint stays the one set in Options")
}

func TestCreateFlowLogServiceErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		fault   vpctest.Fault
		status  int
		code    string
		unknown bool
	}{
		{"503", vpctest.ServiceUnavailable, 503, vpc.CodeServiceUnavailable, true},
		{"500", vpctest.InternalError, 500, vpc.CodeInternalError, true},
		{"HTML 502", vpctest.HTMLBadGateway, 502, "", true},
		{"empty 503", vpctest.EmptyBody, 503, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := vpctest.NewServer()
			defer srv.Close()
			c, err := vpc.New(srv.Options())
			require.NoError(t, err)
			srv.Fail(1, tt.fault)
			_, err = c.CreateFlowLog(context.Background(), fullInput())
			var apiErr *vpc.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.HTTPStatus)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.Equal(t, tt.unknown, errors.Is(err, vpc.ErrOutcomeUnknown))
			if tt.code != "" {
				assert.Equal(t, srv.Requests()[0].RequestID, apiErr.RequestID)
			}
			assert.Len(t, srv.Requests(), 1, "VPC has no ClientToken: never resent")
			assert.Empty(t, srv.FlowLogs())
		})
	}
}

func TestCreateFlowLogWrongCredential(t *testing.T) {
	t.Parallel()
	srv := vpctest.NewServer()
	defer srv.Close()
	opts := srv.Options()
	cred := srv.Credentials()
	c, err := vpc.New(opts)
	require.NoError(t, err)
	_, err = c.CreateFlowLog(context.Background(), fullInput(), func(o *vpc.Options) {
		o.Credential = wrongSecret(cred.AccessKeyID)
	})
	var apiErr *vpc.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, vpc.CodeSignatureDoesNotMatch, apiErr.Code)
	assert.NotContains(t, err.Error(), "AccessKeyId%253D", "the echoed string to sign is removed")
	assert.Len(t, srv.Requests(), 1)
}

package cbn_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/cbn"
	"github.com/flowlog-go/flowlog/cbn/cbntest"
)

func fullInput() *cbn.CreateFlowLogInput {
	return &cbn.CreateFlowLogInput{
		CenID:                     "cen-7qthudw0ll6jmc****",
		ProjectName:               "flowlogproject",
		LogStoreName:              "flowlogstore",
		FlowLogName:               "流日志-prod",
		Description:               "中文 description a+b*c~d",
		TransitRouterID:           "tr-bp1rmwxnk221e3fas****",
		TransitRouterAttachmentID: "tr-attach-r6g0m3epjehw57****",
		Interval:                  10 * time.Minute,
		LogFormatString:           "${srcaddr}${dstaddr}${bytes}${packets}",
		Tags:                      []cbn.Tag{{Key: "env", Value: "prod"}, {Key: "owner"}},
	}
}

func TestCreateFlowLogEndToEnd(t *testing.T) {
	t.Parallel()
	for _, alg := range []string{"HMAC-SHA1", "ACS3-HMAC-SHA256"} {
		for _, format := range []string{"JSON", "XML"} {
			t.Run(alg+"/"+format, func(t *testing.T) {
				t.Parallel()
				srv := cbntest.NewServer()
				defer srv.Close()
				opts := srv.Options()
				opts.ResponseFormat = format
				opts.SignatureAlgorithm = alg
				c, err := cbn.New(opts)
				require.NoError(t, err)

				out, err := c.CreateFlowLog(context.Background(), fullInput())
				require.NoError(t, err)
				assert.Regexp(t, `^[0-9a-f-]{36}$`, out.ClientToken, "a token is made when the caller gives none")

				logs := srv.FlowLogs()
				require.Len(t, logs, 1)
				assert.Equal(t, logs[0].ID, out.FlowLogID)
				assert.Equal(t, logs[0].RequestID, out.RequestID)
				assert.True(t, out.Success)
				assert.Equal(t, map[string]string{
					"RegionId":                  "cn-hangzhou",
					"CenId":                     "cen-7qthudw0ll6jmc****",
					"ProjectName":               "flowlogproject",
					"LogStoreName":              "flowlogstore",
					"FlowLogName":               "流日志-prod",
					"Description":               "中文 description a+b*c~d",
					"ClientToken":               out.ClientToken,
					"TransitRouterId":           "tr-bp1rmwxnk221e3fas****",
					"TransitRouterAttachmentId": "tr-attach-r6g0m3epjehw57****",
					"Interval":                  "600",
					"LogFormatString":           "${srcaddr}${dstaddr}${bytes}${packets}",
					"Tag.1.Key":                 "env",
					"Tag.1.Value":               "prod",
					"Tag.2.Key":                 "owner",
					"Tag.2.Value":               "",
				}, logs[0].Params)
				reqs := srv.Requests()
				require.Len(t, reqs, 1)
				assert.Equal(t, "CreateFlowlog", reqs[0].Action)
				assert.Equal(t, "2017-09-12", reqs[0].Params["Version"]+reqs[0].Header.Get("X-Acs-Version"))
				assert.Equal(t, alg, reqs[0].Signature)
			})
		}
	}
}

func TestCreateFlowLogCallerToken(t *testing.T) {
	t.Parallel()
	srv := cbntest.NewServer()
	defer srv.Close()
	c, err := cbn.New(srv.Options())
	require.NoError(t, err)
	in := fullInput()
	in.ClientToken = "caller-token-42"

	first, err := c.CreateFlowLog(context.Background(), in)
	require.NoError(t, err)
	assert.Equal(t, "caller-token-42", first.ClientToken)
	second, err := c.CreateFlowLog(context.Background(), in)
	require.NoError(t, err)
	assert.Equal(t, first.FlowLogID, second.FlowLogID, "the same token creates once")
	assert.Len(t, srv.FlowLogs(), 1)

	in.Description = "changed parameters"
	_, err = c.CreateFlowLog(context.Background(), in)
	var apiErr *cbn.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, cbn.CodeIdempotentParameterMismatch, apiErr.Code)
}

func TestCreateFlowLogAmbiguousFailuresAreResentWithTheToken(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault cbntest.Fault
	}{
		{"503", cbntest.ServiceUnavailable},
		{"500", cbntest.InternalError},
		{"reset after commit", cbntest.ResetAfterCommit},
		{"reset before commit", cbntest.ResetBeforeCommit},
		{"truncated body", cbntest.TruncatedBody},
		{"HTML 502", cbntest.HTMLBadGateway},
		{"throttling", cbntest.Throttling},
		{"busy", cbntest.Busy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := cbntest.NewServer()
			defer srv.Close()
			c, err := cbn.New(srv.Options())
			require.NoError(t, err)
			srv.Fail(1, tt.fault)
			out, err := c.CreateFlowLog(context.Background(), fullInput())
			require.NoError(t, err)
			assert.Len(t, srv.FlowLogs(), 1, "created exactly once")
			assert.Equal(t, srv.FlowLogs()[0].ID, out.FlowLogID)
			reqs := srv.Requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, out.ClientToken, reqs[0].Params["ClientToken"])
			assert.Equal(t, out.ClientToken, reqs[1].Params["ClientToken"])
		})
	}
}

func TestCreateFlowLogAttemptsRunOut(t *testing.T) {
	t.Parallel()
	srv := cbntest.NewServer()
	defer srv.Close()
	c, err := cbn.New(srv.Options())
	require.NoError(t, err)
	srv.Fail(3, cbntest.ServiceUnavailable)
	_, err = c.CreateFlowLog(context.Background(), fullInput())
	require.ErrorIs(t, err, cbn.ErrOutcomeUnknown)
	var opErr *cbn.OperationError
	require.ErrorAs(t, err, &opErr)
	assert.Equal(t, 3, opErr.Attempts)
	assert.Equal(t, srv.Requests()[0].Params["ClientToken"], opErr.ClientToken)
	assert.Contains(t, err.Error(), "resend with ClientToken "+opErr.ClientToken)
	var apiErr *cbn.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.HTTPStatus)
	assert.Equal(t, srv.Requests()[2].RequestID, apiErr.RequestID)
	assert.False(t, errors.Is(err, context.Canceled))
}

package cbn_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/cbn"
	"github.com/flowlog-go/flowlog/cbn/cbntest"
)

// FuzzCreateFlowLogInput puts arbitrary strings in every field: validation
// never panics, and an input it accepts is accepted by the emulator's
// server-side validation too.
func FuzzCreateFlowLogInput(f *testing.F) {
	f.Add("cen-7qthudw0ll6jmc****", "flowlogproject", "flowlogstore", "流日志", "中文 description", "token-1", "tr-1", "tr-attach-1", "${srcaddr}${dstaddr}${bytes}", "env", "prod", int64(60))
	f.Add("cen 1", "A", "b_", "1a", "http://x", "令牌", "tr 1", "", "${dstaddr}", "acs:x", "", int64(5))
	f.Add("", "", "", "", "", "", "", "", "", "", "", int64(600))
	srv := cbntest.NewServer()
	defer srv.Close()
	c, err := cbn.New(srv.Options())
	require.NoError(f, err)

	f.Fuzz(func(t *testing.T, cenID, project, logstore, name, description, token, router, attachment, format, tagKey, tagValue string, seconds int64) {
		in := &cbn.CreateFlowLogInput{
			CenID:                     cenID,
			ProjectName:               project,
			LogStoreName:              logstore,
			FlowLogName:               name,
			Description:               description,
			ClientToken:               token,
			TransitRouterID:           router,
			TransitRouterAttachmentID: attachment,
			LogFormatString:           format,
			Interval:                  time.Duration(seconds) * time.Second,
		}
		if tagKey != "" || tagValue != "" {
			in.Tags = []cbn.Tag{{Key: tagKey, Value: tagValue}}
		}
		out, err := c.CreateFlowLog(context.Background(), in)
		var ve *cbn.ValidationError
		if errors.As(err, &ve) {
			require.NotEmpty(t, ve.Fields)
			return
		}
		var apiErr *cbn.APIError
		if token != "" && errors.As(err, &apiErr) && apiErr.Code == cbn.CodeIdempotentParameterMismatch {
			return // the fuzzer reused a token with other parameters: the service is right
		}
		require.NoError(t, err, "valid for the client, refused by the service")
		require.NotEmpty(t, out.FlowLogID)
	})
}

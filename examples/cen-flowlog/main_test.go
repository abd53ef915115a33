package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		status int
		out    []string
	}{
		{"offline by default", nil, 0, []string{"Action=CreateFlowlog", "ClientToken=", "created: FlowLogId=flowlog-"}},
		{"every input flag", []string{"-cen-id", "cen-1", "-name", "流日志", "-client-token", "tok-1", "-transit-router-id", "tr-1",
			"-transit-router-attachment-id", "tr-attach-1", "-interval", "10m", "-log-format", "${srcaddr}${dstaddr}${bytes}", "-tag", "k=v"}, 0,
			[]string{"CenId=cen-1", "Interval=600", "TransitRouterAttachmentId=tr-attach-1", "ClientToken=tok-1", "Tag.1.Key=k"}},
		{"resent after a reset", []string{"-fault", "ResetAfterCommit"}, 0, []string{"connection reset (ResetAfterCommit)", "request 2:", "created:"}},
		{"attempts run out", []string{"-fault", "ServiceUnavailable", "-fault-count", "3"}, 1, []string{"error: HTTP 503", "resend with -client-token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			assert.Equal(t, tt.status, run(tt.args, &out, &errOut), "stdout:\n%s\nstderr:\n%s", &out, &errOut)
			for _, s := range tt.out {
				assert.Contains(t, out.String(), s)
			}
		})
	}
}

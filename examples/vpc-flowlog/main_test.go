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
		out    []string // in stdout
		errOut string   // in stderr
	}{
		{"offline by default", nil, 0, []string{"built-in emulator", "Action=CreateFlowLog", "Signature=<redacted>", "created: FlowLogId=flowlog-"}, ""},
		{"every input flag", []string{"-resource-type", "VPC", "-resource-id", "vpc-1", "-traffic-type", "Drop", "-tag", "env=prod",
			"-traffic-path", "internetGateway", "-aggregation-interval", "1m", "-ip-version", "IPv4", "-description", "Prod VPC", "-format", "XML"}, 0,
			[]string{"ResourceType=VPC", "Tag.1.Key=env", "Tag.1.Value=prod", "TrafficPath.1=internetGateway", "AggregationInterval=1", "Format=XML", "created:"}, ""},
		{"V3", []string{"-signature", "ACS3-HMAC-SHA256"}, 0, []string{"header Authorization: ACS3-HMAC-SHA256 Credential=", "Signature=<redacted>", "created:"}, ""},
		{"retried throttling", []string{"-fault", "Throttling", "-fault-count", "2", "-v"}, 0, []string{"-> 400 Throttling.User", "request 3:", "created:"}, "attempt=3 status=200"},
		{"API error", []string{"-fault", "InternalError"}, 1, []string{"error: HTTP 500 Code=InternalError RequestId=", "may exist"}, ""},
		{"invalid input", []string{"-project", "Bad_Project"}, 1, []string{"invalid input for CreateFlowLog:", "ProjectName: must be"}, ""},
		{"unknown flag", []string{"-bogus"}, 2, nil, "flag provided but not defined: -bogus"},
		{"unknown fault", []string{"-fault", "Gremlins"}, 2, nil, `-fault "Gremlins"`},
		{"live-only flag offline", []string{"-endpoint", "https://x"}, 2, nil, "need -live"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			assert.Equal(t, tt.status, run(tt.args, &out, &errOut), "stdout:\n%s\nstderr:\n%s", &out, &errOut)
			for _, s := range tt.out {
				assert.Contains(t, out.String(), s)
			}
			assert.Contains(t, errOut.String(), tt.errOut)
			assert.NotContains(t, out.String()+errOut.String(), "FlowLogEmulatorSecret")
		})
	}
}
